import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
import { scanDeadlines } from '../notifications.service.js';

// The periodic deadline scan with a hand-moved clock: yellow at 75 % of the time, red when overdue, each once.

let t: TestApp;
let w: CaseWorld;
let as: ReturnType<typeof clients>;

beforeEach(async () => {
  t = await buildTestApp();
  w = await makeCaseWorld(t);
  as = clients(t);
});
afterEach(() => t.close());

const nameOf = (id: number) => Object.entries(w.users).find(([, u]) => u.id === id)?.[0];
async function alertsFor(caseId: number) {
  const rows = await t.deps.db
    .selectFrom('notifications')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('kind', 'in', ['deadline_yellow', 'deadline_red'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ who: nameOf(r.user_id), kind: r.kind, data: JSON.parse(r.data!) }));
}
async function caseRow(id: number) {
  return t.deps.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
/** Moves the clock to `share` of the way from the case's clock start to the given deadline. */
function moveTo(start: string, due: string, share: number) {
  const target = new Date(start).getTime() + share * (new Date(due).getTime() - new Date(start).getTime());
  const minutes = Math.ceil((target - t.clock.now().getTime()) / 60_000);
  if (minutes > 0) t.clock.advanceMinutes(minutes);
}

describe(`deadline alerts (${TEST_DB_KIND})`, () => {
  it('when a dispatched case passes 75 % and then its deadline, then the lead unit gets yellow once and red once', async () => {
    const c = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    await driveTo(as, w, c.id, 'dispatched');
    const row = await caseRow(c.id);
    expect(row.handling_due_at).not.toBeNull();
    moveTo(row.clock_start_at, row.handling_due_at!, 0.5);
    expect(await scanDeadlines(t.deps)).toEqual({ alerts: 0, notifications: 0 });
    moveTo(row.clock_start_at, row.handling_due_at!, 0.8);
    const first = await scanDeadlines(t.deps);
    expect(first).toEqual({ alerts: 1, notifications: 1 });
    expect(await alertsFor(c.id)).toEqual([
      {
        who: 'zjj',
        kind: 'deadline_yellow',
        data: { level: 'yellow', deadline: 'handling', dueAt: row.handling_due_at },
      },
    ]);
    expect(await scanDeadlines(t.deps)).toEqual({ alerts: 0, notifications: 0 });
    moveTo(row.clock_start_at, row.handling_due_at!, 1.01);
    expect(await scanDeadlines(t.deps)).toEqual({ alerts: 1, notifications: 1 });
    expect((await alertsFor(c.id)).map((a) => `${a.who}:${a.kind}`)).toEqual([
      'zjj:deadline_yellow',
      'zjj:deadline_red',
    ]);
    t.clock.advanceMinutes(60 * 24);
    expect(await scanDeadlines(t.deps)).toEqual({ alerts: 0, notifications: 0 });
    const recorded = await t.deps.db
      .selectFrom('case_deadline_alerts')
      .selectAll()
      .where('case_id', '=', c.id)
      .execute();
    expect(recorded.map((r) => r.level).sort()).toEqual(['red', 'yellow']);
  });

  it('when the community side handles it itself, then the self-handler is alerted; a case already overdue gets red only', async () => {
    const c = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    expect((await actOn(await as('grid1'), c.id, 'accept', { contacted: true })).statusCode).toBe(200);
    expect((await actOn(await as('grid1'), c.id, 'start')).statusCode).toBe(200);
    const row = await caseRow(c.id);
    moveTo(row.clock_start_at, row.handling_due_at!, 1.5);
    expect(await scanDeadlines(t.deps)).toEqual({ alerts: 1, notifications: 1 });
    expect((await alertsFor(c.id)).map((a) => `${a.who}:${a.kind}`)).toEqual(['grid1:deadline_red']);
  });

  it('when nobody has signed for a new case, then its response deadline alerts the intake staff', async () => {
    const c = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    const row = await caseRow(c.id);
    expect(row.response_due_at).not.toBeNull();
    moveTo(row.clock_start_at, row.response_due_at!, 0.9);
    await scanDeadlines(t.deps);
    const alerts = (await alertsFor(c.id)).filter((a) => a.data.deadline === 'response');
    expect(alerts.map((a) => `${a.who}:${a.kind}`).sort()).toEqual([
      'grid1:deadline_yellow',
      'staff:deadline_yellow',
    ]);
  });

  it('when a case is handled before its deadline, then no alert comes later', async () => {
    const c = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    await driveTo(as, w, c.id, 'handled');
    const row = await caseRow(c.id);
    t.clock.advanceMinutes(60 * 24 * 60);
    expect(await scanDeadlines(t.deps)).toEqual({ alerts: 0, notifications: 0 });
    expect(row.warn_at).toBeNull();
    expect(await alertsFor(c.id)).toEqual([]);
  });

  it('when two scans run at once, then each alert is written once', async () => {
    const c = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    await driveTo(as, w, c.id, 'dispatched');
    const row = await caseRow(c.id);
    moveTo(row.clock_start_at, row.handling_due_at!, 0.9);
    const [a, b] = await Promise.all([scanDeadlines(t.deps), scanDeadlines(t.deps)]);
    expect(a.alerts + b.alerts).toBe(1);
    expect(await alertsFor(c.id)).toHaveLength(1);
  });
});
