import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import type { Deps } from '../context.js';
import { ManualClock } from '../lib/clock.js';
import { createTestDb, type TestDb } from './dialects.js';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  clock: ManualClock;
  testDb: TestDb;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig(
    {
      ONEGRID_DATA_DIR: '/tmp/onegrid-test-unused',
      ONEGRID_SECRET_KEY: 'a'.repeat(64),
      ONEGRID_DEMO: 'false',
      ONEGRID_LOGIN_RATE_LIMIT: '0',
      LOG_LEVEL: 'silent',
    },
    { createKey: false },
  );
  return Object.freeze({ ...base, ...overrides });
}

/** The real app on a real, empty, migrated database of the run's engine, with a hand-moved clock. */
export async function buildTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  const clock = new ManualClock();
  const config = testConfig(overrides);
  const app = await buildApp(config, testDb.handle, { clock, logger: false, serveWeb: false });
  await app.ready();
  return {
    app,
    deps: app.deps,
    clock,
    testDb,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}

/** A logged-in browser-like client: carries the session cookie and the CSRF header. */
export interface Client {
  cookie: string;
  csrf: string;
  userId: number;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  del(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function login(
  app: FastifyInstance,
  username: string,
  password: string,
  totp?: string,
): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password, totp },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const sid = res.cookies.find((c) => c.name === 'og_sid')!.value;
  const csrf = res.cookies.find((c) => c.name === 'og_csrf')!.value;
  const cookie = `og_sid=${sid}; og_csrf=${csrf}`;
  const userId = (res.json() as { user: { id: number } }).user.id;
  const h = (extra?: Record<string, string>) => ({ cookie, 'x-csrf-token': csrf, ...extra });
  return {
    cookie,
    csrf,
    userId,
    get: (url, headers) => app.inject({ method: 'GET', url, headers: { cookie, ...headers } }),
    post: (url, body, headers) =>
      app.inject({ method: 'POST', url, payload: body as object, headers: h(headers) }),
    patch: (url, body, headers) =>
      app.inject({ method: 'PATCH', url, payload: body as object, headers: h(headers) }),
    del: (url, headers) => app.inject({ method: 'DELETE', url, headers: h(headers) }),
  };
}
