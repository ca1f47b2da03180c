import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../common/permissions.js';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { auditRows, makeCity, makeUser, type NodeRef, TEST_PASSWORD } from '../../../test/factories.js';
import { makeBuilding, makeHousehold, makeResident } from '../../../test/registry-factories.js';

type City = Awaited<ReturnType<typeof makeCity>>;
interface ErrorBody {
  error: { code: string; details?: Array<{ field: string; code: string; message: string }> };
}

const PHONE = '13912345678';
const PASSWORD = 'Hutaigou-2026!';

let t: TestApp;
let city: City;

beforeEach(async () => {
  t = await buildTestApp();
  city = await makeCity(t.deps);
});
afterEach(async () => {
  await t.close();
});

async function as(username: string, role: Role, node: NodeRef): Promise<Client> {
  await makeUser(t.deps, username, [{ role, node }]);
  return login(t.app, username, TEST_PASSWORD);
}

const register = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/public/residents/register', payload: body, headers });

const validBody = (over: Record<string, unknown> = {}) => ({
  phone: PHONE,
  name: '王秀英',
  password: PASSWORD,
  communityId: city.community.id,
  roomText: '3号楼1单元201',
  ...over,
});

const accountRows = () => t.deps.db.selectFrom('resident_accounts').selectAll().orderBy('id').execute();
const userRow = (id: number) =>
  t.deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const phoneLogin = (phone = PHONE, password = PASSWORD) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: phone, password } });

/** The registry household and resident the registration should be matched to. */
async function registryFamily() {
  const b = await makeBuilding(t.deps, city.micro11, '3', { units: 1, floors: 6, roomsPerFloor: 2 });
  const h = await makeHousehold(t.deps, b, 1, 2, 1);
  const r = await makeResident(t.deps, h, '王秀英', { phone: PHONE });
  return { building: b, household: h, resident: r };
}

describe('resident registration', () => {
  it('when a resident registers, then a pending account and a pending user are written with an audit row, and phone login says pending', async () => {
    const res = await register(validBody());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending', communityName: '政府大院社区' });

    const [a] = await accountRows();
    expect(a).toMatchObject({
      name: '王秀英',
      community_id: city.community.id,
      status: 'pending',
      room_text: '3号楼1单元201',
    });
    expect(a.phone_enc).not.toContain(PHONE);
    expect(t.deps.crypto.decrypt(a.phone_enc)).toBe(PHONE);
    expect(a.phone_bidx).toBe(t.deps.crypto.blindIndex('phone', PHONE));
    const u = await userRow(a.user_id);
    expect(u.status).toBe('pending');
    expect(u.username).not.toContain(PHONE);
    const roles = await t.deps.db
      .selectFrom('role_assignments')
      .selectAll()
      .where('user_id', '=', u.id)
      .execute();
    expect(roles).toEqual([]);

    const [audit] = await auditRows(t.deps, 'resident_account.register');
    expect(audit).toMatchObject({ entity_type: 'resident_account', entity_id: String(a.id), actor_id: null });
    expect(audit.after_json).toContain('139****5678');
    expect(audit.after_json).not.toContain(PHONE);

    const lr = await phoneLogin();
    expect(lr.statusCode).toBe(403);
    expect((lr.json() as ErrorBody).error.code).toBe('AUTH_ACCOUNT_PENDING');
    const failures = await auditRows(t.deps, 'auth.login');
    expect(failures.at(-1)).toMatchObject({ outcome: 'failure', actor_name: '139****5678' });
    expect(failures.every((r) => !JSON.stringify(r).includes(PHONE))).toBe(true);
  });

  it('when every field is wrong, then 400 lists each problem and nothing is written', async () => {
    const res = await register(
      validBody({ phone: '12345', name: '  ', password: 'short', communityId: 999_999, roomText: ' ' }),
    );
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as ErrorBody).error.details!.map((d) => d.field);
    expect(new Set(fields)).toEqual(new Set(['phone', 'name', 'password', 'communityId', 'roomText']));
    expect(await accountRows()).toEqual([]);
    expect(await t.deps.db.selectFrom('users').selectAll().execute()).toEqual([]);
  });

  it('when a grid node that is not a community is chosen, then 400 on communityId', async () => {
    const res = await register(validBody({ communityId: city.grid1.id }));
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.details!.map((d) => d.field)).toEqual(['communityId']);
  });

  it('when the phone already has a live account, then 400 PHONE_REGISTERED and no second account', async () => {
    expect((await register(validBody())).statusCode).toBe(201);
    const res = await register(validBody({ phone: '139 1234 5678', name: '李四' }));
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.details).toEqual([
      expect.objectContaining({ field: 'phone', code: 'PHONE_REGISTERED' }),
    ]);
    expect(await accountRows()).toHaveLength(1);
  });

  it('when the public route gets a staff session cookie and no CSRF header, then it ignores the session and registers anonymously', async () => {
    const staff = await as('staff', 'community_staff', city.community);
    const res = await register(validBody(), { cookie: staff.cookie });
    expect(res.statusCode).toBe(201);
    const [audit] = await auditRows(t.deps, 'resident_account.register');
    expect(audit.actor_id).toBeNull();
  });

  it('when a plain-text or form-encoded body is posted, then 415 and nothing is written', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/public/residents/register',
        payload: `phone=${PHONE}`,
        headers: { 'content-type': type },
      });
      expect(res.statusCode).toBe(415);
    }
    expect(await accountRows()).toEqual([]);
  });

  it('the community list names every community with its street', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/communities' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { id: city.community.id, name: '政府大院社区', parentName: '北大街街道' },
      { id: city.community2.id, name: '东山社区', parentName: '北大街街道' },
    ]);
  });
});

describe('confirmation by community staff', () => {
  it('when staff confirm a registration against the registry, then the user is active with the resident role at the micro-grid, it is audited, and the resident logs in with the phone', async () => {
    const fam = await registryFamily();
    await register(validBody());
    const [pending] = await accountRows();
    const staff = await as('staff', 'community_staff', city.community);

    const list = await staff.get('/api/resident-accounts?status=pending');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      total: 1,
      items: [
        {
          id: pending.id,
          name: '王秀英',
          phoneMasked: '139****5678',
          status: 'pending',
          roomText: '3号楼1单元201',
        },
      ],
    });

    const cands = await staff.get(`/api/resident-accounts/${pending.id}/candidates`);
    expect(cands.statusCode).toBe(200);
    expect(cands.json().items).toEqual([
      expect.objectContaining({
        residentId: fam.resident.id,
        roomLabel: fam.household.roomLabel,
        matches: ['phone', 'name'],
      }),
    ]);

    const res = await staff.post(`/api/resident-accounts/${pending.id}/confirm`, {
      residentId: fam.resident.id,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'confirmed',
      residentId: fam.resident.id,
      householdId: fam.household.id,
    });

    const [a] = await accountRows();
    expect(a).toMatchObject({
      status: 'confirmed',
      resident_id: fam.resident.id,
      household_id: fam.household.id,
      decided_by: staff.userId,
    });
    expect((await userRow(a.user_id)).status).toBe('active');
    const roles = await t.deps.db
      .selectFrom('role_assignments')
      .selectAll()
      .where('user_id', '=', a.user_id)
      .execute();
    expect(roles.map((r) => [r.role, r.node_id])).toEqual([['resident', city.micro11.id]]);
    const [audit] = await auditRows(t.deps, 'resident_account.confirm');
    expect(audit).toMatchObject({ actor_id: staff.userId, entity_id: String(a.id), outcome: 'success' });

    const lr = await phoneLogin('+86 139-1234-5678');
    expect(lr.statusCode).toBe(200);
    expect(lr.json().user.id).toBe(a.user_id);
    const resident = await login(t.app, PHONE, PASSWORD);
    const me = await resident.get('/api/me/resident');
    expect(me.statusCode).toBe(200);
    expect(me.json().account).toMatchObject({
      name: '王秀英',
      phoneMasked: '139****5678',
      communityName: '政府大院社区',
      householdId: fam.household.id,
      roomLabel: fam.household.roomLabel,
      nodeId: city.micro11.id,
    });
  });

  it('when staff of another community try to see or confirm it, then it is not listed and confirm is 404 with an audit entry', async () => {
    const fam = await registryFamily();
    await register(validBody());
    const [pending] = await accountRows();
    const other = await as('other', 'community_staff', city.community2);
    expect((await other.get('/api/resident-accounts')).json().total).toBe(0);
    const res = await other.post(`/api/resident-accounts/${pending.id}/confirm`, {
      residentId: fam.resident.id,
    });
    expect(res.statusCode).toBe(404);
    expect((await accountRows())[0].status).toBe('pending');
    const denied = await auditRows(t.deps, 'access.denied');
    expect(denied.at(-1)).toMatchObject({
      entity_type: 'resident_account',
      entity_id: String(pending.id),
      actor_id: other.userId,
    });
  });

  it('when a grid worker without reach over the community tries, then 404; a resident of another community is refused with 400', async () => {
    await registryFamily();
    await register(validBody());
    const [pending] = await accountRows();
    const worker = await as('worker', 'grid_worker', city.grid1);
    expect(
      (await worker.post(`/api/resident-accounts/${pending.id}/confirm`, { residentId: 1 })).statusCode,
    ).toBe(404);

    const b2 = await makeBuilding(t.deps, { ...city.grid3 }, '9', { units: 1, floors: 1, roomsPerFloor: 1 });
    const h2 = await makeHousehold(t.deps, b2, 1, 1, 1);
    const stranger = await makeResident(t.deps, h2, '王秀英', { phone: PHONE });
    const street = await as('streetstaff', 'community_staff', city.street);
    const res = await street.post(`/api/resident-accounts/${pending.id}/confirm`, {
      residentId: stranger.id,
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.details![0]).toMatchObject({
      field: 'residentId',
      code: 'RESIDENT_OUTSIDE_COMMUNITY',
    });
    expect((await accountRows())[0].status).toBe('pending');
    expect(await auditRows(t.deps, 'resident_account.confirm')).toEqual([]);
  });

  it('when staff reject a registration, then login says rejected, the phone may register again, and deciding twice is refused', async () => {
    await register(validBody());
    const [pending] = await accountRows();
    const staff = await as('staff', 'community_staff', city.community);
    const res = await staff.post(`/api/resident-accounts/${pending.id}/reject`, { reason: '登记中查无此人' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', rejectReason: '登记中查无此人' });
    expect((await auditRows(t.deps, 'resident_account.reject'))[0]).toMatchObject({ actor_id: staff.userId });

    const lr = await phoneLogin();
    expect(lr.statusCode).toBe(403);
    expect((lr.json() as ErrorBody).error.code).toBe('AUTH_ACCOUNT_REJECTED');

    const again = await staff.post(`/api/resident-accounts/${pending.id}/reject`, { reason: 'x' });
    expect(again.statusCode).toBe(400);
    expect((again.json() as ErrorBody).error.details![0].code).toBe('RESIDENT_ACCOUNT_DECIDED');

    expect((await register(validBody())).statusCode).toBe(201);
    const lr2 = await phoneLogin();
    expect((lr2.json() as ErrorBody).error.code).toBe('AUTH_ACCOUNT_PENDING');
  });
});

describe('rate limit', () => {
  it('when one address registers more often than the per-minute limit, then 429', async () => {
    await t.close();
    t = await buildTestApp({ loginRateLimitPerMinute: 2 });
    city = await makeCity(t.deps);
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push((await register(validBody({ phone: `1391234567${i}` }))).statusCode);
    expect(codes).toEqual([201, 201, 429]);
    expect(await accountRows()).toHaveLength(2);
  });
});
