import { describe, expect, it } from 'vitest';
import type { Role } from '../../../../common/permissions.js';
import { sniffImage } from '../visit-photos.js';
import {
  canSeePlan,
  chinaDayStart,
  defaultTagVisibility,
  dueReasons,
  type HouseholdFacts,
  type PlanRule,
  parseList,
  quarterOf,
  quarterRange,
} from '../visits.policy.js';

const NOW = new Date('2026-11-02T01:00:00.000Z'); // 09:00 Beijing
const tags = defaultTagVisibility();

const household = (over: Partial<HouseholdFacts> = {}): HouseholdFacts => ({
  id: 1,
  nodePath: '/1/2/3/',
  createdAt: '2026-01-01T00:00:00.000Z',
  use: 'owner',
  members: [],
  openDisputes: 0,
  assigned: new Map(),
  lastVisitAt: null,
  lastScreenedAt: null,
  ...over,
});
const plan = (over: Partial<PlanRule>): PlanRule => ({
  id: 1,
  nodePath: '/1/',
  name: 'p',
  tagCode: null,
  riskLevels: [],
  everyDays: 91,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const all = () => true;

describe('visit plan visibility', () => {
  const cases: Array<[Role[], string | null, boolean]> = [
    [['grid_worker'], null, true],
    [['grid_worker'], 'severe_mental', true],
    [['community_staff'], 'community_correction', true],
    [['leader'], null, true],
    [['leader'], 'elderly_alone', true],
    [['leader'], 'severe_mental', false],
    [['petition_agent'], 'drug_user', false],
    [['admin'], null, false],
    [['mediator'], null, false],
    [['grid_worker'], 'no_such_tag', false],
  ];
  it.each(cases)('when roles %j look at a plan for %s, then visible = %s', (roles, tagCode, expected) => {
    expect(canSeePlan(roles, { tagCode }, tags)).toBe(expected);
  });
});

describe('due reasons', () => {
  it('when never visited, then due since the plan began, overdue by whole Beijing days', () => {
    const r = dueReasons(household(), [plan({ createdAt: '2026-10-30T15:00:00.000Z' })], NOW, all);
    // 30 Oct 23:00 Beijing → 2 Nov: 3 days
    expect(r).toEqual([expect.objectContaining({ overdueDays: 3, dueAt: '2026-10-30T15:00:00.000Z' })]);
  });

  it('when the next visit falls later today (Beijing), then it is due today with 0 days overdue', () => {
    const r = dueReasons(household({ lastScreenedAt: '2026-08-03T10:00:00.000Z' }), [plan({})], NOW, all);
    expect(r.map((x) => x.overdueDays)).toEqual([0]);
  });

  it('when the next visit falls tomorrow, then nothing is due', () => {
    const r = dueReasons(household({ lastScreenedAt: '2026-08-03T17:00:00.000Z' }), [plan({})], NOW, all);
    expect(r).toEqual([]);
  });

  it('when a plan names risk levels, then only assignments at those levels match', () => {
    const unstable = plan({
      id: 2,
      tagCode: 'severe_mental',
      riskLevels: ['3级', '4级', '5级'],
      everyDays: 14,
    });
    const stable = plan({ id: 3, tagCode: 'severe_mental', everyDays: 90 });
    const at1 = household({
      assigned: new Map([['severe_mental', ['1级']]]),
      lastVisitAt: '2026-10-01T00:00:00.000Z',
    });
    const at4 = household({
      assigned: new Map([['severe_mental', ['4级']]]),
      lastVisitAt: '2026-10-01T00:00:00.000Z',
    });
    expect(dueReasons(at1, [unstable, stable], NOW, all)).toEqual([]);
    expect(dueReasons(at4, [unstable, stable], NOW, all).map((r) => r.planId)).toEqual([2]);
  });

  it('when the one living resident is 60 or older, then the 独居老人 plan applies (derived, not stored)', () => {
    const weekly = plan({ tagCode: 'elderly_alone', everyDays: 7 });
    const member = { birthDate: '1960-01-01', livingHere: true, politicalStatus: 'masses', status: 'active' };
    expect(dueReasons(household({ members: [member] }), [weekly], NOW, all)).toHaveLength(1);
    expect(dueReasons(household({ members: [member, member] }), [weekly], NOW, all)).toHaveLength(0);
  });

  it('when a plan is set on another branch of the tree or hidden from the viewer, then it does not apply', () => {
    expect(dueReasons(household(), [plan({ nodePath: '/1/9/' })], NOW, all)).toEqual([]);
    expect(dueReasons(household(), [plan({})], NOW, () => false)).toEqual([]);
  });
});

describe('periods and days', () => {
  it.each([
    ['2026-09-30T15:59:59.000Z', '2026Q3'],
    ['2026-09-30T16:00:00.000Z', '2026Q4'],
    ['2026-12-31T16:00:00.000Z', '2027Q1'],
  ])('when the instant is %s, then the Beijing quarter is %s', (at, q) => {
    expect(quarterOf(new Date(at))).toBe(q);
  });

  it('when a quarter is parsed, then its UTC bounds start at Beijing midnight; junk is null', () => {
    expect(quarterRange('2026Q4')).toEqual({
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    });
    expect(quarterRange('2026Q5')).toBeNull();
    expect(quarterRange('Q4')).toBeNull();
  });

  it('when a Beijing day starts, then it is 16:00 UTC the day before', () => {
    expect(new Date(chinaDayStart(NOW)).toISOString()).toBe('2026-11-01T16:00:00.000Z');
  });

  it('when stored lists are JSON or comma-separated, then both parse', () => {
    expect(parseList('["3级","4级"]')).toEqual(['3级', '4级']);
    expect(parseList('grid_worker, community_staff')).toEqual(['grid_worker', 'community_staff']);
    expect(parseList(null)).toEqual([]);
    expect(parseList('[broken')).toEqual([]);
  });
});

describe('photo types by magic bytes', () => {
  it.each([
    [[0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
    [[...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP')], 'image/webp'],
    [[...Buffer.from('GIF89a')], null],
    [[...Buffer.from('<svg')], null],
    [[], null],
  ])('when a file starts with %j, then it is %s', (bytes, mime) => {
    expect(sniffImage(Uint8Array.from(bytes))).toBe(mime);
  });
});
