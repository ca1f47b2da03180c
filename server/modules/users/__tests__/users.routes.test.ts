import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../../common/id-number.js';
import { buildTestApp, login, type TestApp } from '../../../test/build-test-app.js';
import { auditRows, makeCity, makeUser, TEST_PASSWORD } from '../../../test/factories.js';

let t: TestApp;
let city: Awaited<ReturnType<typeof makeCity>>;
const ID = makeIdNumber('140302', '19800101', '123');
const PHONE = '13912345678';

beforeEach(async () => {
  t = await buildTestApp();
  city = await makeCity(t.deps);
  await makeUser(t.deps, 'admin', [{ role: 'admin', node: city.city }]);
  await makeUser(t.deps, 'cadmin', [{ role: 'admin', node: city.community2 }]);
  await makeUser(t.deps, 'leader', [{ role: 'leader', node: city.city }]);
  await makeUser(t.deps, 'grid1', [{ role: 'grid_worker', node: city.grid1 }], {
    phone: PHONE,
    idNumber: ID,
  });
  await makeUser(t.deps, 'east1', [{ role: 'grid_worker', node: city.grid3 }]);
});
afterEach(async () => t.close());

const userId = async (username: string) =>
  (
    await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id;

describe('masking and reveal', () => {
  it('when the admin lists users, then phone and ID are masked on the server and no plaintext is in the body', async () => {
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const res = await admin.get('/api/users?q=grid1');
    expect(res.statusCode).toBe(200);
    const u = res.json().items[0];
    expect(u.phoneMasked).toBe('139****5678');
    expect(u.idNumberMasked).toBe(`140***********${ID.slice(-4)}`);
    expect(res.body).not.toContain(PHONE);
    expect(res.body).not.toContain(ID);
    expect(u.allowedActions).toEqual(expect.arrayContaining(['reveal_phone', 'reveal_id', 'reset_password']));
    const row = await t.deps.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'grid1')
      .executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain(PHONE);
    expect(row.phone_bidx).toBe(t.deps.crypto.blindIndex('phone', PHONE));
  });

  it('when the admin reveals the ID number, then the full value is returned and the reveal is audited without the value', async () => {
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const res = await admin.post(`/api/users/${await userId('grid1')}/reveal`, { field: 'idNumber' });
    expect(res.statusCode).toBe(200);
    expect(res.json().value).toBe(ID);
    const rows = await auditRows(t.deps, 'user.reveal');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_name: 'admin',
      outcome: 'success',
      entity_id: String(await userId('grid1')),
    });
    expect(JSON.stringify(rows[0])).not.toContain(ID);
  });

  it('when a leader (no user.reveal) tries to reveal, then 403 and a denied audit row; the list shows no reveal action', async () => {
    const leader = await login(t.app, 'leader', TEST_PASSWORD);
    const list = await leader.get('/api/users?q=grid1');
    expect(list.json().items[0].allowedActions).not.toContain('reveal_phone');
    const res = await leader.post(`/api/users/${await userId('grid1')}/reveal`, { field: 'phone' });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(PHONE);
    expect((await auditRows(t.deps, 'user.reveal'))[0]).toMatchObject({
      outcome: 'denied',
      actor_name: 'leader',
    });
  });
});

describe('scope', () => {
  it('when a community admin lists users, then only users of that subtree appear', async () => {
    const c = await login(t.app, 'cadmin', TEST_PASSWORD);
    const names = (await c.get('/api/users'))
      .json()
      .items.map((u: { username: string }) => u.username)
      .sort();
    expect(names).toEqual(['cadmin', 'east1']);
  });

  it('when a community admin opens a user outside the subtree, then 404 and an access.denied audit row', async () => {
    const c = await login(t.app, 'cadmin', TEST_PASSWORD);
    const res = await c.get(`/api/users/${await userId('grid1')}`);
    expect(res.statusCode).toBe(404);
    const denied = await auditRows(t.deps, 'access.denied');
    expect(denied.at(-1)).toMatchObject({ actor_name: 'cadmin', entity_type: 'user', outcome: 'denied' });
  });

  it('when a community admin assigns a role on a node outside the subtree, then the user is not created', async () => {
    const c = await login(t.app, 'cadmin', TEST_PASSWORD);
    const res = await c.post('/api/users', {
      username: 'sneaky',
      displayName: '越权',
      password: 'Strong-Pass-2026',
      assignments: [{ role: 'admin', nodeId: city.city.id }],
    });
    expect(res.statusCode).toBe(400);
    expect(
      await t.deps.db.selectFrom('users').select('id').where('username', '=', 'sneaky').execute(),
    ).toHaveLength(0);
  });
});

describe('create user: bad input leaves nothing written', () => {
  it('when the password is weak, the ID checksum wrong and the phone malformed, then 400 lists all three', async () => {
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const badId = `${ID.slice(0, 17)}${ID[17] === '1' ? '2' : '1'}`;
    const res = await admin.post('/api/users', {
      username: 'newbie',
      displayName: '新人',
      password: 'weakpass',
      phone: '12345',
      idNumber: badId,
      assignments: [{ role: 'grid_worker', nodeId: city.grid2.id }],
    });
    expect(res.statusCode).toBe(400);
    const fields = new Set(res.json().error.details.map((d: { field: string }) => d.field));
    expect(fields).toEqual(new Set(['password', 'phone', 'idNumber']));
    expect(
      await t.deps.db.selectFrom('users').select('id').where('username', '=', 'newbie').execute(),
    ).toHaveLength(0);
    expect(await auditRows(t.deps, 'user.create')).toHaveLength(0);
  });

  it('when the username is taken, then 409 USERNAME_TAKEN', async () => {
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const res = await admin.post('/api/users', {
      username: 'grid1',
      displayName: '重名',
      password: 'Strong-Pass-2026',
      assignments: [{ role: 'grid_worker', nodeId: city.grid2.id }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('USERNAME_TAKEN');
  });

  it('when all is valid, then the user, the assignment and one audit row are written, and the new user can log in', async () => {
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const res = await admin.post('/api/users', {
      username: 'grid2',
      displayName: '李网格',
      password: 'Strong-Pass-2026',
      phone: '139 0035 0001',
      assignments: [{ role: 'grid_worker', nodeId: city.grid2.id }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'grid2', phoneMasked: '139****0001' });
    const rows = await auditRows(t.deps, 'user.create');
    expect(rows).toHaveLength(1);
    expect(rows[0].after_json).not.toContain('13900350001');
    const c = await login(t.app, 'grid2', 'Strong-Pass-2026');
    expect((await c.get('/api/auth/me')).json().assignments[0].nodeId).toBe(city.grid2.id);
  });
});

describe('administration', () => {
  it('when the admin resets a password, then the user must change it and old sessions end', async () => {
    const g = await login(t.app, 'grid1', TEST_PASSWORD);
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const res = await admin.post(`/api/users/${await userId('grid1')}/reset-password`, {
      password: 'Reset-Pass-2026',
    });
    expect(res.statusCode).toBe(204);
    expect((await g.get('/api/auth/me')).statusCode).toBe(401);
    const again = await login(t.app, 'grid1', 'Reset-Pass-2026');
    expect((await again.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const blocked = await again.get(`/api/grid/nodes/${city.grid1.id}`);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await again.post('/api/auth/password', {
      currentPassword: 'Reset-Pass-2026',
      newPassword: 'Own-Choice-2026',
    });
    expect(changed.statusCode).toBe(204);
    expect((await again.get(`/api/grid/nodes/${city.grid1.id}`)).statusCode).toBe(200);
  });

  it('when the admin disables a user, then that user cannot log in', async () => {
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const res = await admin.patch(`/api/users/${await userId('east1')}`, { status: 'disabled' });
    expect(res.statusCode).toBe(200);
    const attempt = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'east1', password: TEST_PASSWORD },
    });
    expect(attempt.statusCode).toBe(401);
  });

  it('when a grid worker calls the users API, then the list is empty and writes are refused', async () => {
    const g = await login(t.app, 'grid1', TEST_PASSWORD);
    expect((await g.get('/api/users')).json().items).toEqual([]);
    const res = await g.post('/api/users', {
      username: 'x1234',
      displayName: 'x',
      password: 'Strong-Pass-2026',
      assignments: [{ role: 'grid_worker', nodeId: city.grid1.id }],
    });
    expect(res.statusCode).toBe(400);
    expect(
      await t.deps.db.selectFrom('users').select('id').where('username', '=', 'x1234').execute(),
    ).toHaveLength(0);
  });
});
