import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../modules/audit/audit.service.js';
import { buildTestApp, login, type TestApp } from '../../../test/build-test-app.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';
import { seedDemo } from '../seed-demo.js';

// The case loop's demo: units and handlers, ~60 cases across every state, and the leaking flat of 虎尾沟社区 whose
// timeline reads like the article.

const PASSWORD = 'Demo-pass-2026';
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.deps, PASSWORD);
}, 180_000);
afterAll(() => t.close());

interface Detail {
  number: string;
  state: string;
  closedBy: string | null;
  timeline: Array<{ action: string; actorName: string; at: string; note: string | null }>;
  assignments: Array<{ unitName: string; role: string; status: string }>;
  meetings: unknown[];
  rating: { rating: string } | null;
}

describe(`case loop demo (${TEST_DB_KIND})`, () => {
  it('when the demo is seeded, then about 60 cases exist in both communities across every state', async () => {
    const rows = await t.deps.db
      .selectFrom('cases as c')
      .innerJoin('grid_nodes as n', 'n.id', 'c.node_id')
      .select(['c.state', 'n.path'])
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(55);
    expect(rows.length).toBeLessThanOrEqual(65);
    const states = new Set(rows.map((r) => r.state));
    for (const s of [
      'collected',
      'accepted',
      'dispatched',
      'in_progress',
      'handled',
      'awaiting_rating',
      'closed',
      'rejected',
      'merged',
    ])
      expect(states.has(s), s).toBe(true);
    const closedBy = await t.deps.db
      .selectFrom('cases')
      .select('closed_by')
      .where('state', '=', 'closed')
      .execute();
    expect(new Set(closedBy.map((r) => r.closed_by))).toEqual(new Set(['rating', 'timeout']));
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });

  it('when unit1 and unit2 sign in, then they hold 住建局 and 物业公司 tasks; the units serve 城区 and 矿区', async () => {
    const u1 = await login(t.app, 'unit1', PASSWORD);
    const u2 = await login(t.app, 'unit2', PASSWORD);
    const inbox1 = (await u1.get('/api/cases')).json() as { total: number };
    const inbox2 = (await u2.get('/api/cases')).json() as { total: number };
    expect(inbox1.total).toBeGreaterThan(0);
    expect(inbox2.total).toBeGreaterThan(0);
    const units = (await u1.get('/api/units')).json() as {
      items: Array<{ code: string; nodes: Array<{ name: string }> }>;
    };
    for (const code of ['ZJJ', 'WYGS', 'CGZF', 'PCS', 'SFS', 'GRGS'])
      expect(
        units.items
          .find((u) => u.code === code)
          ?.nodes.map((n) => n.name)
          .sort(),
      ).toEqual(['城区', '矿区']);
  });

  it('when the reporter opens the leaking flat, then its public timeline tells the story from report to 满意', async () => {
    const resident = await login(t.app, 'resident2', PASSWORD);
    const list = (await resident.get('/api/cases?view=all')).json() as {
      items: Array<{ id: number; title: string }>;
    };
    const story = list.items.find((i) => i.title === '5号楼2单元601室房屋漏水');
    expect(story).toBeTruthy();
    const d = (await resident.get(`/api/cases/${story!.id}`)).json() as Detail;
    expect(d).toMatchObject({ state: 'closed', closedBy: 'rating', rating: { rating: 'satisfied' } });
    expect(d.timeline.map((e) => e.action)).toEqual([
      'create',
      'accept',
      'comment',
      'dispatch',
      'meeting',
      'meeting',
      'handle',
      'feedback',
      'rate',
    ]);
    expect(d.timeline.map((e) => e.actorName)).toEqual([
      '李桂兰',
      '胡晓',
      '胡晓',
      expect.any(String),
      '胡晓',
      '胡晓',
      '区住建局办事员',
      '胡晓',
      '李桂兰',
    ]);
    const times = d.timeline.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(d.meetings).toHaveLength(2);
    const agent = await login(t.app, 'agent1', PASSWORD);
    const full = (await agent.get(`/api/cases/${story!.id}`)).json() as Detail;
    expect(full.assignments.map((a) => [a.unitName, a.role, a.status])).toEqual([
      ['住建局', 'lead', 'done'],
      ['物业公司', 'assist', 'replied'],
    ]);
    expect(full.timeline.map((e) => e.action)).toContain('reply');
  });
});
