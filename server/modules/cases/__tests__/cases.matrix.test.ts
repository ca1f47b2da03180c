import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_ACTIONS } from '../../../../common/cases.js';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.js';
import {
  body,
  type CaseJson,
  type CaseWorld,
  clients,
  driveTo,
  leakInput,
  makeCaseWorld,
  type Who,
} from '../../../test/cases-factories.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';

// The policy matrix over HTTP: every person × every action × every state a case passes through. Whoever cannot read
// the case gets 404; every action missing from the viewer's allowedActions is refused (403 CASE_FORBIDDEN_ACTION /
// CASE_NOT_REPORTER, or 409 CASE_INVALID_TRANSITION) and writes nothing; every action listed succeeds.

const STATES = [
  'collected',
  'accepted',
  'dispatched',
  'in_progress',
  'handled',
  'awaiting_rating',
  'closed',
] as const;
type State = (typeof STATES)[number];
const PEOPLE: Who[] = [
  'grid1',
  'grid2',
  'staff',
  'other',
  'agent',
  'leader',
  'zjj',
  'wygs',
  'pcs',
  'resident',
  'resident2',
  'admin',
];

describe(`policy matrix: person × action × state (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let w: CaseWorld;
  let as: ReturnType<typeof clients>;
  let masterId: number;
  const fields = () => ({
    contacted: true,
    reason: '理由说明',
    leadUnitId: w.units.zjj,
    assistUnitIds: [w.units.wygs],
    text: '协办意见',
    heldAt: '2026-11-02T02:00:00.000Z',
    attendees: ['社区', '住建局'],
    decisions: '明确由物业维修',
    actionItems: [],
    result: '已修复',
    rating: 'satisfied',
    resolved: true,
    note: '说明',
    masterId,
    days: 3,
  });
  const fresh = async (state: State) => {
    const c = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    if (state !== 'collected') await driveTo(as, w, c.id, state);
    return c.id;
  };
  const snapshot = async (id: number) => {
    const row = await t.deps.db
      .selectFrom('cases')
      .select(['version', 'state'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const n = await t.deps.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    return { ...row, events: Number(n.n) };
  };
  const allowed = new Map<string, string[] | null>();

  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeCaseWorld(t);
    as = clients(t);
    masterId = body(await (await as('resident2')).post('/api/cases', leakInput(w, { title: '主事件' }))).id;
  });
  afterAll(() => t.close());

  for (const state of STATES) {
    it(`when a ${state} case is acted on by everyone, then refusals write nothing and match allowedActions`, async () => {
      const id = await fresh(state);
      for (const who of PEOPLE) {
        const client = await as(who);
        const view = await client.get(`/api/cases/${id}`);
        if (view.statusCode === 404) {
          allowed.set(`${state}|${who}`, null);
          const res = await client.post(`/api/cases/${id}/actions/comment`, { version: 1, note: 'x' });
          expect(res.statusCode, `${who} comments on a case they cannot read`).toBe(404);
          continue;
        }
        const current = body<CaseJson>(view);
        allowed.set(`${state}|${who}`, current.allowedActions);
        const before = await snapshot(id);
        for (const action of CASE_ACTIONS) {
          if (current.allowedActions.includes(action)) continue;
          const res = await client.post(`/api/cases/${id}/actions/${action}`, {
            version: current.version,
            ...fields(),
          });
          const code = (res.json() as { error?: { code: string } }).error?.code;
          expect([403, 409], `${state} ${who} ${action}: ${res.statusCode} ${res.body}`).toContain(
            res.statusCode,
          );
          if (res.statusCode === 403)
            expect(code).toBe(action === 'rate' ? 'CASE_NOT_REPORTER' : 'CASE_FORBIDDEN_ACTION');
          else expect(code).toBe('CASE_INVALID_TRANSITION');
        }
        expect(await snapshot(id), `${state} ${who} wrote something`).toEqual(before);
      }
      // Every listed action succeeds, each on a fresh case in the same state.
      for (const who of PEOPLE) {
        for (const action of allowed.get(`${state}|${who}`) ?? []) {
          const other = await fresh(state);
          const client = await as(who);
          const v = body<CaseJson>(await client.get(`/api/cases/${other}`)).version;
          const res = await client.post(`/api/cases/${other}/actions/${action}`, { version: v, ...fields() });
          expect(res.statusCode, `${state} ${who} ${action}: ${res.body}`).toBe(200);
        }
      }
    });
  }

  it('when the matrix is read back, then the key cells are as docs/domain/cases.md says', () => {
    const cell = (s: State, who: Who) => allowed.get(`${s}|${who}`);
    expect(cell('collected', 'grid1')).toEqual(['accept', 'reject', 'escalate', 'merge', 'comment']);
    expect(cell('collected', 'staff')).toEqual([
      'accept',
      'reject',
      'escalate',
      'merge',
      'supervise',
      'comment',
    ]);
    expect(cell('collected', 'agent')).toEqual(['accept', 'reject', 'escalate', 'merge', 'comment']);
    expect(cell('collected', 'leader')).toEqual(['supervise', 'comment']);
    expect(cell('collected', 'resident')).toEqual(['comment']);
    expect(cell('collected', 'zjj')).toBeNull();
    expect(cell('collected', 'grid2')).toBeNull();
    expect(cell('collected', 'other')).toBeNull();
    expect(cell('collected', 'resident2')).toBeNull();
    expect(cell('collected', 'admin')).toBeNull();
    expect(cell('accepted', 'staff')).toEqual([
      'dispatch',
      'start',
      'meeting',
      'escalate',
      'merge',
      'supervise',
      'comment',
    ]);
    // not signed yet: neither 协调会 nor 申请延期
    expect(cell('dispatched', 'zjj')).toEqual(['sign', 'return', 'comment']);
    expect(cell('dispatched', 'wygs')).toEqual(['sign', 'return', 'comment']);
    expect(cell('dispatched', 'pcs')).toBeNull();
    expect(cell('in_progress', 'zjj')).toEqual([
      'return',
      'meeting',
      'handle',
      'request_extension',
      'comment',
    ]);
    expect(cell('handled', 'grid1')).toEqual(['feedback', 'comment']);
    expect(cell('awaiting_rating', 'resident')).toEqual(['rate', 'comment']);
    expect(cell('awaiting_rating', 'staff')).toEqual(['supervise', 'comment']);
    expect(cell('closed', 'resident')).toEqual(['comment']);
    expect(cell('closed', 'zjj')).toEqual(['comment']);
  });
});
