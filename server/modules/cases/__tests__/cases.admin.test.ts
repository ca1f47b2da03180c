import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_SEED, UNIT_SEED } from '../../../../common/case-categories.js';
import { CALENDAR_SEED } from '../../../../common/case-deadlines.js';
import { buildTestApp, type Client, type TestApp } from '../../../test/build-test-app.js';
import { body, type CaseWorld, clients, leakInput, makeCaseWorld } from '../../../test/cases-factories.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';
import { auditRows } from '../../../test/factories.js';
import { ensureCaseSetup } from '../case-setup.js';

describe(`case reference data: categories, units, calendar, meta, print (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let w: CaseWorld;
  let as: ReturnType<typeof clients>;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeCaseWorld(t);
    as = clients(t);
  });
  afterAll(() => t.close());
  const put = (client: Client, url: string, payload: object) =>
    t.app.inject({
      method: 'PUT',
      url,
      payload,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrf },
    });

  it('when ensureCaseSetup runs again, then nothing is added and the seed is complete: categories, units and both calendar years', async () => {
    expect(await ensureCaseSetup(t.deps)).toEqual({ categories: [], units: [], calendarYears: [] });
    const cats = await t.deps.db.selectFrom('case_categories').select('code').execute();
    expect(cats.map((c) => c.code).sort()).toEqual(CATEGORY_SEED.map((c) => c.code).sort());
    expect((await t.deps.db.selectFrom('units').select('code').execute()).length).toBe(UNIT_SEED.length);
    expect((await t.deps.db.selectFrom('calendar_days').select('date').execute()).length).toBe(
      CALENDAR_SEED.length,
    );
    expect(await auditRows(t.deps, 'case.seed')).toHaveLength(1);
  });

  it('when anyone signed in reads the meta, then vocabularies with labels, the category tree with limits and the units come back', async () => {
    const res = await (await as('resident')).get('/api/cases/meta');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json() as {
      states: Array<{ value: string; label: { zh: string } }>;
      categories: Array<{ code: string; leaf: boolean; handlingLimits: object }>;
      units: Array<{ code: string; members: unknown[] }>;
    };
    expect(m.states[0]).toEqual({ value: 'collected', label: { zh: '待受理', en: 'Collected' } });
    expect(m.categories.find((c) => c.code === 'MS01')).toMatchObject({ leaf: true });
    expect(m.categories.find((c) => c.code === 'MS')).toMatchObject({ leaf: false });
    // Residents do not see who the handlers are.
    expect(m.units.every((u) => u.members.length === 0)).toBe(true);
    const staff = (await (await as('staff')).get('/api/units')).json() as {
      items: Array<{ code: string; members: Array<{ username: string }> }>;
    };
    expect(staff.items.find((u) => u.code === 'ZJJ')?.members.map((x) => x.username)).toEqual(['zjj']);
  });

  it('when an admin adds and edits a category, then it is stored and audited; others get 403', async () => {
    const limits = {
      normal: { amount: 5, unit: 'work_days' },
      urgent: { amount: 2, unit: 'work_days' },
      emergency: { amount: 24, unit: 'urgent_hours' },
    };
    const parent = (
      await t.deps.db
        .selectFrom('case_categories')
        .select('id')
        .where('code', '=', 'MS')
        .executeTakeFirstOrThrow()
    ).id;
    const input = {
      parentId: parent,
      code: 'MS09',
      name: { zh: '电梯故障', en: 'Lift fault' },
      responseLimits: limits,
      handlingLimits: limits,
      defaultUnitCode: 'WYGS',
    };
    expect((await (await as('staff')).post('/api/case-categories', input)).statusCode).toBe(403);
    const res = await (await as('admin')).post('/api/case-categories', input);
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: number }).id;
    const patched = await (await as('admin')).patch(`/api/case-categories/${id}`, {
      name: { zh: '电梯困人', en: 'Lift entrapment' },
    });
    expect(patched.json()).toMatchObject({ code: 'MS09', name: { zh: '电梯困人' } });
    expect((await auditRows(t.deps, 'case_category.create')).length).toBe(1);
    const dup = await (await as('admin')).post('/api/case-categories', input);
    expect(dup.statusCode).toBe(400);
  });

  it('when an admin sets a unit’s handlers and nodes, then they are stored; community staff may staff only units serving their own area', async () => {
    const zjj = w.units.zjj;
    let res = await put(await as('admin'), `/api/units/${zjj}/members`, {
      userIds: [w.users.zjj.id, w.users.pcs.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { members: Array<{ username: string }> }).members.map((m) => m.username)).toEqual([
      'pcs',
      'zjj',
    ]);
    // ZJJ serves the whole district, which is beyond the community secretary's reach.
    res = await put(await as('staff'), `/api/units/${zjj}/members`, { userIds: [w.users.zjj.id] });
    expect(res.statusCode).toBe(403);
    res = await put(await as('staff'), `/api/units/${w.units.cgzf}/nodes`, {
      nodeIds: [w.city.community.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await put(await as('staff'), `/api/units/${w.units.cgzf}/members`, { userIds: [w.users.pcs.id] });
    expect(res.statusCode, res.body).toBe(200);
    res = await put(await as('admin'), `/api/units/${zjj}/members`, { userIds: [w.users.zjj.id] });
    expect(res.statusCode).toBe(200);
  });

  it('when an admin marks a day a holiday, then deadlines computed afterwards skip it (the cached calendar is refreshed)', async () => {
    const report = async () => body(await (await as('resident')).post('/api/cases', leakInput(w))).id;
    const dueOf = async (id: number) =>
      (
        await t.deps.db
          .selectFrom('cases')
          .select('handling_due_at')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).handling_due_at as string;
    const before = await dueOf(await report());
    // The clock stands on Monday 2026-11-02; make Tuesday to Friday holidays.
    for (const d of ['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06']) {
      const res = await put(await as('admin'), `/api/calendar/${d}`, { kind: 'holiday', name: '测试假日' });
      expect(res.statusCode, res.body).toBe(200);
    }
    const after = await dueOf(await report());
    expect(after > before).toBe(true);
    const list = (await (await as('resident')).get('/api/calendar?year=2026')).json() as {
      items: Array<{ date: string }>;
    };
    expect(list.items.map((d) => d.date)).toContain('2026-11-04');
    for (const d of ['2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'])
      expect((await (await as('admin')).del(`/api/calendar/${d}`)).statusCode).toBe(204);
    expect(await dueOf(await report())).toBe(before);
    expect(
      (await put(await as('staff'), '/api/calendar/2026-11-07', { kind: 'workday', name: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await put(await as('admin'), '/api/calendar/2026-13-40', { kind: 'workday', name: 'x' })).statusCode,
    ).toBe(400);
  });

  it('when a case sheet is printed, then it carries the case, who printed it and when, and the print is audited', async () => {
    const id = body(await (await as('resident')).post('/api/cases', leakInput(w))).id;
    const res = await (await as('staff')).get(`/api/cases/${id}/print`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ case: { id }, printedBy: '社区书记' });
    expect((await auditRows(t.deps, 'case.print')).map((a) => a.entity_id)).toContain(String(id));
  });
});
