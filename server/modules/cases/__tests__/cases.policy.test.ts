import { describe, expect, it } from 'vitest';
import { warningLevel } from '../../../../common/case-deadlines.js';
import type { Actor, Role } from '../../../../common/permissions.js';
import {
  bigramSimilarity,
  bigrams,
  caseAccess,
  caseFacts,
  intakeRoots,
  liveWarning,
  readRoots,
  warnAtOf,
  warnInstant,
} from '../cases.policy.js';

// PURE policy: the capabilities every role has on a case at micro-grid /1/2/3/4/5/6/ (city 1 → district 2 → street 3
// → community 4 → grid 5 → micro-grid 6), in and out of scope.

const CASE_PATH = '/1/2/3/4/5/6/';
const actor = (role: Role, nodePath: string, userId = 10): Actor => ({
  userId,
  assignments: [{ role, nodeId: Number(nodePath.split('/').filter(Boolean).at(-1)), nodePath }],
});
const LEAD = 100;
const ASSIST = 200;
const input = {
  nodePath: CASE_PATH,
  reporterUserId: 50,
  followerUserIds: [51],
  assignments: [
    { unitId: LEAD, role: 'lead', status: 'signed' },
    { unitId: ASSIST, role: 'assist', status: 'pending' },
  ],
};

type Row = [string, Actor, number[], Partial<Record<string, boolean>>];
const ON = (...caps: string[]) => Object.fromEntries(caps.map((c) => [c, true]));

describe('case capabilities by role and scope', () => {
  const table: Row[] = [
    ['grid worker of the grid', actor('grid_worker', '/1/2/3/4/5/'), [], ON('intake', 'reader')],
    ['grid worker of another grid', actor('grid_worker', '/1/2/3/4/7/'), [], {}],
    [
      'community staff of the community',
      actor('community_staff', '/1/2/3/4/'),
      [],
      ON('intake', 'dispatcher', 'supervisor', 'reader'),
    ],
    ['community staff of another community', actor('community_staff', '/1/2/3/9/'), [], {}],
    ['petition agent of the community', actor('petition_agent', '/1/2/3/4/'), [], ON('intake', 'reader')],
    ['leader of the district', actor('leader', '/1/2/'), [], ON('supervisor', 'reader')],
    ['leader of another district', actor('leader', '/1/8/'), [], {}],
    ['mediator of the community', actor('mediator', '/1/2/3/4/'), [], ON('reader')],
    ['unit handler of the lead unit', actor('unit_handler', '/1/2/'), [LEAD], ON('leadUnit', 'reader')],
    [
      'unit handler of the assisting unit',
      actor('unit_handler', '/1/2/'),
      [ASSIST],
      ON('assistUnit', 'reader'),
    ],
    [
      'unit handler of an unrelated unit (its role covers the district)',
      actor('unit_handler', '/1/2/'),
      [300],
      {},
    ],
    ['the reporter', actor('resident', CASE_PATH, 50), [], ON('reporter', 'reader')],
    ['a follower (merged duplicate’s reporter)', actor('resident', CASE_PATH, 51), [], ON('reader')],
    ['another resident of the micro-grid', actor('resident', CASE_PATH, 52), [], {}],
    ['the administrator (三权分立: no case rights)', actor('admin', '/1/'), [], {}],
    ['the auditor', actor('auditor', '/1/'), [], {}],
  ];
  for (const [who, a, units, expected] of table) {
    it(`when ${who} looks at the case, then its capabilities are ${Object.keys(expected).join(', ') || 'none'}`, () => {
      const { caps } = caseAccess(a, units, input);
      for (const key of [
        'intake',
        'dispatcher',
        'supervisor',
        'leadUnit',
        'assistUnit',
        'reporter',
        'system',
        'reader',
      ] as const)
        expect(caps[key], `${who}: ${key}`).toBe(expected[key] === true);
    });
  }

  it('when the lead unit’s assignment was returned, then its handler is no longer the lead but still reads the case', () => {
    const { caps, unitReader } = caseAccess(actor('unit_handler', '/1/2/'), [LEAD], {
      ...input,
      assignments: [{ unitId: LEAD, role: 'lead', status: 'returned' }],
    });
    expect(caps.leadUnit).toBe(false);
    expect(unitReader).toBe(true);
  });

  it('when the scope roots are computed, then unit handlers and residents read nothing through the grid', () => {
    expect(readRoots(actor('unit_handler', '/1/2/'))).toEqual([]);
    expect(readRoots(actor('resident', CASE_PATH))).toEqual([]);
    expect(readRoots(actor('leader', '/1/2/'))).toEqual(['/1/2/']);
    expect(intakeRoots(actor('leader', '/1/2/'))).toEqual([]);
    expect(intakeRoots(actor('grid_worker', '/1/2/3/4/5/'))).toEqual(['/1/2/3/4/5/']);
  });

  it('when facts are taken for an assisting unit, then its own assignment status and the lead’s are reported', () => {
    const f = caseFacts(
      {
        state: 'in_progress',
        reopenCount: 0,
        selfHandled: false,
        nodeLevel: 'microgrid',
        nodeParentId: 5,
        assignments: input.assignments,
        extensionStates: ['denied', 'pending'],
      },
      [ASSIST],
    );
    expect(f).toEqual({
      state: 'in_progress',
      reopenCount: 0,
      selfHandled: false,
      hasPendingExtension: true,
      leadStatus: 'signed',
      myAssistStatus: 'pending',
      canEscalate: true,
    });
    const atDistrict = {
      state: 'collected' as const,
      reopenCount: 0,
      selfHandled: false,
      nodeLevel: 'district',
      nodeParentId: 1,
      assignments: [],
      extensionStates: [],
    };
    expect(caseFacts(atDistrict, []).canEscalate).toBe(false);
  });
});

describe('deadline clocks', () => {
  const start = new Date('2026-11-02T01:00:00.000Z');
  const due = new Date('2026-11-06T10:00:00.000Z');

  it('when the warn instant is computed, then common warningLevel turns yellow exactly there', () => {
    const at = warnInstant(start, due);
    expect(warningLevel(start, due, at)).toBe('yellow');
    expect(warningLevel(start, due, new Date(at.getTime() - 1))).toBe('ok');
  });

  it('when a case is collected, then both clocks run; accepted with the reporter contacted, only handling; handled, none', () => {
    const base = {
      clockStartAt: start.toISOString(),
      responseDueAt: '2026-11-03T01:00:00.000Z',
      handlingDueAt: due.toISOString(),
      hasReporter: true,
    };
    expect(warnAtOf({ ...base, state: 'collected', contactedAt: null })).toBe(
      warnInstant(start, new Date(base.responseDueAt)).toISOString(),
    );
    expect(warnAtOf({ ...base, state: 'accepted', contactedAt: start.toISOString() })).toBe(
      warnInstant(start, due).toISOString(),
    );
    expect(warnAtOf({ ...base, state: 'handled', contactedAt: null })).toBeNull();
    expect(
      liveWarning({ ...base, state: 'collected', contactedAt: null }, new Date('2026-11-03T02:00:00.000Z')),
    ).toBe('red');
    expect(
      liveWarning({ ...base, state: 'handled', contactedAt: null }, new Date('2026-12-03T02:00:00.000Z')),
    ).toBe('ok');
  });
});

describe('similar text', () => {
  it('when two titles share most character pairs, then they count as similar; unrelated ones do not', () => {
    expect(bigramSimilarity(bigrams('3号楼顶层房屋漏水'), bigrams('三号楼顶层漏水'))).toBeGreaterThanOrEqual(
      0.5,
    );
    expect(bigramSimilarity(bigrams('小区路灯不亮'), bigrams('3号楼顶层房屋漏水'))).toBeLessThan(0.5);
    expect(bigramSimilarity(bigrams(''), bigrams('漏水'))).toBe(0);
  });
});
