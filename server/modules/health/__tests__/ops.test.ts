import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => t.close());

describe('operations endpoints', () => {
  it('when /healthz and /readyz are called on a migrated database, then both answer ok with the engine', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', db: t.deps.kind, migrations: 'current' });
  });

  it('when any answer is sent, then it carries security headers and a request id (echoed when the caller sent one)', async () => {
    const res = await t.app.inject({ url: '/api/auth/me', headers: { 'x-request-id': 'req-12345678' } });
    expect(res.headers['x-request-id']).toBe('req-12345678');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('when the OpenAPI document is requested, then it lists the grid, auth, users and audit paths', async () => {
    const res = await t.app.inject({ url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/auth/login', '/api/grid/nodes/{id}', '/api/users/', '/api/audit/verify'])
      expect(paths).toContain(p);
  });

  it('when an unknown API path is called, then a JSON 404 in the common error shape comes back', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
