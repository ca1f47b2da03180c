import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../../../common/permissions.js';
import { DEFAULT_TAGS } from '../../../../common/tags.js';
import {
  minimalPaths,
  residentActions,
  rolesAt,
  scopePaths,
  type TagRecord,
  tagVisibility,
  tagVisibleSubtrees,
} from '../registry.policy.js';

const tags: TagRecord[] = DEFAULT_TAGS.map((t, i) => ({
  id: i + 1,
  code: t.code,
  name: t.name,
  symbol: t.symbol,
  color: t.color,
  appliesTo: t.appliesTo,
  sensitivity: t.sensitivity,
  visibleRoles: [...t.visibleRoles],
  derived: t.derived,
  riskLevels: [...(t.riskLevels ?? [])],
  sort: i,
  active: true,
}));
const actor = (...a: Array<[Role, string]>): Actor => ({
  userId: 1,
  assignments: a.map(([role, nodePath], i) => ({ role, nodePath, nodeId: i + 1 })),
});

describe('registry policy', () => {
  it('when a leader holds the community and a grid worker role on grid 1, then sensitive tags show on grid 1 only', () => {
    const a = actor(['leader', '/1/4/'], ['grid_worker', '/1/4/5/']);
    const seen = tagVisibility(a, tags);
    expect(rolesAt(a, '/1/4/5/9/').sort()).toEqual(['grid_worker', 'leader']);
    expect(seen('/1/4/5/9/').has('severe_mental')).toBe(true);
    expect(seen('/1/4/6/10/').has('severe_mental')).toBe(false);
    expect(seen('/1/4/6/10/').has('elderly_alone')).toBe(true);
    const severe = tags.find((t) => t.code === 'severe_mental')!;
    expect(tagVisibleSubtrees(a, severe)).toEqual(['/1/4/5/']);
  });

  it.each<[Role, string, boolean]>([
    ['resident', 'party_household', false],
    ['mediator', 'rented', true],
    ['mediator', 'elderly_alone', false],
    ['leader', 'elderly_alone', true],
    ['leader', 'drug_user', false],
    ['grid_worker', 'drug_user', true],
    ['community_staff', 'community_correction', true],
    ['admin', 'vacant', true],
    ['admin', 'disabled', false],
  ])('when a %s looks for %s, then visible = %s', (role, code, visible) => {
    expect(tagVisibility(actor([role, '/1/']), tags)('/1/2/').has(code)).toBe(visible);
  });

  it('when a tag is inactive, then nobody sees it', () => {
    const off = tags.map((t) => (t.code === 'rented' ? { ...t, active: false } : t));
    expect(tagVisibility(actor(['community_staff', '/1/']), off)('/1/').has('rented')).toBe(false);
  });

  it('when paths nest, then only the outermost remain; scope follows the permission', () => {
    expect(minimalPaths(['/1/2/3/', '/1/2/', '/1/22/', '/1/2/'])).toEqual(['/1/2/', '/1/22/']);
    const a = actor(['leader', '/1/'], ['grid_worker', '/1/2/'], ['admin', '/9/']);
    expect(scopePaths(a, 'person.write')).toEqual(['/1/2/']);
    expect(scopePaths(a, 'person.read')).toEqual(['/1/']);
    expect(scopePaths(a, 'grid.read')).toEqual(['/1/', '/9/']);
  });

  it('when actions are computed, then writes need person.write, reveals person.reveal and a stored value', () => {
    const r = { status: 'active', hasIdNumber: true, hasPhone: false };
    expect(residentActions(actor(['leader', '/1/']), '/1/2/', r)).toEqual([]);
    expect(residentActions(actor(['grid_worker', '/1/']), '/1/2/', r)).toEqual([
      'edit',
      'move_out',
      'move_in',
      'assign_tag',
    ]);
    expect(
      residentActions(actor(['community_staff', '/1/']), '/1/2/', { ...r, status: 'moved_out' }),
    ).toEqual(['edit', 'move_in', 'reveal_id']);
  });
});
