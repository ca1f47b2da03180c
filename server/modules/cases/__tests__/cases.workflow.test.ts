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

// The transition integration: every action of docs/domain/cases.md through the API, asserting the response, the
// rows written (case, assignments, meetings, extensions, ratings, followers, events) and the audit row.

describe(`case workflow over HTTP (${TEST_DB_KIND})`, () => {
  let t: TestApp;
  let w: CaseWorld;
  let as: ReturnType<typeof clients>;
  const db = () => t.deps.db;
  const caseRow = (id: number) =>
    db().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const events = (id: number) =>
    db().selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('id').execute();
  const assignments = (id: number) =>
    db().selectFrom('case_assignments').selectAll().where('case_id', '=', id).orderBy('id').execute();
  const report = async (who: Parameters<typeof as>[0] = 'resident', extra: Record<string, unknown> = {}) => {
    const res = await (await as(who)).post('/api/cases', leakInput(w, extra));
    expect(res.statusCode, res.body).toBe(201);
    return body(res);
  };
  const lastAudit = async (action: string, id: number) =>
    (await auditRows(t.deps, action)).filter((a) => a.entity_id === String(id)).at(-1);

  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeCaseWorld(t);
    as = clients(t);
  });
  afterAll(() => t.close());

  it('when the leaking-flat story is played (accept, dispatch lead + assist, meeting, sign, reply, handle, feedback, rate 满意), then it is closed with one event per step', async () => {
    const c = await report();
    let res = await actOn(await as('agent'), c.id, 'accept', { contacted: true, note: '已入户查看' });
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res)).toMatchObject({ state: 'accepted', version: 2 });
    expect((await caseRow(c.id)).contacted_at).not.toBeNull();

    res = await actOn(await as('staff'), c.id, 'dispatch', {
      leadUnitId: w.units.zjj,
      assistUnitIds: [w.units.wygs],
    });
    expect(res.statusCode, res.body).toBe(200);
    let d = body(res);
    expect(d.state).toBe('dispatched');
    expect(d.leadUnitName).toBe('住建局');
    const rows = await assignments(c.id);
    expect(rows.map((a) => [a.unit_id, a.role, a.status])).toEqual([
      [w.units.zjj, 'lead', 'pending'],
      [w.units.wygs, 'assist', 'pending'],
    ]);
    expect(rows[0].due_at).toBe((await caseRow(c.id)).handling_due_at);

    res = await actOn(await as('zjj'), c.id, 'sign');
    expect(body(res).state).toBe('in_progress');
    res = await actOn(await as('wygs'), c.id, 'sign');
    expect(body(res).state).toBe('in_progress');
    expect(body(res).allowedActions).toEqual(expect.arrayContaining(['reply', 'return', 'comment']));

    res = await actOn(await as('agent'), c.id, 'meeting', {
      heldAt: t.clock.now().toISOString(),
      place: '虎尾沟社区党群服务中心',
      attendees: ['胡晓（信访代理员）', '住建局办事员', '物业经理', '居民'],
      decisions: '漏水系楼顶防水层老化所致，由物业公司维修、住建局监督，维修基金列支。',
      actionItems: [
        { who: '物业公司', what: '更换楼顶防水层', by: '2026-11-09T10:00:00.000Z' },
        { who: '住建局', what: '验收' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    d = body(res);
    expect((d.meetings as unknown[]).length).toBe(1);
    const meeting = await db()
      .selectFrom('case_meetings')
      .selectAll()
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(meeting.action_items)).toHaveLength(2);

    res = await actOn(await as('wygs'), c.id, 'reply', { text: '已安排施工队，三日内完成' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await assignments(c.id))[1]).toMatchObject({
      status: 'replied',
      reply: '已安排施工队，三日内完成',
    });

    res = await actOn(await as('zjj'), c.id, 'handle', { result: '物业公司已更换防水层，住建局验收合格' });
    expect(body(res)).toMatchObject({ state: 'handled', result: '物业公司已更换防水层，住建局验收合格' });
    expect((await assignments(c.id))[0].status).toBe('done');
    expect((await caseRow(c.id)).warn_at).toBeNull();

    res = await actOn(await as('agent'), c.id, 'feedback', { note: '已告知居民维修结果' });
    expect(body(res).state).toBe('awaiting_rating');

    res = await actOn(await as('resident'), c.id, 'rate', {
      rating: 'satisfied',
      resolved: true,
      comment: '修得很快，谢谢',
    });
    expect(res.statusCode, res.body).toBe(200);
    d = body(res);
    expect(d).toMatchObject({ state: 'closed', closedBy: 'rating' });
    expect(d.rating).toMatchObject({ rating: 'satisfied', resolved: true });

    const ev = await events(c.id);
    expect(ev.map((e) => e.action)).toEqual([
      'create',
      'accept',
      'dispatch',
      'sign',
      'sign',
      'meeting',
      'reply',
      'handle',
      'feedback',
      'rate',
    ]);
    expect((await caseRow(c.id)).version).toBe(ev.length);
    // The resident sees public events only: no sign or reply.
    const mine = body(await (await as('resident')).get(`/api/cases/${c.id}`));
    expect(mine.timeline.map((e) => e.action)).toEqual([
      'create',
      'accept',
      'dispatch',
      'meeting',
      'handle',
      'feedback',
      'rate',
    ]);
    expect(await lastAudit('case.rate', c.id)).toBeTruthy();
  });

  it('when a case is rejected, then the reason is public and the case is terminal', async () => {
    const c = await report();
    const res = await actOn(await as('grid1'), c.id, 'reject', {
      reason: '属于司法诉讼事项，请通过法院起诉',
    });
    expect(body(res)).toMatchObject({
      state: 'rejected',
      rejectReason: '属于司法诉讼事项，请通过法院起诉',
      allowedActions: ['comment'],
    });
    const mine = body(await (await as('resident')).get(`/api/cases/${c.id}`));
    expect(mine.timeline.at(-1)).toMatchObject({
      action: 'reject',
      note: '属于司法诉讼事项，请通过法院起诉',
    });
    expect(await lastAudit('case.reject', c.id)).toBeTruthy();
  });

  it('when the community handles it itself (start), then it may handle and ask for an extension, and a dispatcher approves it', async () => {
    const c = await report();
    await driveTo(as, w, c.id, 'accepted');
    let res = await actOn(await as('grid1'), c.id, 'start');
    expect(body(res).state).toBe('in_progress');
    const due = (await caseRow(c.id)).handling_due_at as string;
    res = await actOn(await as('grid1'), c.id, 'request_extension', { days: 5, reason: '等待材料到货' });
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res).allowedActions).not.toContain('request_extension');
    res = await actOn(await as('staff'), c.id, 'approve_extension');
    expect(res.statusCode, res.body).toBe(200);
    const moved = (await caseRow(c.id)).handling_due_at as string;
    expect(new Date(moved).getTime() - new Date(due).getTime()).toBe(5 * 86_400_000);
    const ext = await db()
      .selectFrom('case_extensions')
      .selectAll()
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(ext.state).toBe('approved');
    res = await actOn(await as('grid1'), c.id, 'request_extension', { days: 2, reason: '施工延误' });
    res = await actOn(await as('staff'), c.id, 'deny_extension', { reason: '不再延期' });
    expect(res.statusCode, res.body).toBe(200);
    res = await actOn(await as('grid1'), c.id, 'handle', { result: '已协调修好' });
    expect(body(res).state).toBe('handled');
  });

  it('when the lead unit returns a dispatch, then the case is accepted again and the assist assignment is closed too', async () => {
    const c = await report();
    await driveTo(as, w, c.id, 'dispatched');
    const res = await actOn(await as('zjj'), c.id, 'return', {
      reason: '不属于住建局职责，应由物业公司处理',
    });
    expect(body(res)).toMatchObject({ state: 'accepted', leadUnitName: null });
    expect((await assignments(c.id)).map((a) => a.status)).toEqual(['returned', 'returned']);
    // Re-dispatch to the right unit.
    const again = await actOn(await as('staff'), c.id, 'dispatch', { leadUnitId: w.units.wygs });
    expect(body(again).state).toBe('dispatched');
    expect((await assignments(c.id)).at(-1)).toMatchObject({
      unit_id: w.units.wygs,
      role: 'lead',
      status: 'pending',
    });
  });

  it('when an assisting unit returns its part, then only its assignment is returned', async () => {
    const c = await report();
    await driveTo(as, w, c.id, 'in_progress');
    const res = await actOn(await as('wygs'), c.id, 'return', { reason: '非本小区物业' });
    expect(body(res).state).toBe('in_progress');
    expect((await assignments(c.id)).map((a) => a.status)).toEqual(['signed', 'returned']);
  });

  it('when a case is escalated twice, then its node goes micro-grid → grid → community', async () => {
    const c = await report();
    let res = await actOn(await as('grid1'), c.id, 'escalate', { note: '需社区协调' });
    expect(body(res).nodeId).toBe(w.city.grid1.id);
    res = await actOn(await as('grid1'), c.id, 'escalate', { note: '需社区书记出面' });
    expect(body(res).nodeId).toBe(w.city.community.id);
    // The grid worker no longer reaches it; community staff do.
    expect((await (await as('grid1')).get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    expect(body(await (await as('staff')).get(`/api/cases/${c.id}`)).allowedActions).toContain('escalate');
  });

  it('when a duplicate is merged into its master, then it is merged and its reporter follows the master', async () => {
    const master = await report('resident');
    const dup = await report('resident2', { title: '三号楼顶层漏水' });
    const view = body(await (await as('grid1')).get(`/api/cases/${dup.id}`));
    expect((view.duplicates as Array<{ id: number }>).map((x) => x.id)).toContain(master.id);
    const res = await actOn(await as('grid1'), dup.id, 'merge', { masterId: master.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res)).toMatchObject({ state: 'merged', masterId: master.id, masterNumber: master.number });
    const followers = await db()
      .selectFrom('case_followers')
      .selectAll()
      .where('case_id', '=', master.id)
      .execute();
    expect(followers.map((f) => f.user_id)).toEqual([w.users.resident2.id]);
    expect((await caseRow(master.id)).version).toBe(2);
    // The follower now reads the master (public events only).
    expect((await (await as('resident2')).get(`/api/cases/${master.id}`)).statusCode).toBe(200);
    // A merged case cannot be merged into.
    const third = await report('resident');
    const bad = await actOn(await as('grid1'), third.id, 'merge', { masterId: dup.id });
    expect(bad.statusCode).toBe(400);
  });

  it('when a leader supervises, then the case is flagged, urgency goes up and the deadline never moves later', async () => {
    const c = await report();
    const before = await caseRow(c.id);
    const res = await actOn(await as('leader'), c.id, 'supervise', { note: '请加快办理' });
    expect(res.statusCode, res.body).toBe(200);
    expect(body(res)).toMatchObject({ supervised: true, urgency: 'urgent' });
    const after = await caseRow(c.id);
    expect((after.handling_due_at as string) <= (before.handling_due_at as string)).toBe(true);
    expect((await events(c.id)).at(-1)).toMatchObject({ action: 'supervise', visibility: 'internal' });
  });

  it('when the resident is unsatisfied three times, then it reopens twice and then goes to the community head', async () => {
    const c = await report();
    await driveTo(as, w, c.id, 'awaiting_rating');
    for (const round of [1, 2]) {
      const res = await actOn(await as('resident'), c.id, 'rate', {
        rating: 'unsatisfied',
        resolved: false,
        comment: '还在漏',
      });
      expect(body(res)).toMatchObject({ state: 'in_progress', reopenCount: round });
      expect((await assignments(c.id)).find((a) => a.role === 'lead')?.status).toBe('signed');
      await actOn(await as('zjj'), c.id, 'handle', { result: `第${round + 1}次维修` });
      await actOn(await as('grid1'), c.id, 'feedback', { note: '已告知' });
    }
    const res = await actOn(await as('resident'), c.id, 'rate', { rating: 'unsatisfied', resolved: false });
    expect(body(res)).toMatchObject({
      state: 'accepted',
      headReview: true,
      nodeId: w.city.community.id,
      reopenCount: 3,
    });
    expect(
      (await db().selectFrom('case_ratings').select('round').where('case_id', '=', c.id).execute()).map(
        (r) => r.round,
      ),
    ).toEqual([0, 1, 2]);
  });

  it('when someone comments internally, then the resident does not see it; a public comment they do', async () => {
    const c = await report();
    await actOn(await as('grid1'), c.id, 'comment', { note: '内部：该户曾多次反映', visibility: 'internal' });
    await actOn(await as('grid1'), c.id, 'comment', {
      note: '已联系物业上门查看',
      visibility: 'public',
      contacted: true,
    });
    const mine = body(await (await as('resident')).get(`/api/cases/${c.id}`));
    expect(mine.timeline.filter((e) => e.action === 'comment').map((e) => e.note)).toEqual([
      '已联系物业上门查看',
    ]);
    expect((await caseRow(c.id)).contacted_at).not.toBeNull();
  });

  it('when the stale version is sent, then 409 CASE_CONFLICT carries the current case and nothing is written', async () => {
    const c = await report();
    const n = (await events(c.id)).length;
    const res = await (await as('grid1')).post(`/api/cases/${c.id}/actions/accept`, { version: 7 });
    expect(res.statusCode).toBe(409);
    const err = res.json() as { error: { code: string; details: { current: CaseJson } } };
    expect(err.error.code).toBe('CASE_CONFLICT');
    expect(err.error.details.current).toMatchObject({ id: c.id, version: 1, state: 'collected' });
    expect((await events(c.id)).length).toBe(n);
  });
});
