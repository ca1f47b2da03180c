import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.js';
import {
  actOn,
  body,
  type CaseWorld,
  clients,
  driveTo,
  leakInput,
  makeCaseWorld,
  type Who,
} from '../../../test/cases-factories.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';
import { auditRows } from '../../../test/factories.js';
import { registerCaseEventListener } from '../../cases/case-events.js';
import type { NotificationPage, NotificationView } from '../notifications.service.js';

// Who hears about what (docs/notifications-webhooks.md), through the real case API on a real database.

let t: TestApp;
let w: CaseWorld;
let as: ReturnType<typeof clients>;

beforeAll(async () => {
  t = await buildTestApp();
  w = await makeCaseWorld(t);
  as = clients(t);
});
afterAll(() => t.close());

const userIdOf = (who: Who) => w.users[who].id;
const nameOf = (id: number) => Object.entries(w.users).find(([, u]) => u.id === id)?.[0];

/** Notification rows of one case (optionally one kind), as "who:kind" sorted. */
async function noticesOf(caseId: number, kind?: string) {
  let q = t.deps.db.selectFrom('notifications').selectAll().where('case_id', '=', caseId);
  if (kind) q = q.where('kind', '=', kind);
  return (await q.orderBy('id').execute()).map((r) => ({ ...r, who: nameOf(r.user_id) }));
}
const whoGot = async (caseId: number, kind?: string) =>
  (await noticesOf(caseId, kind)).map((n) => n.who).sort();

async function report(who: Who = 'resident', extra: Record<string, unknown> = {}) {
  const res = await (await as(who)).post(
    '/api/cases',
    leakInput(w, who === 'resident' ? extra : { source: 'grid_worker', ...extra }),
  );
  expect(res.statusCode, res.body).toBe(201);
  return body(res);
}

describe(`notifications from case events (${TEST_DB_KIND})`, () => {
  it('when a resident reports, then the intake staff of the place (grid 1 worker, community staff) get a new task, nobody else', async () => {
    const c = await report();
    expect(await whoGot(c.id)).toEqual(['grid1', 'staff']);
    const [n] = await noticesOf(c.id);
    expect(n).toMatchObject({
      kind: 'new_task',
      case_number: c.number,
      case_title: '3号楼顶层房屋漏水',
      read_at: null,
    });
    expect(n.actor_name).toBe('王建国');
    expect(JSON.parse(n.data!)).toEqual({ action: 'create' });
  });

  it('when the grid worker reports it, then the community staff is told and the reporter is not', async () => {
    const c = await report('grid1');
    expect(await whoGot(c.id)).toEqual(['staff']);
  });

  it('when accepted, then nobody more; when dispatched, then the lead and assisting units each get a new task with their role', async () => {
    const c = await report();
    const before = (await noticesOf(c.id)).length;
    expect((await actOn(await as('grid1'), c.id, 'accept', { contacted: true })).statusCode).toBe(200);
    expect(await noticesOf(c.id)).toHaveLength(before);
    const res = await actOn(await as('staff'), c.id, 'dispatch', {
      leadUnitId: w.units.zjj,
      assistUnitIds: [w.units.wygs],
    });
    expect(res.statusCode, res.body).toBe(200);
    const tasks = await noticesOf(c.id, 'new_task');
    const dispatched = tasks.filter((n) => JSON.parse(n.data!).action === 'dispatch');
    expect(dispatched.map((n) => n.who).sort()).toEqual(['wygs', 'zjj']);
    expect(JSON.parse(dispatched.find((n) => n.who === 'zjj')!.data!)).toMatchObject({ role: 'lead' });
    expect(JSON.parse(dispatched.find((n) => n.who === 'wygs')!.data!)).toMatchObject({ role: 'assist' });
    expect(dispatched[0].actor_name).toBe('社区书记');
    // Signing adds nobody.
    const n = (await noticesOf(c.id)).length;
    expect((await actOn(await as('zjj'), c.id, 'sign')).statusCode).toBe(200);
    expect(await noticesOf(c.id)).toHaveLength(n);
  });

  it('when the lead unit returns a dispatch, then the dispatcher is told, with the reason', async () => {
    const c = await report();
    await driveTo(as, w, c.id, 'dispatched');
    const res = await actOn(await as('zjj'), c.id, 'return', {
      reason: '不属于住建局职责，应由物业公司维修',
    });
    expect(res.statusCode, res.body).toBe(200);
    const returned = await noticesOf(c.id, 'returned');
    expect(returned.map((n) => n.who)).toEqual(['staff']);
    expect(JSON.parse(returned[0].data!)).toMatchObject({
      action: 'return',
      reason: '不属于住建局职责，应由物业公司维修',
    });
    expect(returned[0].actor_name).toBe('住建局办事员');
  });

  it('when a leader supervises, then the lead unit and the intake staff are told, not the leader', async () => {
    const c = await report();
    await driveTo(as, w, c.id, 'in_progress');
    const res = await actOn(await as('leader'), c.id, 'supervise', { note: '请三日内修复' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await whoGot(c.id, 'supervised')).toEqual(['grid1', 'staff', 'zjj']);
    expect(JSON.parse((await noticesOf(c.id, 'supervised'))[0].data!)).toMatchObject({
      note: '请三日内修复',
    });
  });

  it('when the resident rates, then the lead unit and the intake staff hear the rating', async () => {
    const c = await report();
    await driveTo(as, w, c.id, 'closed');
    const rated = await noticesOf(c.id, 'rated');
    expect(rated.map((n) => n.who).sort()).toEqual(['grid1', 'staff', 'zjj']);
    expect(JSON.parse(rated[0].data!)).toMatchObject({ action: 'rate', rating: 'satisfied' });
  });

  it('when the case write rolls back (a later listener fails), then no notification was written', async () => {
    const before = await t.deps.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const remove = registerCaseEventListener(() => {
      throw new Error('listener failure for the test');
    });
    try {
      const res = await (await as('resident')).post('/api/cases', leakInput(w));
      expect(res.statusCode).toBe(500);
    } finally {
      remove();
    }
    const after = await t.deps.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe(`the notification centre API (${TEST_DB_KIND})`, () => {
  afterEach(async () => {
    // Each test starts from staff's notifications all read.
    await (await as('staff')).post('/api/notifications/read-all');
  });

  it('when listing, then only my own, unread first and newest first, with the unread count', async () => {
    const staff = await as('staff');
    const first = await report();
    await (await as('staff')).post('/api/notifications/read-all');
    const second = await report();
    const third = await report();
    const res = await staff.get('/api/notifications?pageSize=3');
    expect(res.statusCode).toBe(200);
    const page = res.json() as NotificationPage;
    expect(page.unread).toBe(2);
    expect(page.items.map((n) => n.caseId)).toEqual([third.id, second.id, first.id]);
    expect(page.items.map((n) => n.readAt === null)).toEqual([true, true, false]);
    const rows = await t.deps.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', userIdOf('staff'))
      .execute();
    expect(page.total).toBe(rows.length);
    const unreadOnly = (await staff.get('/api/notifications?unread=1')).json() as NotificationPage;
    expect(unreadOnly.items.map((n) => n.caseId)).toEqual([third.id, second.id]);
    expect(unreadOnly.total).toBe(2);
    // Page 2 continues into the read ones.
    const p2 = (await staff.get('/api/notifications?pageSize=1&page=2')).json() as NotificationPage;
    expect(p2.items.map((n) => n.caseId)).toEqual([second.id]);
    const p3 = (await staff.get('/api/notifications?pageSize=1&page=3')).json() as NotificationPage;
    expect(p3.items.map((n) => n.caseId)).toEqual([first.id]);
    expect((await staff.get('/api/notifications/unread-count')).json()).toEqual({ count: 2 });
    // grid2 (another grid) has none of these.
    const g2 = (await (await as('grid2')).get('/api/notifications')).json() as NotificationPage;
    expect(g2.items.filter((n) => [first.id, second.id, third.id].includes(n.caseId!))).toHaveLength(0);
  });

  it('when marking one read, then it is stored, idempotent, and the count drops; all read clears the rest', async () => {
    const staff = await as('staff');
    await report();
    await report();
    const page = (await staff.get('/api/notifications?unread=1')).json() as NotificationPage;
    expect(page.items).toHaveLength(2);
    const target = page.items[0];
    const res = await staff.post(`/api/notifications/${target.id}/read`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as NotificationView).readAt).toBe(t.clock.now().toISOString());
    const row = await t.deps.db
      .selectFrom('notifications')
      .select('read_at')
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    expect(row.read_at).toBe(t.clock.now().toISOString());
    expect((await staff.post(`/api/notifications/${target.id}/read`)).statusCode).toBe(200);
    expect((await staff.get('/api/notifications/unread-count')).json()).toEqual({ count: 1 });
    const all = await staff.post('/api/notifications/read-all');
    expect(all.json()).toEqual({ updated: 1 });
    expect((await staff.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
  });

  it("when someone opens another user's notification, then 404 with an audit entry and it stays unread", async () => {
    await report();
    const [mine] = (await (await as('staff')).get('/api/notifications?unread=1')).json()
      .items as NotificationView[];
    const res = await (await as('grid2')).post(`/api/notifications/${mine.id}/read`);
    expect(res.statusCode).toBe(404);
    const denied = (await auditRows(t.deps, 'access.denied')).at(-1);
    expect(denied).toMatchObject({
      entity_type: 'notification',
      entity_id: String(mine.id),
      actor_name: 'grid2',
    });
    const row = await t.deps.db
      .selectFrom('notifications')
      .select('read_at')
      .where('id', '=', mine.id)
      .executeTakeFirstOrThrow();
    expect(row.read_at).toBeNull();
  });

  it('when not signed in, then 401; bad query values are 400', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
    expect((await (await as('staff')).get('/api/notifications?pageSize=1000')).statusCode).toBe(400);
    expect((await (await as('staff')).post('/api/notifications/abc/read')).statusCode).toBe(400);
  });
});
