import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../../../test/build-test-app.js';
import { makeCity, makeUser, TEST_PASSWORD } from '../../../test/factories.js';
import { pruneAudit, verifyAuditChain } from '../audit.service.js';

let t: TestApp;

beforeEach(async () => {
  t = await buildTestApp();
  const city = await makeCity(t.deps);
  await makeUser(t.deps, 'admin', [{ role: 'admin', node: city.city }]);
  await makeUser(t.deps, 'auditor', [{ role: 'auditor', node: city.city }]);
  await makeUser(t.deps, 'grid1', [{ role: 'grid_worker', node: city.grid1 }]);
});
afterEach(async () => t.close());

async function someActivity() {
  const admin = await login(t.app, 'admin', TEST_PASSWORD);
  await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'grid1', password: 'Wrong-password-1' },
  });
  await admin.patch('/api/auth/me', { locale: 'en' });
  await admin.post('/api/auth/logout');
}

describe('hash chain', () => {
  it('when nothing was touched, then verify passes over every row', async () => {
    await someActivity();
    const n = Number(
      (
        await t.deps.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(n).toBeGreaterThanOrEqual(3);
    expect(await verifyAuditChain(t.deps.db)).toEqual({ ok: true, checked: n, firstBad: null });
  });

  it('when a row is edited in the database, then verify names that row as edited', async () => {
    await someActivity();
    await t.deps.db.updateTable('audit_log').set({ outcome: 'success' }).where('seq', '=', 2).execute();
    const r = await verifyAuditChain(t.deps.db);
    expect(r.ok).toBe(false);
    expect(r.firstBad).toEqual({ seq: 2, reason: 'edited' });
    expect(r.checked).toBe(1);
  });

  it('when a row is deleted, then verify names the missing sequence number', async () => {
    await someActivity();
    await t.deps.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect((await verifyAuditChain(t.deps.db)).firstBad).toEqual({ seq: 2, reason: 'missing' });
  });

  it('when a row is edited and its hash recomputed by a forger, then the next row’s link breaks', async () => {
    await someActivity();
    const { chainHash, contentOfRow } = await import('../audit-chain.js');
    const r2 = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    const forgedHash = chainHash(r2.prev_hash, { ...contentOfRow(r2), actorName: 'someone-else' });
    await t.deps.db
      .updateTable('audit_log')
      .set({ actor_name: 'someone-else', hash: forgedHash })
      .where('seq', '=', 2)
      .execute();
    expect((await verifyAuditChain(t.deps.db)).firstBad).toEqual({ seq: 3, reason: 'broken_link' });
  });

  it('when old rows are pruned under the retention period, then an anchor keeps the rest verifiable', async () => {
    await someActivity();
    t.clock.advanceMinutes(200 * 24 * 60);
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    await admin.patch('/api/auth/me', { locale: 'zh-CN' });
    const pruned = await pruneAudit(t.deps.db, t.deps.kind, 180, t.clock.now(), {
      actorId: null,
      actorName: 'test',
      ip: null,
      requestId: null,
    });
    expect(pruned).toBeGreaterThanOrEqual(3);
    const left = await t.deps.db.selectFrom('audit_log').select('action').orderBy('seq').execute();
    expect(left.map((r) => r.action)).toEqual(['auth.login', 'audit.prune']);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
});

describe('separation of duties (三权分立)', () => {
  it('when the administrator opens the audit log, then 403 and the attempt is itself audited', async () => {
    const admin = await login(t.app, 'admin', TEST_PASSWORD);
    const res = await admin.get('/api/audit');
    expect(res.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'access.denied')
      .execute();
    expect(denied.at(-1)).toMatchObject({ actor_name: 'admin', outcome: 'denied' });
  });

  it('when the auditor opens users or the grid, then 403 / nothing; the audit log and verify work', async () => {
    await someActivity();
    const auditor = await login(t.app, 'auditor', TEST_PASSWORD);
    const users = await auditor.get('/api/users');
    expect(users.json().items ?? []).toEqual([]);
    const roots = await auditor.get('/api/grid/roots');
    expect(roots.json().items ?? []).toEqual([]);
    const list = await auditor.get('/api/audit?outcome=failure');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThanOrEqual(1);
    expect(list.json().items.every((i: { outcome: string }) => i.outcome === 'failure')).toBe(true);
    const v = await auditor.get('/api/audit/verify');
    expect(v.json().ok).toBe(true);
  });

  it('when the auditor exports, then a real xlsx with one row per entry comes back and the export is audited', async () => {
    await someActivity();
    const auditor = await login(t.app, 'auditor', TEST_PASSWORD);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit/export.xlsx?action=auth.login',
      headers: { cookie: auditor.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    const logins = await t.deps.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', 'like', 'auth.login%')
      .execute();
    expect(ws.rowCount).toBe(logins.length + 1);
    expect(String(ws.getRow(2).getCell(4).value)).toBe('auth.login');
    const exp = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'audit.export')
      .execute();
    expect(exp).toHaveLength(1);
  });
});
