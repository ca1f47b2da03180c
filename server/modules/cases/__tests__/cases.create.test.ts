import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLimit, type TimeLimit } from '../../../../common/case-deadlines.js';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.js';
import { body, type CaseWorld, clients, leakInput, makeCaseWorld } from '../../../test/cases-factories.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';
import { auditRows } from '../../../test/factories.js';
import { makeVisit } from '../../../test/visits-factories.js';
import { workCalendar } from '../case-calendar.js';

describe(`creating cases (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let w: CaseWorld;
  let as: ReturnType<typeof clients>;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeCaseWorld(t);
    as = clients(t);
  });
  afterAll(() => t.close());

  it('when a resident reports a leak in their household, then 201 with number, deadlines from the category, one create event and one audit row', async () => {
    const res = await (await as('resident')).post('/api/cases', leakInput(w));
    expect(res.statusCode, res.body).toBe(201);
    const c = body(res);
    expect(c.number).toMatch(/^SQ-2026-\d{6}$/);
    expect(c.state).toBe('collected');
    expect(c.version).toBe(1);
    expect(c.nodeId).toBe(w.city.micro11.id);
    expect(c.timeline).toHaveLength(1);
    expect(c.timeline[0]).toMatchObject({ action: 'create', visibility: 'public', actorName: '王建国' });
    expect(c.allowedActions).toEqual(['comment']);
    const row = await t.deps.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    const cat = await t.deps.db
      .selectFrom('case_categories')
      .selectAll()
      .where('id', '=', w.cat.leak)
      .executeTakeFirstOrThrow();
    const cal = await workCalendar(t.deps.db);
    const start = t.clock.now();
    const limit = (json: string) => (JSON.parse(json) as Record<string, TimeLimit>).normal;
    expect(row.response_due_at).toBe(addLimit(start, limit(cat.response_limits), cal).toISOString());
    expect(row.handling_due_at).toBe(addLimit(start, limit(cat.handling_limits), cal).toISOString());
    expect(row.reporter_user_id).toBe(w.users.resident.id);
    const audit = (await auditRows(t.deps, 'case.create')).filter((a) => a.entity_id === String(c.id));
    expect(audit).toHaveLength(1);
    expect(audit[0].after_json).not.toContain('天花板');
  });

  it('when the description has 4001 characters and the category is unknown, then 400 listing both and nothing written', async () => {
    const before = await t.deps.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await (await as('grid1')).post(
      '/api/cases',
      leakInput(w, { description: '漏'.repeat(4001), categoryId: 99999 }),
    );
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { error: { details: Array<{ field: string; message: string }> } }).error
      .details;
    expect(fields.map((f) => f.field).sort()).toEqual(['categoryId', 'description']);
    expect(fields.find((f) => f.field === 'description')?.message).toContain('4000');
    const after = await t.deps.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('when a grid worker of grid 2 reports at a household of grid 1, then 404 and an access.denied audit row', async () => {
    const res = await (await as('grid2')).post('/api/cases', leakInput(w, { source: 'grid_worker' }));
    expect(res.statusCode).toBe(404);
    const denied = (await auditRows(t.deps, 'access.denied')).at(-1);
    expect(denied?.entity_type).toBe('household');
  });

  it('when a case is reported from a visit finding, then its source is visit, the household is the visit’s and the visit is flagged in the same transaction', async () => {
    const visitId = await makeVisit(t.deps, w.rooms[1], t.clock.now().toISOString(), { disputeFound: true });
    const res = await (await as('grid1')).post('/api/cases', {
      title: '邻里噪音纠纷',
      description: '走访时居民反映楼上装修噪音扰民',
      categoryId: w.cat.property,
      source: 'grid_worker',
      urgency: 'normal',
      visitId,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(body(res)).toMatchObject({ source: 'visit', householdId: w.rooms[1], visitId });
    const visit = await t.deps.db
      .selectFrom('visits')
      .select('flagged')
      .where('id', '=', visitId)
      .executeTakeFirstOrThrow();
    expect(visit.flagged).toBe(1);
  });
});
