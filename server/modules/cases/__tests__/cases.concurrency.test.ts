import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.js';
import {
  body,
  type CaseJson,
  type CaseWorld,
  clients,
  driveTo,
  leakInput,
  makeCaseWorld,
} from '../../../test/cases-factories.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';

// Issue 4 item 12: people acting on one case at once. Requests are fired together (on PostgreSQL they run on the
// pool's parallel connections); exactly one wins, the others get 409 CASE_CONFLICT with the current case, and the
// timeline has exactly one event per winning action — none lost, none doubled.

describe(`acting on one case at once (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let w: CaseWorld;
  let as: ReturnType<typeof clients>;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeCaseWorld(t);
    as = clients(t);
  });
  afterAll(() => t.close());

  const count = async (id: number) =>
    Number(
      (
        await t.deps.db
          .selectFrom('case_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('case_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('when eight people act on a fresh case at the same moment, then one wins and seven get 409 with the current state', async () => {
    const created = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    const moves: Array<[string, string, Record<string, unknown>]> = [
      ['grid1', 'accept', {}],
      ['staff', 'accept', { contacted: true }],
      ['agent', 'reject', { reason: '重复反映' }],
      ['grid1', 'comment', { note: '网格员备注' }],
      ['staff', 'comment', { note: '书记备注' }],
      ['leader', 'supervise', { note: '督办' }],
      ['agent', 'escalate', { note: '上报社区' }],
      ['staff', 'supervise', { note: '社区督办' }],
    ];
    const actors = await Promise.all(moves.map(([who]) => as(who)));
    const results = await Promise.all(
      moves.map(([, action, fields], i) =>
        actors[i].post(`/api/cases/${created.id}/actions/${action}`, { version: created.version, ...fields }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((s) => s === 200)).toHaveLength(1);
    expect(codes.filter((s) => s === 409)).toHaveLength(7);
    const winner = body(results.find((r) => r.statusCode === 200)!);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      const err = r.json() as { error: { code: string; details: { current: CaseJson } } };
      expect(err.error.code).toBe('CASE_CONFLICT');
      expect(err.error.details.current.version).toBe(2);
      expect(err.error.details.current.state).toBe(winner.state);
    }
    const row = await t.deps.db
      .selectFrom('cases')
      .select(['version', 'state'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 2, state: winner.state });
    expect(await count(created.id)).toBe(2);
  });

  it('when the lead, the assisting unit, a leader and a worker act on a case in progress together, then exactly one event is added per round and versions never skip', async () => {
    const created = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    await driveTo(as, w, created.id, 'in_progress');
    await (await as('wygs')).post(`/api/cases/${created.id}/actions/sign`, {
      version: body(await (await as('wygs')).get(`/api/cases/${created.id}`)).version,
    });
    const before = await count(created.id);
    let wins = 0;
    for (let round = 0; round < 5; round++) {
      const current = body(await (await as('staff')).get(`/api/cases/${created.id}`));
      const moves: Array<[string, string, Record<string, unknown>]> = [
        ['zjj', 'comment', { note: `主办第${round}轮` }],
        ['wygs', 'comment', { note: `协办第${round}轮` }],
        ['leader', 'supervise', { note: `督办第${round}轮` }],
        ['grid1', 'comment', { note: `网格第${round}轮` }],
        ['agent', 'comment', { note: `代理第${round}轮` }],
      ];
      const actors = await Promise.all(moves.map(([who]) => as(who)));
      const results = await Promise.all(
        moves.map(([, action, fields], i) =>
          actors[i].post(`/api/cases/${created.id}/actions/${action}`, {
            version: current.version,
            ...fields,
          }),
        ),
      );
      const ok = results.filter((r) => r.statusCode === 200).length;
      expect(ok).toBe(1);
      expect(results.filter((r) => r.statusCode === 409)).toHaveLength(4);
      wins += ok;
    }
    expect(await count(created.id)).toBe(before + wins);
    const row = await t.deps.db
      .selectFrom('cases')
      .select('version')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(before + wins);
  });

  it('when twenty cases are reported at once, then their numbers are distinct and consecutive', async () => {
    const c = await as('grid1');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        c.post('/api/cases', leakInput(w, { title: `并发上报${i}`, source: 'grid_worker' })),
      ),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const seqs = results.map((r) => Number(body(r).number.slice(-6))).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(20);
    expect(seqs.at(-1)! - seqs[0]).toBe(19);
  });
});
