import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../common/permissions.js';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { auditRows, makeCity, makeUser, type NodeRef, TEST_PASSWORD } from '../../../test/factories.js';
import {
  daysBefore,
  ensureVisitTags,
  makePlan,
  makeResident,
  makeRooms,
  makeVisit,
  tagResident,
} from '../../../test/visits-factories.js';
import { ensureCaseSetup } from '../../cases/case-setup.js';
import type { PlanView, VisitView } from '../visits.presenter.js';
import type { CoverageRow, TodayItem } from '../visits.service.js';

type City = Awaited<ReturnType<typeof makeCity>>;
interface ErrorBody {
  error: { code: string; details?: Array<{ field: string; code: string; message: string }> };
}

let t: TestApp;
let city: City;
let dataDir: string;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'og-visits-'));
  t = await buildTestApp({ dataDir });
  city = await makeCity(t.deps);
  await ensureVisitTags(t.deps.db);
  await ensureCaseSetup(t.deps);
});
afterEach(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function as(username: string, role: Role, node: NodeRef): Promise<Client> {
  await makeUser(t.deps, username, [{ role, node }]);
  return login(t.app, username, TEST_PASSWORD);
}
const visitRows = () => t.deps.db.selectFrom('visits').selectAll().orderBy('id').execute();
const photoRows = () => t.deps.db.selectFrom('visit_photos').selectAll().execute();
const photoFiles = () => {
  const dir = path.join(dataDir, 'uploads', 'visits');
  return existsSync(dir) ? readdirSync(dir) : [];
};

/** Plans as a community sets them up: screening every 91 days and 独居老人 weekly, since 200 days ago. */
async function communityPlans() {
  const createdAt = daysBefore(t.deps, 200);
  const screening = await makePlan(t.deps, city.community, {
    name: '全部住户矛盾纠纷排查（每季度）',
    tagCode: null,
    everyDays: 91,
    createdAt,
  });
  const elderly = await makePlan(t.deps, city.community, {
    name: '独居老人每周走访',
    tagCode: 'elderly_alone',
    everyDays: 7,
    createdAt,
  });
  return { screening, elderly };
}

function multipart(files: Array<{ name: string; type: string; data: Buffer }>) {
  const boundary = '----og-test-boundary';
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(c: Client, visitId: number, files: Array<{ name: string; type: string; data: Buffer }>) {
  const body = multipart(files);
  return t.app.inject({
    method: 'POST',
    url: `/api/visits/${visitId}/photos`,
    payload: body.payload,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': body.contentType },
  });
}

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
]);

describe('the today list', () => {
  it('when a grid worker of grid 1 opens today, then only grid-1 households due, most overdue first, with reasons', async () => {
    await communityPlans();
    const [a, b, c, e] = await makeRooms(t.deps, city.micro11, '1', 4);
    const [d] = await makeRooms(t.deps, city.micro21, '2', 1);
    await makeVisit(t.deps, a, daysBefore(t.deps, 100)); // screening due 9 days ago
    await makeVisit(t.deps, c, daysBefore(t.deps, 95)); // screening due 4 days ago
    await makeResident(t.deps, b, { birthDate: '1950-03-01' }); // 独居老人
    await makeVisit(t.deps, b, daysBefore(t.deps, 10)); // weekly due 3 days ago
    await makeResident(t.deps, e, { name: '李秀英' });
    await makeVisit(t.deps, e, daysBefore(t.deps, 91)); // screening due today
    await makeVisit(t.deps, d, daysBefore(t.deps, 150));

    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.get('/api/visits/today');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: TodayItem[]; total: number };
    expect(body.items.map((i) => i.householdId)).toEqual([a, c, b, e]);
    expect(body.total).toBe(4);
    expect(body.items.map((i) => i.reasons[0].overdueDays)).toEqual([9, 4, 3, 0]);
    expect(body.items[2]).toMatchObject({
      roomLabel: '1-1-201',
      buildingNumber: '1',
      reasons: [{ tagCode: 'elderly_alone', plan: '独居老人每周走访', symbol: '◉' }],
    });
    expect(body.items[0].reasons[0]).toMatchObject({ tagCode: null, tagName: null });
    expect(body.items.some((i) => i.householdId === d)).toBe(false);
  });

  it('when a grid worker of grid 1 asks for grid 2 today, then 404 and an access.denied audit row', async () => {
    await communityPlans();
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.get(`/api/visits/today?nodeId=${city.grid2.id}`);
    expect(res.statusCode).toBe(404);
    const denied = await auditRows(t.deps, 'access.denied');
    expect(denied.at(-1)).toMatchObject({ entity_type: 'grid_node', entity_id: String(city.grid2.id) });
  });

  it('when there are no plans, then the list is empty', async () => {
    await makeRooms(t.deps, city.micro11, '1', 2);
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const body = (await gw.get('/api/visits/today')).json() as { items: TodayItem[] };
    expect(body.items).toEqual([]);
  });
});

describe('sensitive tags in plans', () => {
  async function severeSetup() {
    const [h] = await makeRooms(t.deps, city.micro11, '1', 1);
    const r = await makeResident(t.deps, h, { name: '赵国庆' });
    await makeResident(t.deps, h, { name: '赵海燕' });
    await tagResident(t.deps, 'severe_mental', { residentId: r }, '4级');
    await makeVisit(t.deps, h, daysBefore(t.deps, 20));
    const plan = await makePlan(t.deps, city.community, {
      name: '严重精神障碍随访（不稳定，两周）',
      tagCode: 'severe_mental',
      riskLevels: ['3级', '4级', '5级'],
      everyDays: 14,
      createdAt: daysBefore(t.deps, 200),
    });
    return { h, plan };
  }

  it('when a leader who may not see 严重精神障碍 opens today and plans, then neither the plan nor the household shows', async () => {
    const { h, plan } = await severeSetup();
    const leader = await as('leader1', 'leader', city.community);
    const today = (await leader.get('/api/visits/today')).json() as { items: TodayItem[] };
    expect(today.items.some((i) => i.householdId === h)).toBe(false);
    const res = await leader.get(`/api/visits/plans?nodeId=${city.micro11.id}`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as { items: PlanView[] }).items.map((p) => p.id)).not.toContain(plan);
    expect(res.body).not.toContain('severe_mental');
    expect(res.body).not.toContain('精神');
  });

  it('when community staff open today, then the household is due under the unstable-patient plan', async () => {
    const { h, plan } = await severeSetup();
    const staff = await as('staff1', 'community_staff', city.community);
    const today = (await staff.get('/api/visits/today')).json() as { items: TodayItem[] };
    const item = today.items.find((i) => i.householdId === h);
    expect(item?.reasons).toEqual([
      expect.objectContaining({ planId: plan, tagCode: 'severe_mental', overdueDays: 6 }),
    ]);
    const plans = (await staff.get(`/api/visits/plans?nodeId=${city.micro11.id}`)).json() as {
      items: PlanView[];
    };
    expect(plans.items.map((p) => p.id)).toContain(plan);
  });

  it('when a visit under a hidden-tag plan is read by a leader, then the plan is left out of it', async () => {
    const { h, plan } = await severeSetup();
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const created = await gw.post('/api/visits', {
      householdId: h,
      method: 'in_person',
      disputeFound: false,
      followUp: false,
      planId: plan,
    });
    expect(created.statusCode).toBe(201);
    expect((created.json() as VisitView).planName).toBe('严重精神障碍随访（不稳定，两周）');
    const leader = await as('leader1', 'leader', city.community);
    const hist = await leader.get(`/api/visits?householdId=${h}`);
    expect(hist.statusCode).toBe(200);
    const v = (hist.json() as { items: VisitView[] }).items[0];
    expect(v).toMatchObject({ planId: null, planName: null });
    expect(hist.body).not.toContain('精神');
  });

  it('when a read-only leader records a visit, then 403, an audit row and nothing written', async () => {
    const { h } = await severeSetup();
    const leader = await as('leader1', 'leader', city.community);
    const before = (await visitRows()).length;
    const res = await leader.post('/api/visits', {
      householdId: h,
      method: 'phone',
      disputeFound: false,
      followUp: false,
    });
    expect(res.statusCode).toBe(403);
    expect((await visitRows()).length).toBe(before);
    expect((await auditRows(t.deps, 'access.denied')).at(-1)).toMatchObject({
      entity_type: 'household',
      entity_id: String(h),
    });
  });
});

describe('recording a visit', () => {
  it('when a grid worker records a visit with a dispute, then 201, the row, the audit row, and the household leaves today', async () => {
    await communityPlans();
    const [h] = await makeRooms(t.deps, city.micro11, '1', 1);
    const r = await makeResident(t.deps, h);
    const gw = await as('gw1', 'grid_worker', city.grid1);
    expect(((await gw.get('/api/visits/today')).json() as { items: TodayItem[] }).items).toHaveLength(1);

    const res = await gw.post('/api/visits', {
      householdId: h,
      residentId: r,
      method: 'in_person',
      findings: '  楼上漏水引发邻里纠纷  ',
      disputeFound: true,
      followUp: true,
    });
    expect(res.statusCode).toBe(201);
    const v = res.json() as VisitView;
    expect(v).toMatchObject({
      householdId: h,
      roomLabel: '1-1-101',
      residentId: r,
      residentName: '王建国',
      method: 'in_person',
      findings: '楼上漏水引发邻里纠纷',
      screened: true,
      disputeFound: true,
      followUp: true,
      flagged: false,
      visitorName: 'gw1',
      visitedAt: t.deps.clock.now().toISOString(),
      allowedActions: ['add_photos', 'resolve_dispute', 'flag'],
    });
    const rows = await visitRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      node_id: city.micro11.id,
      screened: 1,
      dispute_found: 1,
      visitor_id: gw.userId,
    });
    const audit = await auditRows(t.deps, 'visit.create');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_id: String(v.id), node_id: city.micro11.id });
    expect(audit[0].after_json).not.toContain('漏水');
    expect(((await gw.get('/api/visits/today')).json() as { items: TodayItem[] }).items).toHaveLength(0);
  });

  it('when a grid worker of grid 1 records a visit in grid 2, then 404, an audit row and nothing written', async () => {
    const [d] = await makeRooms(t.deps, city.micro21, '2', 1);
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.post('/api/visits', {
      householdId: d,
      method: 'phone',
      disputeFound: false,
      followUp: false,
    });
    expect(res.statusCode).toBe(404);
    expect(await visitRows()).toHaveLength(0);
    expect(await auditRows(t.deps, 'visit.create')).toHaveLength(0);
    expect((await auditRows(t.deps, 'access.denied')).at(-1)).toMatchObject({
      entity_type: 'household',
      entity_id: String(d),
      outcome: 'denied',
    });
  });

  it('when the time is in the future and the person lives elsewhere, then 400 listing both and nothing written', async () => {
    const [h, other] = await makeRooms(t.deps, city.micro11, '1', 2);
    const stranger = await makeResident(t.deps, other);
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.post('/api/visits', {
      householdId: h,
      residentId: stranger,
      method: 'wechat',
      visitedAt: '2030-01-01T00:00:00.000Z',
      disputeFound: false,
      followUp: false,
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as ErrorBody).error.details!.map((d) => d.code).sort();
    expect(fields).toEqual(['residentId.not_member', 'visitedAt.future']);
    expect(await visitRows()).toHaveLength(0);
  });

  it('when the method is unknown, then 400 from the schema', async () => {
    const [h] = await makeRooms(t.deps, city.micro11, '1', 1);
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.post('/api/visits', { householdId: h, method: 'letter', disputeFound: false });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as ErrorBody).error.details!.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['method', 'followUp']));
    expect(await visitRows()).toHaveLength(0);
  });

  it('when a dispute is resolved and a finding flagged, then both are stored, audited and the open matters follow', async () => {
    const [h] = await makeRooms(t.deps, city.micro11, '1', 1);
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const v = (
      await gw.post('/api/visits', { householdId: h, method: 'phone', disputeFound: true, followUp: false })
    ).json() as VisitView;
    t.clock.advanceMinutes(10);
    const resolved = await gw.post(`/api/visits/${v.id}/resolve-dispute`, {});
    expect(resolved.statusCode).toBe(200);
    expect((resolved.json() as VisitView).disputeResolvedAt).toBe(t.deps.clock.now().toISOString());
    expect((resolved.json() as VisitView).allowedActions).toEqual(['add_photos', 'flag']);
    expect((await gw.post(`/api/visits/${v.id}/resolve-dispute`, {})).statusCode).toBe(409);
    const flagged = await gw.post(`/api/visits/${v.id}/flag`, {});
    expect(flagged.statusCode).toBe(200);
    expect((flagged.json() as VisitView).flagged).toBe(true);
    expect((await gw.post(`/api/visits/${v.id}/flag`, {})).statusCode).toBe(200);
    expect(await auditRows(t.deps, 'visit.dispute_resolve')).toHaveLength(1);
    expect(await auditRows(t.deps, 'visit.flag')).toHaveLength(1);
    const row = (await visitRows())[0];
    expect(row).toMatchObject({ flagged: 1, dispute_resolved_at: t.deps.clock.now().toISOString() });
    // The finding became one case of the case loop (source 走访发现), with its create event and audit row.
    const cases = await t.deps.db.selectFrom('cases').selectAll().where('visit_id', '=', v.id).execute();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ source: 'visit', household_id: h, state: 'collected' });
    expect(await auditRows(t.deps, 'case.create')).toHaveLength(1);
  });

  it('when a grid worker of grid 2 tries to flag a grid-1 visit, then 404 and an audit row', async () => {
    const [h] = await makeRooms(t.deps, city.micro11, '1', 1);
    const id = await makeVisit(t.deps, h, daysBefore(t.deps, 1), { disputeFound: true });
    const gw2 = await as('gw2', 'grid_worker', city.grid2);
    expect((await gw2.post(`/api/visits/${id}/flag`, {})).statusCode).toBe(404);
    expect((await gw2.post(`/api/visits/${id}/resolve-dispute`, {})).statusCode).toBe(404);
    expect((await visitRows())[0]).toMatchObject({ flagged: 0, dispute_resolved_at: null });
    expect((await auditRows(t.deps, 'access.denied')).at(-1)).toMatchObject({ entity_type: 'visit' });
  });

  it('when a household history is read, then newest first with a total and the record action', async () => {
    const [h] = await makeRooms(t.deps, city.micro11, '1', 1);
    const older = await makeVisit(t.deps, h, daysBefore(t.deps, 30));
    const newer = await makeVisit(t.deps, h, daysBefore(t.deps, 2));
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.get(`/api/visits?householdId=${h}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: VisitView[]; total: number; allowedActions: string[] };
    expect(body.items.map((v) => v.id)).toEqual([newer, older]);
    expect(body.total).toBe(2);
    expect(body.allowedActions).toEqual(['record_visit']);
    const gw2 = await as('gw2', 'grid_worker', city.grid2);
    expect((await gw2.get(`/api/visits?householdId=${h}`)).statusCode).toBe(404);
  });
});

describe('photos', () => {
  async function visitOf(gw: Client) {
    const [h] = await makeRooms(t.deps, city.micro11, '1', 1);
    return (
      await gw.post('/api/visits', {
        householdId: h,
        method: 'in_person',
        disputeFound: false,
        followUp: false,
      })
    ).json() as VisitView;
  }

  it('when a PNG is uploaded, then 201, a row, a file under uploads/visits, and it is served only in scope', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const v = await visitOf(gw);
    const res = await upload(gw, v.id, [{ name: '现场.png', type: 'image/png', data: PNG }]);
    expect(res.statusCode).toBe(201);
    const photo = (res.json() as { items: Array<{ id: number; url: string; mime: string; size: number }> })
      .items[0];
    expect(photo).toMatchObject({ mime: 'image/png', size: PNG.length });
    const rows = await photoRows();
    expect(rows).toHaveLength(1);
    expect(photoFiles()).toEqual([rows[0].storage_key]);
    expect(await auditRows(t.deps, 'visit.photos_add')).toHaveLength(1);

    const got = await gw.get(photo.url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(PNG)).toBe(true);
    const detail = (await gw.get(`/api/visits/${v.id}`)).json() as VisitView;
    expect(detail.photos.map((p) => p.id)).toEqual([photo.id]);

    const gw2 = await as('gw2', 'grid_worker', city.grid2);
    expect((await gw2.get(photo.url)).statusCode).toBe(404);
    expect((await auditRows(t.deps, 'access.denied')).at(-1)).toMatchObject({ entity_type: 'visit_photo' });
  });

  it('when one photo is over 5 MB and another is not an image, then 400 naming both and nothing written', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const v = await visitOf(gw);
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024, 1)]);
    const res = await upload(gw, v.id, [
      { name: 'ok.png', type: 'image/png', data: PNG },
      { name: 'big.png', type: 'image/png', data: big },
      { name: 'fake.jpg', type: 'image/jpeg', data: Buffer.from('<html>not an image</html>') },
    ]);
    expect(res.statusCode).toBe(400);
    const details = (res.json() as ErrorBody).error.details!;
    expect(details.map((d) => [d.field, d.code])).toEqual([
      ['photos[1]', 'PHOTO_TOO_LARGE'],
      ['photos[2]', 'PHOTO_TYPE'],
    ]);
    expect(await photoRows()).toHaveLength(0);
    expect(photoFiles()).toEqual([]);
    expect(await auditRows(t.deps, 'visit.photos_add')).toHaveLength(0);
  });

  it('when no file is sent, then 400', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const v = await visitOf(gw);
    const res = await upload(gw, v.id, []);
    expect(res.statusCode).toBe(400);
    expect(await photoRows()).toHaveLength(0);
  });

  it('when a grid worker of grid 2 uploads to a grid-1 visit, then 404 and nothing written', async () => {
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const v = await visitOf(gw);
    const gw2 = await as('gw2', 'grid_worker', city.grid2);
    const res = await upload(gw2, v.id, [{ name: 'a.png', type: 'image/png', data: PNG }]);
    expect(res.statusCode).toBe(404);
    expect(await photoRows()).toHaveLength(0);
    expect(photoFiles()).toEqual([]);
  });
});

describe('coverage', () => {
  it('when coverage of the community for 2026Q4 is asked, then screened ÷ households with each grid', async () => {
    const [a, b, c] = await makeRooms(t.deps, city.micro11, '1', 3);
    const [d, e] = await makeRooms(t.deps, city.micro21, '2', 2);
    await makeVisit(t.deps, a, '2026-10-05T02:00:00.000Z');
    await makeVisit(t.deps, a, '2026-10-20T02:00:00.000Z');
    await makeVisit(t.deps, b, '2026-09-30T16:30:00.000Z'); // 2026-10-01 00:30 Beijing: Q4
    await makeVisit(t.deps, c, '2026-09-30T15:30:00.000Z'); // 23:30 Beijing on 30 Sept: Q3
    await makeVisit(t.deps, d, '2026-11-01T02:00:00.000Z');
    await makeVisit(t.deps, e, '2026-11-01T03:00:00.000Z', { screened: false });
    const staff = await as('staff1', 'community_staff', city.community);
    const res = await staff.get(`/api/visits/coverage?nodeId=${city.community.id}&period=2026Q4`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as CoverageRow & { period: string; children: CoverageRow[] };
    expect(body).toMatchObject({
      nodeId: city.community.id,
      period: '2026Q4',
      screened: 3,
      total: 5,
      rate: 0.6,
    });
    expect(body.children).toEqual([
      { nodeId: city.grid1.id, name: '第一网格', level: 'grid', screened: 2, total: 3, rate: 0.667 },
      { nodeId: city.grid2.id, name: '第二网格', level: 'grid', screened: 1, total: 2, rate: 0.5 },
    ]);
    const q3 = (await staff.get(`/api/visits/coverage?nodeId=${city.community.id}&period=2026Q3`)).json() as {
      screened: number;
    };
    expect(q3.screened).toBe(1);
  });

  it('when no period is given, then the current quarter; a grid worker is refused another grid', async () => {
    const [a] = await makeRooms(t.deps, city.micro11, '1', 1);
    await makeVisit(t.deps, a, daysBefore(t.deps, 1));
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const res = await gw.get('/api/visits/coverage');
    expect(res.json()).toMatchObject({ nodeId: city.grid1.id, period: '2026Q4', screened: 1, total: 1 });
    expect((await gw.get(`/api/visits/coverage?nodeId=${city.community.id}`)).statusCode).toBe(404);
    expect((await gw.get('/api/visits/coverage?period=2026Q5')).statusCode).toBe(400);
  });
});

describe('plans', () => {
  it('when community staff create and edit a plan, then rows and audit rows; a grid worker cannot edit it', async () => {
    const staff = await as('staff1', 'community_staff', city.community);
    const res = await staff.post('/api/visits/plans', {
      nodeId: city.community.id,
      name: '残疾人每月走访',
      tagCode: 'disabled',
      everyDays: 30,
    });
    expect(res.statusCode).toBe(201);
    const plan = res.json() as PlanView;
    expect(plan).toMatchObject({
      tagCode: 'disabled',
      everyDays: 30,
      active: true,
      allowedActions: ['edit'],
    });
    const patched = await staff.patch(`/api/visits/plans/${plan.id}`, { everyDays: 14, active: false });
    expect(patched.json()).toMatchObject({ everyDays: 14, active: false });
    expect(await auditRows(t.deps, 'visit_plan.create')).toHaveLength(1);
    expect(await auditRows(t.deps, 'visit_plan.update')).toHaveLength(1);
    const gw = await as('gw1', 'grid_worker', city.grid1);
    expect((await gw.patch(`/api/visits/plans/${plan.id}`, { everyDays: 1 })).statusCode).toBe(403);
  });

  it('when a plan names an unknown tag or foreign risk levels, then 400 and nothing written', async () => {
    const staff = await as('staff1', 'community_staff', city.community);
    const bad = await staff.post('/api/visits/plans', {
      nodeId: city.community.id,
      name: 'x',
      tagCode: 'no_such_tag',
      everyDays: 7,
    });
    expect(bad.statusCode).toBe(400);
    const levels = await staff.post('/api/visits/plans', {
      nodeId: city.community.id,
      name: 'x',
      tagCode: 'disabled',
      riskLevels: ['9级'],
      everyDays: 7,
    });
    expect(levels.statusCode).toBe(400);
    expect(await t.deps.db.selectFrom('visit_plans').select('id').execute()).toHaveLength(0);
  });
});
