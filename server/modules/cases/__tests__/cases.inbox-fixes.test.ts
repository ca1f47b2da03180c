import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMigrator } from '../../../db/migrate.js';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.js';
import {
  actOn,
  body,
  type CaseWorld,
  clients,
  driveTo,
  leakInput,
  makeCaseWorld,
} from '../../../test/cases-factories.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';

interface Page {
  items: Array<{ id: number; state: string; responseDueAt: string | null; handlingDueAt: string | null }>;
  total: number;
}
const page = (res: { json(): unknown }) => res.json() as Page;

// Bugs found by the web and e2e engineers (issue 4): running deadline, extension inbox, closed cases in a unit's
// inbox, and what a lead unit is offered before it signs.
describe(`case inboxes and the running deadline (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let w: CaseWorld;
  let as: ReturnType<typeof clients>;
  const report = async (who: string, extra: Record<string, unknown> = {}) => {
    const res = await (await as(who)).post('/api/cases', leakInput(w, extra));
    expect(res.statusCode, res.body).toBe(201);
    return body(res);
  };

  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeCaseWorld(t);
    as = clients(t);
  });
  afterAll(() => t.close());

  it('when a 待受理 case’s response deadline is earlier, then it sorts first and overdue=1 finds it once that deadline passed', async () => {
    const contacted = (await report('resident', { title: '已联系的漏水' })).id;
    await driveTo(as, w, contacted, 'accepted'); // accepted with the reporter contacted: only handling runs
    t.clock.advanceMinutes(60 * 24);
    as = clients(t);
    const collected = (await report('resident', { title: '待受理的漏水' })).id;
    const staff = await as('staff');
    const c = body(await staff.get(`/api/cases/${collected}`));
    const a = body(await staff.get(`/api/cases/${contacted}`));
    const respDue = c.responseDueAt as string;
    // the situation of the report: handling deadlines say the accepted case first, the response deadline says not
    expect(String(a.handlingDueAt) < String(c.handlingDueAt)).toBe(true);
    expect(respDue < String(a.handlingDueAt)).toBe(true);

    const inbox = page(await (await as('grid1')).get('/api/cases'));
    expect(inbox.items.map((i) => i.id)).toEqual([collected, contacted]);
    const due = page(await staff.get('/api/cases?view=all&sort=due'));
    expect(due.items.map((i) => i.id)).toEqual([collected, contacted]);

    // just after the response deadline: the 待受理 case is overdue, the other one not yet
    t.clock.advanceMinutes(Math.ceil((new Date(respDue).getTime() - t.clock.now().getTime()) / 60_000) + 1);
    as = clients(t);
    const overdue = page(await (await as('staff')).get('/api/cases?view=all&overdue=1'));
    expect(overdue.items.map((i) => i.id)).toEqual([collected]);
    expect(overdue.total).toBe(1);

    // accepted and contacted: the handling deadline runs again, not overdue any more
    const res = await actOn(await as('grid1'), collected, 'accept', { contacted: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(page(await (await as('staff')).get('/api/cases?view=all&overdue=1')).total).toBe(0);
    const row = await t.deps.db
      .selectFrom('cases')
      .select(['due_at', 'handling_due_at'])
      .where('id', '=', collected)
      .executeTakeFirstOrThrow();
    expect(row.due_at).toBe(row.handling_due_at);
  });

  it('when the lead unit has not signed, then it is offered neither 申请延期 nor 协调会 and cannot do either', async () => {
    const id = (await report('resident', { title: '未签收的漏水' })).id;
    await driveTo(as, w, id, 'dispatched');
    const zjj = await as('zjj');
    const detail = body(await zjj.get(`/api/cases/${id}`));
    expect(detail.allowedActions).not.toContain('request_extension');
    expect(detail.allowedActions).not.toContain('meeting');
    expect(detail.allowedActions).toContain('sign');
    const ext = await actOn(zjj, id, 'request_extension', { days: 5, reason: '需要采购材料' });
    expect(ext.statusCode, ext.body).toBe(409);
    expect(ext.json()).toMatchObject({ error: { code: 'CASE_INVALID_TRANSITION' } });
    const rows = await t.deps.db
      .selectFrom('case_extensions')
      .selectAll()
      .where('case_id', '=', id)
      .execute();
    expect(rows).toEqual([]);
    expect((await actOn(zjj, id, 'sign')).statusCode).toBe(200);
    const signed = body(await zjj.get(`/api/cases/${id}`));
    expect(signed.allowedActions).toEqual(expect.arrayContaining(['request_extension', 'meeting', 'handle']));
  });

  it('when the lead unit asks for an extension, then the case is in the community staff’s inbox until decided', async () => {
    const id = (await report('resident', { title: '要延期的漏水' })).id;
    await driveTo(as, w, id, 'in_progress');
    const inboxIds = async () =>
      page(await (await as('staff')).get('/api/cases?pageSize=50')).items.map((i) => i.id);
    expect(await inboxIds()).not.toContain(id);
    const res = await actOn(await as('zjj'), id, 'request_extension', {
      days: 5,
      reason: '需要采购防水材料',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await inboxIds()).toContain(id);
    const approve = await actOn(await as('staff'), id, 'approve_extension', { reason: '同意' });
    expect(approve.statusCode, approve.body).toBe(200);
    expect(await inboxIds()).not.toContain(id);
  });

  it('when a case is closed, then no unit’s inbox lists it, though an assignment was left live', async () => {
    const id = (await report('resident', { title: '已办结的漏水' })).id;
    await driveTo(as, w, id, 'in_progress');
    const before = page(await (await as('wygs')).get('/api/cases?pageSize=50')).items.map((i) => i.id);
    expect(before).toContain(id); // the assist unit never signed: its assignment stays pending
    await actOn(await as('zjj'), id, 'handle', { result: '已修复' });
    await actOn(await as('grid1'), id, 'feedback', { note: '已告知居民' });
    const rated = await actOn(await as('resident'), id, 'rate', { rating: 'satisfied', resolved: true });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(body(rated).state).toBe('closed');
    const live = await t.deps.db
      .selectFrom('case_assignments')
      .select('status')
      .where('case_id', '=', id)
      .where('status', 'in', ['pending', 'signed'])
      .execute();
    expect(live.length).toBeGreaterThan(0);
    for (const who of ['wygs', 'zjj'] as const) {
      const p = page(await (await as(who)).get('/api/cases?pageSize=50'));
      expect(p.items.map((i) => i.id)).not.toContain(id);
      expect(p.items.every((i) => !['closed', 'rejected', 'merged'].includes(i.state))).toBe(true);
    }
  });

  it('when staff create a case, then the answer leaves duplicates to GET /api/cases/:id, which lists them', async () => {
    const first = await report('grid1', { title: '楼顶水箱漏水', source: 'grid_worker' });
    const res = await (await as('grid1')).post(
      '/api/cases',
      leakInput(w, { title: '楼顶水箱漏水', source: 'grid_worker' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const created = body(res);
    expect(created.duplicates).toEqual([]);
    const detail = body(await (await as('grid1')).get(`/api/cases/${created.id}`));
    expect((detail.duplicates as Array<{ id: number }>).map((d) => d.id)).toContain(first.id);
    // the write itself is complete: its timeline event and audit row
    expect(detail.timeline.map((e) => e.action)).toEqual(['create']);
  });

  it('when migrations 0012 and 0013 are run again over these cases, then their backfill gives what the service stored', async () => {
    const read = () =>
      t.deps.db.selectFrom('cases').select(['id', 'state', 'due_at', 'staff_task']).orderBy('id').execute();
    const stored = await read();
    expect(stored.length).toBeGreaterThan(5);
    expect(stored.some((r) => r.staff_task === 1) && stored.some((r) => r.staff_task === 0)).toBe(true);
    const migrator = makeMigrator(t.deps.db);
    for (let i = 0; i < 2; i++) expect((await migrator.migrateDown()).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await read()).toEqual(stored);
  });
});
