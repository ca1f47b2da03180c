import { describe, expect, it } from 'vitest';
import { type GridLevel, validateNodeCode } from '../../../../common/admin-codes.js';
import { checkPassword } from '../../../../common/password-policy.js';
import { DEMO_ACCOUNTS, DEMO_TREE, type DemoNode } from '../demo-data.js';
import { randomDemoPassword } from '../seed-demo.js';

function flatten(n: DemoNode, parent: DemoNode | null, out: Array<[DemoNode, DemoNode | null]> = []) {
  out.push([n, parent]);
  for (const c of n.children ?? []) flatten(c, n, out);
  return out;
}

describe('demo community', () => {
  const all = flatten(DEMO_TREE, null);

  it('when every demo node code is checked against its parent, then all are valid administrative / grid codes', () => {
    for (const [n, p] of all)
      expect(validateNodeCode(n.level as GridLevel, n.code, p?.code ?? null), n.name).toEqual({ ok: true });
  });

  it('when 政府大院社区 is counted, then it has 6 grids with party branches and 46 micro-grids with party groups', () => {
    const community = all.find(([n]) => n.name === '政府大院社区')![0];
    expect(community.children).toHaveLength(6);
    expect(community.children!.every((g) => g.partyOrgType === 'branch')).toBe(true);
    const micro = community.children!.flatMap((g) => g.children ?? []);
    expect(micro).toHaveLength(46);
    expect(micro.every((m) => m.partyOrgType === 'group')).toBe(true);
  });

  it('when demo accounts are listed, then every role the issue names has one and each points at a real node', () => {
    const keys = new Set(all.map(([n]) => n.key));
    for (const a of DEMO_ACCOUNTS) expect(keys.has(a.nodeKey), a.username).toBe(true);
    expect(DEMO_ACCOUNTS.map((a) => a.username)).toEqual(
      expect.arrayContaining([
        'admin',
        'auditor',
        'leader',
        'community',
        'grid1',
        'agent1',
        'mediator1',
        'unit1',
        'keeper1',
        'volunteer1',
        'resident1',
      ]),
    );
  });

  it('when a random demo password is generated, then it satisfies the password policy', () => {
    for (let i = 0; i < 200; i++) expect(checkPassword(randomDemoPassword())).toEqual({ ok: true });
  });
});
