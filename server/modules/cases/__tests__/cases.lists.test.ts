import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.js';
import {
  actOn,
  body,
  type CaseJson,
  type CaseWorld,
  clients,
  driveTo,
  leakInput,
  makeCaseWorld,
} from '../../../test/cases-factories.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';
import { auditRows } from '../../../test/factories.js';
import { runAutoClose } from '../case-scheduler.js';

interface Page {
  items: Array<{
    id: number;
    number: string;
    state: string;
    warning: string;
    handlingDueAt: string;
    responseDueAt: string | null;
    reporterName: string | null;
  }>;
  total: number;
}
const page = (res: { json(): unknown }) => res.json() as Page;

describe(`case lists, board, overdue, duplicates, bulk dispatch and auto-close (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let w: CaseWorld;
  let as: ReturnType<typeof clients>;
  const ids: Record<string, number> = {};
  const report = async (who: string, extra: Record<string, unknown> = {}) => {
    const res = await (await as(who)).post('/api/cases', leakInput(w, extra));
    expect(res.statusCode, res.body).toBe(201);
    return body(res);
  };

  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeCaseWorld(t);
    as = clients(t);
    ids.collected = (await report('resident')).id;
    t.clock.advanceMinutes(10);
    ids.urgent = (
      await report('grid1', {
        title: '楼道电线裸露',
        categoryId: w.cat.property,
        urgency: 'urgent',
        source: 'grid_worker',
      })
    ).id;
    t.clock.advanceMinutes(10);
    ids.dispatched = (await report('resident', { title: '暖气不热' })).id;
    await driveTo(as, w, ids.dispatched, 'dispatched');
    ids.grid2 = (
      await report('grid2', {
        title: '路灯不亮',
        householdId: w.roomsB[0],
        categoryId: w.cat.city,
        source: 'grid_worker',
      })
    ).id;
  });
  afterAll(() => t.close());

  it('when a grid worker opens the inbox, then it holds the cases waiting for the community side in its grid, earliest deadline first', async () => {
    const res = await (await as('grid1')).get('/api/cases');
    expect(res.statusCode, res.body).toBe(200);
    const p = page(res);
    expect(p.items.map((i) => i.id)).toEqual([ids.urgent, ids.collected]);
    expect(p.total).toBe(2);
    const due = p.items.map((i) => i.handlingDueAt);
    expect([...due].sort()).toEqual(due);
  });

  it('when a unit handler opens the inbox, then it holds their unit’s live assignments only', async () => {
    expect(page(await (await as('zjj')).get('/api/cases?view=inbox')).items.map((i) => i.id)).toEqual([
      ids.dispatched,
    ]);
    expect(page(await (await as('wygs')).get('/api/cases')).items.map((i) => i.id)).toEqual([ids.dispatched]);
    expect(page(await (await as('pcs')).get('/api/cases')).total).toBe(0);
    // Their "all" view is what their units were given, nothing of the rest of the district.
    expect(page(await (await as('zjj')).get('/api/cases?view=all')).items.map((i) => i.id)).toEqual([
      ids.dispatched,
    ]);
  });

  it('when the community staff list all with filters, then scope, state, category, source, unit, text and sort apply', async () => {
    const staff = await as('staff');
    const all = page(await staff.get('/api/cases?view=all&pageSize=50'));
    expect(all.items.map((i) => i.id).sort()).toEqual(Object.values(ids).sort());
    expect(page(await staff.get('/api/cases?view=all&state=dispatched')).items.map((i) => i.id)).toEqual([
      ids.dispatched,
    ]);
    expect(page(await staff.get(`/api/cases?view=all&categoryId=${w.cat.ms}`)).total).toBe(3);
    expect(page(await staff.get('/api/cases?view=all&source=grid_worker')).total).toBe(2);
    expect(
      page(await staff.get(`/api/cases?view=all&unitId=${w.units.wygs}`)).items.map((i) => i.id),
    ).toEqual([ids.dispatched]);
    expect(
      page(await staff.get(`/api/cases?view=all&q=${encodeURIComponent('路灯')}`)).items.map((i) => i.id),
    ).toEqual([ids.grid2]);
    const number = body(await staff.get(`/api/cases/${ids.urgent}`)).number;
    expect(page(await staff.get(`/api/cases?view=all&q=${number}`)).items.map((i) => i.id)).toEqual([
      ids.urgent,
    ]);
    expect(
      page(await staff.get(`/api/cases?view=all&nodeId=${w.city.grid2.id}`)).items.map((i) => i.id),
    ).toEqual([ids.grid2]);
    const created = page(await staff.get('/api/cases?view=all&sort=created&pageSize=2&page=1'));
    expect(created.items.map((i) => i.id)).toEqual([ids.grid2, ids.dispatched]);
    expect(created.total).toBe(4);
    // Reporter names: full for staff, masked for a unit handler.
    expect(body(await staff.get(`/api/cases/${ids.collected}`)).reporterName).toBe('王建国');
    expect(body(await (await as('zjj')).get(`/api/cases/${ids.dispatched}`)).reporterName).toBe('王*国');
  });

  it('when a grid worker filters by a node outside their grid, then 404 and an audit row; a case outside, 404 too', async () => {
    const res = await (await as('grid1')).get(`/api/cases?view=all&nodeId=${w.city.grid2.id}`);
    expect(res.statusCode).toBe(404);
    expect((await auditRows(t.deps, 'access.denied')).at(-1)).toMatchObject({ entity_type: 'grid_node' });
    expect((await (await as('grid1')).get(`/api/cases/${ids.grid2}`)).statusCode).toBe(404);
    expect((await auditRows(t.deps, 'access.denied')).at(-1)).toMatchObject({
      entity_type: 'case',
      entity_id: String(ids.grid2),
    });
    expect((await (await as('other')).get(`/api/cases/${ids.collected}`)).statusCode).toBe(404);
  });

  it('when the board is opened, then every state has its count and first items', async () => {
    const res = await (await as('staff')).get('/api/cases/board');
    expect(res.statusCode, res.body).toBe(200);
    const cols = (
      res.json() as { columns: Array<{ state: string; count: number; items: Array<{ id: number }> }> }
    ).columns;
    expect(cols.map((c) => c.state)).toEqual([
      'collected',
      'accepted',
      'dispatched',
      'in_progress',
      'handled',
      'awaiting_rating',
      'closed',
      'rejected',
      'merged',
    ]);
    expect(cols.find((c) => c.state === 'collected')?.count).toBe(3);
    expect(cols.find((c) => c.state === 'dispatched')?.items.map((i) => i.id)).toEqual([ids.dispatched]);
    const grid = (await (await as('staff')).get(`/api/cases/board?nodeId=${w.city.grid2.id}`)).json() as {
      columns: Array<{ count: number }>;
    };
    expect(grid.columns.reduce((n, c) => n + c.count, 0)).toBe(1);
  });

  it('when intake asks for duplicates, then open cases of the same household and category and similar titles come back', async () => {
    const res = await (await as('grid1')).get(
      `/api/cases/duplicates?householdId=${w.rooms[0]}&categoryId=${w.cat.leak}&text=${encodeURIComponent('三号楼顶层漏水')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: Array<{ id: number }> }).items.map((i) => i.id);
    expect(items).toContain(ids.collected);
    expect(items).not.toContain(ids.grid2);
    const text = (
      await (
        await as('grid1')
      ).get(`/api/cases/duplicates?nodeId=${w.city.micro11.id}&text=${encodeURIComponent('楼道里电线裸露')}`)
    ).json() as { items: Array<{ id: number }> };
    expect(text.items.map((i) => i.id)).toEqual([ids.urgent]);
    expect((await (await as('zjj')).get('/api/cases/duplicates?text=x')).statusCode).toBe(403);
  });

  it('when time passes, then yellow and red cases come up on the overdue list, most overdue first', async () => {
    expect(page(await (await as('staff')).get('/api/cases/overdue')).total).toBe(0);
    t.clock.advanceMinutes(60 * 24 * 30);
    as = clients(t); // sessions idle out over a month
    const staff = await as('staff');
    const p = page(await staff.get('/api/cases/overdue'));
    expect(p.total).toBe(4);
    expect(p.items.every((i) => i.warning === 'red')).toBe(true);
    // by the running deadline: the response one of a 待受理 case when earlier
    const due = p.items.map((i) =>
      i.state === 'collected' && i.responseDueAt && i.responseDueAt < i.handlingDueAt
        ? i.responseDueAt
        : i.handlingDueAt,
    );
    expect([...due].sort()).toEqual(due);
    expect(page(await staff.get('/api/cases?view=all&overdue=1')).total).toBe(4);
  });

  it('when several accepted cases are dispatched in bulk, then each gets its own result', async () => {
    const a = (await report('resident', { title: '批量一' })).id;
    const b = (await report('resident', { title: '批量二' })).id;
    await driveTo(as, w, a, 'accepted');
    await driveTo(as, w, b, 'accepted');
    const res = await (await as('staff')).post('/api/cases/bulk/dispatch', {
      ids: [a, b, ids.collected, ids.grid2 + 1000],
      leadUnitId: w.units.zjj,
      assistUnitIds: [w.units.wygs],
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = (res.json() as { results: Array<{ id: number; ok: boolean; code?: string; state?: string }> })
      .results;
    expect(r).toEqual([
      expect.objectContaining({ id: a, ok: true, state: 'dispatched' }),
      expect.objectContaining({ id: b, ok: true, state: 'dispatched' }),
      { id: ids.collected, ok: false, code: 'CASE_INVALID_TRANSITION' },
      { id: ids.grid2 + 1000, ok: false, code: 'NOT_FOUND' },
    ]);
  });

  it('when a case waits for a rating for more than 7 days, then the sweep closes it by timeout, once', async () => {
    const c = (await report('resident', { title: '等评价' })).id;
    const d: CaseJson = await driveTo(as, w, c, 'awaiting_rating');
    expect(d.state).toBe('awaiting_rating');
    t.clock.advanceMinutes(60 * 24 * 7 - 1);
    expect(await runAutoClose(t.deps)).toBe(0);
    t.clock.advanceMinutes(2);
    as = clients(t);
    expect(await runAutoClose(t.deps)).toBe(1);
    expect(await runAutoClose(t.deps)).toBe(0);
    const closed = body(await (await as('resident')).get(`/api/cases/${c}`));
    expect(closed).toMatchObject({ state: 'closed', closedBy: 'timeout' });
    expect(closed.timeline.at(-1)).toMatchObject({
      action: 'auto_close',
      actorName: '系统',
      visibility: 'public',
    });
    expect((await auditRows(t.deps, 'case.auto_close')).map((a) => a.entity_id)).toEqual([String(c)]);
    // A late rating is refused.
    const late = await actOn(await as('resident'), c, 'rate', { rating: 'satisfied', resolved: true });
    expect(late.statusCode).toBe(409);
  });
});
