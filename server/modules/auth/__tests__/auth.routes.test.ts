import { authenticator } from 'otplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../../../test/build-test-app.js';
import { auditRows, makeCity, makeUser, TEST_PASSWORD } from '../../../test/factories.js';

let t: TestApp;
let city: Awaited<ReturnType<typeof makeCity>>;

beforeEach(async () => {
  t = await buildTestApp();
  city = await makeCity(t.deps);
  await makeUser(t.deps, 'grid1', [{ role: 'grid_worker', node: city.grid1 }]);
});
afterEach(async () => t.close());

const attempt = (password: string, username = 'grid1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('login', () => {
  it('when the password is right, then a session cookie (HttpOnly, SameSite) and the actor with scope are returned', async () => {
    const res = await attempt(TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const sid = res.cookies.find((c) => c.name === 'og_sid')!;
    expect(sid.httpOnly).toBe(true);
    expect(sid.sameSite).toBe('Lax');
    const me = res.json();
    expect(me.user.username).toBe('grid1');
    expect(me.assignments).toEqual([
      expect.objectContaining({ role: 'grid_worker', nodeId: city.grid1.id, nodePath: city.grid1.path }),
    ]);
    expect(me.permissions).toContain('case.handle');
    expect(me.globalPermissions).toEqual([]);
    const sessions = await t.deps.db.selectFrom('sessions').selectAll().execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0].id).not.toBe(sid.value); // only the hash of the token is stored
    const audit = await auditRows(t.deps, 'auth.login');
    expect(audit.at(-1)).toMatchObject({ outcome: 'success', actor_name: 'grid1' });
  });

  it('when the password is wrong, then 401 and a failure audit row, with no session', async () => {
    const res = await attempt('Wrong-password-1');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(await t.deps.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
    const audit = await auditRows(t.deps, 'auth.login');
    expect(audit.at(-1)).toMatchObject({ outcome: 'failure' });
  });

  it('when the username does not exist, then the same 401 as a wrong password (no username leak) and an audit row', async () => {
    const res = await attempt(TEST_PASSWORD, 'nobody');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect((await auditRows(t.deps, 'auth.login')).at(-1)).toMatchObject({
      outcome: 'failure',
      actor_name: 'nobody',
    });
  });

  it('when the body is malformed JSON or misses fields, then 400 listing every field', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(bad.statusCode).toBe(400);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: {},
      headers: { 'accept-language': 'en' },
    });
    expect(missing.statusCode).toBe(400);
    const fields = missing
      .json()
      .error.details.map((d: { field: string }) => d.field)
      .sort();
    expect(fields).toEqual(['password', 'username']);
    expect(missing.json().error.message).toMatch(/[a-z]/i);
  });
});

describe('lockout (等保 身份鉴别 b)', () => {
  it('when 5 wrong passwords are tried, then the account is locked for 15 minutes even for the right password, then unlocks', async () => {
    for (let i = 0; i < 4; i++) expect((await attempt('Wrong-password-1')).statusCode).toBe(401);
    const fifth = await attempt('Wrong-password-1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('AUTH_LOCKED');
    const during = await attempt(TEST_PASSWORD);
    expect(during.statusCode).toBe(423);
    const row = await t.deps.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'grid1')
      .executeTakeFirstOrThrow();
    expect(row.locked_until).toBe(new Date(t.clock.now().getTime() + 15 * 60_000).toISOString());
    t.clock.advanceMinutes(14);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(423);
    t.clock.advanceMinutes(2);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('when a correct login follows 4 failures, then the failure count resets', async () => {
    for (let i = 0; i < 4; i++) await attempt('Wrong-password-1');
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt('Wrong-password-1')).statusCode).toBe(401);
  });
});

describe('sessions', () => {
  it('when the session is idle for more than 30 minutes, then 401 AUTH_SESSION_EXPIRED and the session row is gone', async () => {
    const c = await login(t.app, 'grid1', TEST_PASSWORD);
    t.clock.advanceMinutes(29);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(29); // active 29 minutes ago, so still alive
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_SESSION_EXPIRED');
    expect(await t.deps.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });

  it('when a user logs out, then the session no longer works', async () => {
    const c = await login(t.app, 'grid1', TEST_PASSWORD);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    expect(await auditRows(t.deps, 'auth.logout')).toHaveLength(1);
  });

  it('when no cookie is sent, then 401 AUTH_REQUIRED', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_REQUIRED');
  });
});

describe('CSRF', () => {
  it('when a state-changing request lacks or forges the CSRF token, then 403 CSRF_INVALID, nothing changes, and it is audited', async () => {
    const c = await login(t.app, 'grid1', TEST_PASSWORD);
    const noToken = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie: c.cookie },
      payload: { locale: 'en' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF_INVALID');
    const forged = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie: c.cookie, 'x-csrf-token': 'forged-token' },
      payload: { locale: 'en' },
    });
    expect(forged.statusCode).toBe(403);
    const u = await t.deps.db
      .selectFrom('users')
      .select('locale')
      .where('username', '=', 'grid1')
      .executeTakeFirstOrThrow();
    expect(u.locale).toBe('zh-CN');
    expect(await auditRows(t.deps, 'access.csrf_rejected')).toHaveLength(2);
    const ok = await c.patch('/api/auth/me', { locale: 'en' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.locale).toBe('en');
  });
});

describe('password change', () => {
  it('when the new password is weak, then 400 PASSWORD_WEAK with reasons and the hash is unchanged', async () => {
    const c = await login(t.app, 'grid1', TEST_PASSWORD);
    const before = await t.deps.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'grid1')
      .executeTakeFirstOrThrow();
    const res = await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('PASSWORD_WEAK');
    expect(res.json().error.details.length).toBeGreaterThanOrEqual(1);
    const after = await t.deps.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'grid1')
      .executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
  });

  it('when the current password is right and the new one strong, then the new one works and the old does not', async () => {
    const c = await login(t.app, 'grid1', TEST_PASSWORD);
    const res = await c.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Grid-Worker-2027',
    });
    expect(res.statusCode).toBe(204);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(401);
    expect((await attempt('Grid-Worker-2027')).statusCode).toBe(200);
    expect(await auditRows(t.deps, 'auth.password_change')).toHaveLength(1);
  });
});

describe('TOTP second factor', () => {
  it('when TOTP is enabled, then login needs the code and a wrong code is refused', async () => {
    const c = await login(t.app, 'grid1', TEST_PASSWORD);
    const setup = await c.post('/api/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, qrDataUrl } = setup.json();
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const stored = await t.deps.db
      .selectFrom('users')
      .select('totp_secret_enc')
      .where('username', '=', 'grid1')
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret_enc).not.toContain(secret);
    expect((await c.post('/api/auth/totp/enable', { code: '000000' })).statusCode).toBe(400);
    expect((await c.post('/api/auth/totp/enable', { code: authenticator.generate(secret) })).statusCode).toBe(
      204,
    );
    const noCode = await attempt(TEST_PASSWORD);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('AUTH_TOTP_REQUIRED');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'grid1', password: TEST_PASSWORD, totp: '123456' },
    });
    expect(wrong.json().error.code).toBe('AUTH_TOTP_INVALID');
    const good = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'grid1', password: TEST_PASSWORD, totp: authenticator.generate(secret) },
    });
    expect(good.statusCode).toBe(200);
  });

  it('when ONEGRID_ADMIN_2FA is on and an admin has no TOTP, then every API but /api/auth answers 403 AUTH_TOTP_SETUP_REQUIRED', async () => {
    await t.close();
    t = await buildTestApp({ admin2fa: true });
    city = await makeCity(t.deps);
    await makeUser(t.deps, 'admin', [{ role: 'admin', node: city.city }]);
    const c = await login(t.app, 'admin', TEST_PASSWORD);
    const me = await c.get('/api/auth/me');
    expect(me.json().user.mustSetupTotp).toBe(true);
    const users = await c.get('/api/users');
    expect(users.statusCode).toBe(403);
    expect(users.json().error.code).toBe('AUTH_TOTP_SETUP_REQUIRED');
    const { secret } = (await c.post('/api/auth/totp/setup')).json();
    expect((await c.post('/api/auth/totp/enable', { code: authenticator.generate(secret) })).statusCode).toBe(
      204,
    );
    expect((await c.get('/api/users')).statusCode).toBe(200);
  });
});
