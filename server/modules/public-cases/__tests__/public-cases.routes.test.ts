import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { actOn, type CaseWorld, clients, makeCaseWorld, type Who } from '../../../test/cases-factories.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';
import { auditRows } from '../../../test/factories.js';
import { makeResident } from '../../../test/registry-factories.js';
import type { PublicCase } from '../public-cases.policy.js';
import { MAX_FAILURES } from '../public-cases.service.js';

// The residents' public face end to end on a real database (docs/resident-h5.md): report without an account →
// track with the right and wrong digits → staff work the case (internal notes stay inside) → rate with the full
// phone; resident accounts report, follow and rate their own; bad input writes nothing.

interface ErrorBody {
  error: { code: string; details?: Array<{ field: string; code: string; message: string }> };
}

const PHONE = '13812345678';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(1024, 3),
]);
const INTERNAL_NOTE = '内部：物业经理说业主欠费，先别告诉居民';

let t: TestApp;
let w: CaseWorld;
let as: (who: Who | string) => Promise<Client>;
let dataDir: string;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'og-public-'));
  t = await buildTestApp({ dataDir });
  w = await makeCaseWorld(t);
  as = clients(t);
});
afterEach(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function multipart(
  fields: Record<string, string | number>,
  files: Array<{ name: string; type: string; data: Buffer }>,
) {
  const boundary = '----og-h5-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const leakFields = (over: Record<string, string | number> = {}) => ({
  categoryId: w.cat.leak,
  description: '卫生间顶棚漏水，已经三天了，楼上没人。',
  communityId: w.city.community.id,
  location: '1号楼1单元301',
  name: '王女士',
  phone: PHONE,
  ...over,
});

async function reportAnon(
  over: Record<string, string | number> = {},
  files: Array<{ name: string; type: string; data: Buffer }> = [],
): Promise<LightMyRequestResponse> {
  const { payload, headers } = multipart(leakFields(over), files);
  return t.app.inject({ method: 'POST', url: '/api/public/cases', payload, headers });
}

const track = (number: string, phoneLast4: string, lang = 'zh-CN') =>
  t.app.inject({
    method: 'POST',
    url: '/api/public/cases/track',
    payload: { number, phoneLast4 },
    headers: { 'accept-language': lang },
  });

const rate = (body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/public/cases/rate', payload: body });

const caseRows = () => t.deps.db.selectFrom('cases').selectAll().orderBy('id').execute();
const fileRows = () => t.deps.db.selectFrom('case_files').selectAll().orderBy('id').execute();
const storedFiles = () => {
  try {
    return readdirSync(path.join(dataDir, 'uploads', 'cases'));
  } catch {
    return [];
  }
};

/** Community staff and the units work the case up to 待评价, leaving internal notes on the way. */
async function workUntilRating(id: number) {
  const steps: Array<[Who, string, Record<string, unknown>]> = [
    ['staff', 'accept', { contacted: true }],
    ['staff', 'comment', { note: INTERNAL_NOTE, visibility: 'internal' }],
    ['staff', 'dispatch', { leadUnitId: w.units.zjj, assistUnitIds: [w.units.wygs] }],
    ['zjj', 'sign', {}],
    ['wygs', 'sign', {}],
    ['wygs', 'reply', { text: '物业已派人查看楼上管道' }],
    ['zjj', 'handle', { result: '已更换楼上卫生间防水层并修补顶棚' }],
    ['staff', 'feedback', { note: '已电话告知反映人维修结果' }],
  ];
  for (const [who, action, fields] of steps) {
    const res = await actOn(await as(who), id, action, fields);
    expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  }
}

describe(`anonymous report, track and rate (${TEST_DB_KIND})`, () => {
  it('the category picker offers the residents’ subset with icons, named in the asked language', async () => {
    const zh = await t.app.inject({ method: 'GET', url: '/api/public/categories' });
    expect(zh.statusCode).toBe(200);
    const items = zh.json().items as Array<{ code: string; name: string; icon: string }>;
    expect(items.map((i) => i.code)).toEqual([
      'MS01',
      'MS04',
      'MS02',
      'MS03',
      'CG01',
      'CG05',
      'CG03',
      'ZZ09',
      'ZZ02',
      'CG04',
      'MZ',
      'QT',
    ]);
    expect(items[0]).toMatchObject({ name: '房屋漏水', icon: 'leak' });
    const en = await t.app.inject({
      method: 'GET',
      url: '/api/public/categories',
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().items[0].name).toBe('Leaking flat');
  });

  it('when a resident reports without an account with two photos, then 201 with the tracking number; the phone is stored encrypted with a blind index, the photos are kept, one create event and one audit row', async () => {
    const res = await reportAnon({}, [
      { name: 'ceiling.jpg', type: 'image/jpeg', data: JPEG },
      { name: 'wall.png', type: 'image/png', data: PNG },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const { number, id } = res.json() as { number: string; id: null };
    expect(number).toMatch(/^SQ-2026-\d{6}$/);
    expect(id).toBeNull();

    const [row] = await caseRows();
    expect(row).toMatchObject({
      number,
      source: 'resident',
      state: 'collected',
      node_id: w.city.community.id,
      reporter_kind: 'anonymous',
      reporter_user_id: null,
      reporter_name: '王女士',
      category_id: w.cat.leak,
      address: '政府大院社区 1号楼1单元301',
      title: '卫生间顶棚漏水，已经三天了，楼上没人。',
    });
    expect(row.reporter_phone_enc).not.toContain(PHONE);
    expect(t.deps.crypto.decrypt(row.reporter_phone_enc as string)).toBe(PHONE);
    expect(row.reporter_phone_bidx).toBe(t.deps.crypto.blindIndex('phone', PHONE));
    const files = await fileRows();
    expect(files.map((f) => [f.case_id, f.mime, f.size])).toEqual([
      [row.id, 'image/jpeg', JPEG.length],
      [row.id, 'image/png', PNG.length],
    ]);
    expect(storedFiles()).toHaveLength(2);
    const events = await t.deps.db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', row.id)
      .execute();
    expect(events.map((e) => [e.action, e.actor_role, e.actor_id, e.visibility])).toEqual([
      ['create', 'resident', null, 'public'],
    ]);
    const audit = (await auditRows(t.deps, 'case.create')).filter((a) => a.entity_id === String(row.id));
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBeNull();
    expect(JSON.stringify(audit[0])).not.toContain(PHONE);
  });

  it('when one photo is larger than 5 MB, then a clear 400 names it and nothing is written (no case, no file, no audit)', async () => {
    const big = Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024, 1)]);
    const res = await reportAnon({}, [
      { name: 'ok.jpg', type: 'image/jpeg', data: JPEG },
      { name: 'huge.jpg', type: 'image/jpeg', data: big },
    ]);
    expect(res.statusCode).toBe(400);
    const err = res.json() as ErrorBody;
    expect(err.error.code).toBe('VALIDATION_FAILED');
    expect(err.error.details).toEqual([
      expect.objectContaining({
        field: 'photos[1]',
        code: 'PHOTO_TOO_LARGE',
        message: expect.stringContaining('huge.jpg'),
      }),
    ]);
    expect(await caseRows()).toEqual([]);
    expect(await fileRows()).toEqual([]);
    expect(storedFiles()).toEqual([]);
    expect(await auditRows(t.deps, 'case.create')).toEqual([]);
  });

  it('when a "photo" is not an image by its first bytes, the phone is wrong, the category is outside the residents’ subset and there is no place, then 400 lists each and nothing is written', async () => {
    const petition = (
      await t.deps.db
        .selectFrom('case_categories')
        .select('id')
        .where('code', '=', 'XF')
        .executeTakeFirstOrThrow()
    ).id;
    const res = await reportAnon(
      { phone: '12345', categoryId: petition, location: '  ', communityId: w.city.grid1.id },
      [{ name: 'fake.jpg', type: 'image/jpeg', data: Buffer.from('MZ this is an exe') }],
    );
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as ErrorBody).error.details!.map((d) => `${d.field}:${d.code}`);
    expect(fields.sort()).toEqual(
      [
        'categoryId:categoryId.unknown',
        'communityId:communityId.unknown',
        'location:required',
        'phone:PHONE_INVALID',
        'photos[0]:PHOTO_TYPE',
      ].sort(),
    );
    expect(await caseRows()).toEqual([]);
  });

  it('when a JSON report has no phone, then 400 on phone: the phone is required', async () => {
    const { phone: _phone, ...rest } = leakFields();
    const res = await t.app.inject({ method: 'POST', url: '/api/public/cases', payload: rest });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.details!.map((d) => d.field)).toEqual(['phone']);
    expect(await caseRows()).toEqual([]);
  });

  it('when tracked with the right last 4 digits, then the public timeline with units and roles; internal notes, staff names and the phone never appear; wrong digits and a wrong number get the same 404, all audited', async () => {
    const { number } = (await reportAnon()).json() as { number: string };
    const [row] = await caseRows();
    await workUntilRating(row.id);

    const ok = await track(number.toLowerCase(), '5678');
    expect(ok.statusCode, ok.body).toBe(200);
    const c = ok.json() as PublicCase;
    expect(c).toMatchObject({ number, state: 'awaiting_rating', canRate: true, id: null, photoCount: 0 });
    expect(c.units).toEqual([
      { name: '住建局', role: 'lead' },
      { name: '物业公司', role: 'assist' },
    ]);
    expect(c.result).toBe('已更换楼上卫生间防水层并修补顶棚');
    expect(c.timeline.map((e) => e.action)).toEqual(['create', 'accept', 'dispatch', 'handle', 'feedback']);
    expect(c.timeline.map((e) => e.who)).toEqual([
      '反映人',
      '政府大院社区 · 社区工作人员',
      '政府大院社区 · 社区工作人员',
      '住建局',
      '政府大院社区 · 社区工作人员',
    ]);
    expect(c.timeline[2].note).toBe('住建局（主办）、物业公司（协办）');
    const text = ok.body;
    for (const secret of [
      INTERNAL_NOTE,
      '物业已派人查看楼上管道',
      '社区书记',
      '住建局办事员',
      '物业经理',
      PHONE,
      'staff',
      'zjj',
    ])
      expect(text).not.toContain(secret);

    const wrongDigits = await track(number, '0000');
    const wrongNumber = await track('SQ-2026-999999', '5678');
    expect(wrongDigits.statusCode).toBe(404);
    expect(wrongNumber.statusCode).toBe(404);
    expect(wrongDigits.body).toBe(wrongNumber.body);

    const audit = await auditRows(t.deps, 'case.public_track');
    expect(audit.map((a) => [a.outcome, a.entity_id])).toEqual([
      ['success', String(row.id)],
      ['failure', null],
      ['failure', null],
    ]);
    expect(audit.every((a) => !JSON.stringify(a).includes('5678'))).toBe(true);
  });

  it(`when a number is guessed ${MAX_FAILURES} times, then even the right digits answer 429 for a while`, async () => {
    const { number } = (await reportAnon()).json() as { number: string };
    for (let i = 0; i < MAX_FAILURES; i++)
      expect((await track(number, String(1000 + i))).statusCode).toBe(404);
    const blocked = await track(number, '5678');
    expect(blocked.statusCode).toBe(429);
    expect((blocked.json() as ErrorBody).error.code).toBe('RATE_LIMITED');
    t.clock.advanceMinutes(16);
    expect((await track(number, '5678')).statusCode).toBe(200);
  });

  it('rating needs the FULL phone: the last 4 digits or another number are refused with 403 and change nothing; the full number closes it; an unknown number is 404', async () => {
    const { number } = (await reportAnon()).json() as { number: string };
    const [row] = await caseRows();
    await workUntilRating(row.id);
    const version = (await track(number, '5678')).json().version as number;
    const body = { number, rating: 'satisfied', resolved: true, comment: '修得很好，谢谢社区', version };

    const partial = await rate({ ...body, phone: '5678' });
    const other = await rate({ ...body, phone: '13912345678' });
    for (const res of [partial, other]) {
      expect(res.statusCode).toBe(403);
      expect((res.json() as ErrorBody).error.code).toBe('CASE_NOT_REPORTER');
    }
    expect((await caseRows())[0].state).toBe('awaiting_rating');
    expect(await t.deps.db.selectFrom('case_ratings').selectAll().execute()).toEqual([]);
    expect((await rate({ ...body, number: 'SQ-2026-999999', phone: PHONE })).statusCode).toBe(404);

    const ok = await rate({ ...body, phone: '+86 138 1234 5678' });
    expect(ok.statusCode, ok.body).toBe(200);
    const c = ok.json() as PublicCase;
    expect(c).toMatchObject({
      state: 'closed',
      canRate: false,
      rating: { rating: 'satisfied', resolved: true },
    });
    expect(c.timeline.at(-1)).toMatchObject({
      action: 'rate',
      who: '反映人',
      note: '满意 · 修得很好，谢谢社区',
    });
    const [r] = await t.deps.db.selectFrom('case_ratings').selectAll().execute();
    expect(r).toMatchObject({ case_id: row.id, rating: 'satisfied', resolved: 1, rated_by: null });
    expect((await caseRows())[0]).toMatchObject({ state: 'closed', closed_by: 'rating' });
    expect((await auditRows(t.deps, 'case.rate')).map((a) => a.entity_id)).toEqual([String(row.id)]);
    const failures = await auditRows(t.deps, 'case.public_rate');
    expect(failures.map((a) => [a.outcome, a.entity_id])).toEqual([
      ['failure', String(row.id)],
      ['failure', String(row.id)],
      ['failure', null],
    ]);
  });
});

describe(`resident accounts (${TEST_DB_KIND})`, () => {
  const RES_PHONE = '13700001111';
  const RES_PASSWORD = 'Hutaigou-Leak-2026';

  /** Registration → confirmation by community staff → phone login. */
  async function confirmedResident(phone = RES_PHONE, name = '赵桂兰', householdIndex = 0) {
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/public/residents/register',
      payload: {
        phone,
        name,
        password: RES_PASSWORD,
        communityId: w.city.community.id,
        roomText: '1号楼1单元101',
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const person = await makeResident(
      t.deps,
      { id: w.rooms[householdIndex], nodeId: w.city.micro11.id },
      name,
      { phone },
    );
    const staff = await as('staff');
    const confirm = await staff.post(`/api/resident-accounts/${reg.json().id}/confirm`, {
      residentId: person.id,
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    return login(t.app, phone, RES_PASSWORD);
  }

  it('when a confirmed resident reports with a photo, then the case sits at their household with them as reporter, and it is listed under my cases in its public shape', async () => {
    const me = await confirmedResident();
    const { payload, headers } = multipart(
      { categoryId: w.cat.leak, description: '卧室天花板渗水，墙皮脱落。', location: '卧室' },
      [{ name: 'a.jpg', type: 'image/jpeg', data: JPEG }],
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/me/cases',
      payload,
      headers: { ...headers, cookie: me.cookie, 'x-csrf-token': me.csrf },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id, number } = res.json() as { id: number; number: string };
    const [row] = await caseRows();
    expect(row).toMatchObject({
      id,
      number,
      household_id: w.rooms[0],
      node_id: w.city.micro11.id,
      reporter_kind: 'user',
      reporter_user_id: me.userId,
      source: 'resident',
    });
    expect(row.address).toContain('卧室');
    expect((await fileRows()).map((f) => [f.case_id, f.uploaded_by])).toEqual([[id, me.userId]]);

    const list = await me.get('/api/me/cases');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({ id, number, state: 'collected', canRate: false }),
    ]);
    const one = await me.get(`/api/me/cases/${id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      id,
      number,
      photoCount: 1,
      timeline: [{ action: 'create', who: '反映人' }],
    });
  });

  it('when a report is posted to /api/me/cases without the CSRF header, then 403 and nothing is written', async () => {
    const me = await confirmedResident();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/me/cases',
      payload: { categoryId: w.cat.leak, description: '卧室天花板渗水，墙皮脱落。' },
      headers: { cookie: me.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(await caseRows()).toEqual([]);
  });

  it('when the case awaits a rating, then another resident cannot rate it (nothing changes) and the reporter rates it through the case endpoint', async () => {
    const me = await confirmedResident();
    const neighbour = await confirmedResident('13700002222', '钱多多', 1);
    const res = await me.post('/api/me/cases', {
      categoryId: w.cat.leak,
      description: '卧室天花板渗水，墙皮脱落。',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json() as { id: number };
    for (const [who, action, fields] of [
      ['grid1', 'accept', { contacted: true }],
      ['grid1', 'comment', { note: INTERNAL_NOTE, visibility: 'internal' }],
      ['grid1', 'start', {}],
      ['grid1', 'handle', { result: '网格员联系楼上住户修好了' }],
      ['grid1', 'feedback', { note: '已告知' }],
    ] as const) {
      const r = await actOn(await as(who), id, action, fields);
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    }
    const mine = (await me.get(`/api/me/cases/${id}`)).json() as PublicCase;
    expect(mine).toMatchObject({ state: 'awaiting_rating', canRate: true });
    expect(JSON.stringify(mine)).not.toContain(INTERNAL_NOTE);
    expect(JSON.stringify(mine)).not.toContain('网格员甲');

    const version = mine.version;
    const stranger = await neighbour.post(`/api/cases/${id}/actions/rate`, {
      version,
      rating: 'unsatisfied',
      resolved: false,
    });
    expect([403, 404]).toContain(stranger.statusCode);
    expect((await caseRows())[0].state).toBe('awaiting_rating');
    expect((await neighbour.get(`/api/me/cases/${id}`)).statusCode).toBe(404);

    const ok = await me.post(`/api/cases/${id}/actions/rate`, {
      version,
      rating: 'basically_satisfied',
      resolved: true,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await caseRows())[0]).toMatchObject({ state: 'closed', closed_by: 'rating' });
    const [r] = await t.deps.db.selectFrom('case_ratings').selectAll().execute();
    expect(r).toMatchObject({ rating: 'basically_satisfied', rated_by: me.userId });
  });

  it('when a staff member uses /api/me, then there is no resident account and reporting there is 403 with nothing written', async () => {
    const staff = await as('staff');
    expect((await staff.get('/api/me/resident')).json()).toEqual({ account: null });
    const res = await staff.post('/api/me/cases', {
      categoryId: w.cat.leak,
      description: '楼道灯坏了好几天',
    });
    expect(res.statusCode).toBe(403);
    expect(await caseRows()).toEqual([]);
  });
});
