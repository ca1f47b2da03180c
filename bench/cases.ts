// Case-loop figures for issue 4 (called from bench/run.ts): creating a case over HTTP (validated, numbered, with
// its timeline event and audit row in one transaction) and the inbox page among 1,000,000 stored cases, on SQLite
// and on PostgreSQL, each next to a bare Fastify endpoint measured in the same run: a single-row insert for the
// create, and the very SQL the inbox ran (captured from the service) for the inbox.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { type CallContext, type Deps, makeDeps, type SessionActor } from '../server/context.js';
import { type DbHandle, openPostgres, openSqlite } from '../server/db/create-db.js';
import { migrateToLatest } from '../server/db/migrate.js';
import type { DB } from '../server/db/schema.js';
import { ensureCaseSetup } from '../server/modules/cases/case-setup.js';
import { listCases } from '../server/modules/cases/cases.service.js';
import { makeUser } from '../server/test/factories.js';
import { generateCity } from './generate-city.js';
import type { BenchResult } from './imports.js';

const PG_ADMIN = process.env.ONEGRID_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'Bench-Pass-2026';
const CONNECTIONS = 50;

async function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

interface Engine {
  kind: 'sqlite' | 'postgres';
  handle: DbHandle;
  deps: Deps;
  dir: string;
  close(): Promise<void>;
}

export async function openEngine(kind: 'sqlite' | 'postgres', dir: string): Promise<Engine> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let handle: DbHandle;
  let dropPg: (() => Promise<void>) | null = null;
  let databaseUrl: string | undefined;
  if (kind === 'sqlite') handle = openSqlite(path.join(dir, 'onegrid.sqlite'));
  else {
    const name = `og_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    handle = openPostgres(databaseUrl, 20);
    dropPg = async () => {
      const a = new pg.Client({ connectionString: PG_ADMIN });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  await migrateToLatest(handle.db);
  const config = Object.freeze({
    ...loadConfig({
      ONEGRID_DATA_DIR: dir,
      ONEGRID_SECRET_KEY: 'd'.repeat(64),
      ONEGRID_DEMO: 'false',
      LOG_LEVEL: 'silent',
      ONEGRID_LOGIN_RATE_LIMIT: '0',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    }),
  });
  const deps = makeDeps(config, handle);
  return {
    kind,
    handle,
    deps,
    dir,
    close: async () => {
      await handle.close();
      if (dropPg) await dropPg();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Stores `n` cases spread over every micro-grid of the city in one statement inside the engine (the bench's data,
 * not a code path under test): most closed, the rest across the open states, deadlines around now.
 */
export async function fillCases(e: Engine, n: number, categoryId: number) {
  const now = Date.now();
  const iso = (expr: string) =>
    e.kind === 'sqlite'
      ? `strftime('%Y-%m-%dT%H:%M:%fZ', ${now / 1000} + (${expr}), 'unixepoch')`
      : `to_char(to_timestamp(${now / 1000} + (${expr})) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const series =
    e.kind === 'sqlite'
      ? `with recursive s(i) as (select 1 union all select i + 1 from s where i < ${n}),`
      : `with s(i) as (select generate_series(1, ${n})),`;
  const mod = (a: string, b: number) => (e.kind === 'sqlite' ? `(${a} % ${b})` : `mod(${a}, ${b})`);
  const stateExpr = `case when ${mod('i', 100)} < 85 then 'closed' when ${mod('i', 100)} < 88 then 'awaiting_rating'
    when ${mod('i', 100)} < 90 then 'handled' when ${mod('i', 100)} < 94 then 'in_progress'
    when ${mod('i', 100)} < 97 then 'dispatched' when ${mod('i', 100)} < 99 then 'accepted' else 'collected' end`;
  const text = `${series}
    m as (select row_number() over (order by id) - 1 as k, id from grid_nodes where level = 'microgrid'),
    mc as (select count(*) as c from m)
    insert into cases (number, title, description, category_id, source, urgency, state, node_id, version,
      response_due_at, handling_due_at, clock_start_at, warn_at, supervised, reopen_count, head_review, self_handled,
      created_at, updated_at)
    select 'BM-' || i, '楼道灯不亮', '三单元楼道灯坏了一周，晚上老人上下楼不方便', ${categoryId}, 'grid_worker', 'normal',
      ${stateExpr}, m.id, 1,
      ${iso(`${mod('i', 86400)} * 10 - 432000`)}, ${iso(`${mod('i * 7', 86400)} * 30 - 1296000`)},
      ${iso(`${mod('i', 86400)} * 10 - 2000000`)}, null, 0, 0, 0, ${mod('i', 2)},
      ${iso(`-${mod('i', 150000000)}`)}, ${iso(`-${mod('i', 1000)}`)}
    from s cross join mc join m on m.k = ${e.kind === 'sqlite' ? '(i % mc.c)' : 'mod(i, mc.c)'}`;
  await sql.raw(text).execute(e.handle.db);
  if (e.kind === 'postgres') await sql`analyze cases`.execute(e.handle.db);
  else await sql`analyze`.execute(e.handle.db);
}

async function loginCookie(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`bench login ${username}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('og_csrf='))!.slice('og_csrf='.length);
  return { cookie: cookies.join('; '), csrf };
}

/** A bare Fastify endpoint inserting one row per POST into a same-shaped table (autocommit), the create baseline. */
async function bareCreate(e: Engine, duration: number): Promise<autocannon.Result> {
  const app = Fastify({ logger: false });
  let insert: (b: Record<string, unknown>) => Promise<void>;
  let cleanup = async () => {};
  if (e.kind === 'sqlite') {
    const db = new Database(path.join(e.dir, 'bare.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(
      'create table t (id integer primary key, title text, description text, category_id integer, created_at text)',
    );
    const ins = db.prepare('insert into t (title, description, category_id, created_at) values (?, ?, ?, ?)');
    insert = async (b) => {
      ins.run(String(b.title), String(b.description), Number(b.categoryId), new Date().toISOString());
    };
    cleanup = async () => {
      db.close();
    };
  } else {
    const pool = new pg.Pool({ connectionString: e.deps.config.databaseUrl!, max: 20 });
    await pool.query(
      'create table bare_t (id serial primary key, title text, description text, category_id integer, created_at text)',
    );
    insert = async (b) => {
      await pool.query(
        'insert into bare_t (title, description, category_id, created_at) values ($1, $2, $3, $4)',
        [String(b.title), String(b.description), Number(b.categoryId), new Date().toISOString()],
      );
    };
    cleanup = async () => {
      await pool.query('drop table bare_t');
      await pool.end();
    };
  }
  app.post('/x', async (req, reply) => {
    await insert(req.body as Record<string, unknown>);
    return reply.status(201).send({ ok: true });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const r = await cannon({
    url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}/x`,
    method: 'POST',
    duration,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: '楼道灯不亮', description: '三单元楼道灯坏了一周', categoryId: 1 }),
  });
  await app.close();
  await cleanup();
  return r;
}

/**
 * A bare Fastify endpoint running exactly the SQL (text and parameters) the inbox ran, captured from the service
 * through Kysely's query log, on the same database and rows.
 */
async function bareInbox(
  e: Engine,
  queries: Array<{ sql: string; parameters: readonly unknown[] }>,
  duration: number,
): Promise<autocannon.Result> {
  const app = Fastify({ logger: false });
  let run: () => Promise<unknown[]>;
  let cleanup = async () => {};
  if (e.kind === 'sqlite') {
    const stmts = queries.map((q) => ({ s: e.handle.sqlite!.prepare(q.sql), p: q.parameters as unknown[] }));
    run = async () => stmts.map(({ s, p }) => s.all(...p));
  } else {
    const pool = new pg.Pool({ connectionString: e.deps.config.databaseUrl!, max: 20 });
    run = async () => {
      const out: unknown[] = [];
      for (const q of queries) out.push((await pool.query(q.sql, q.parameters as unknown[])).rows);
      return out;
    };
    cleanup = () => pool.end();
  }
  app.get('/inbox', async () => ({ results: await run() }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const r = await cannon({
    url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}/inbox`,
    duration,
  });
  await app.close();
  await cleanup();
  return r;
}

/** The SQL one inbox call runs, in order, captured through a logging Kysely on the same connection(s). */
async function captureInbox(e: Engine, actor: SessionActor) {
  const queries: Array<{ sql: string; parameters: readonly unknown[] }> = [];
  const log = (ev: { level: string; query: { sql: string; parameters: readonly unknown[] } }) => {
    if (ev.level === 'query') queries.push({ sql: ev.query.sql, parameters: ev.query.parameters });
  };
  const spy =
    e.kind === 'sqlite'
      ? new Kysely<DB>({ dialect: new SqliteDialect({ database: e.handle.sqlite! }), log })
      : new Kysely<DB>({
          dialect: new PostgresDialect({
            pool: new pg.Pool({ connectionString: e.deps.config.databaseUrl!, max: 2 }),
          }),
          log,
        });
  const c: CallContext = {
    deps: { ...e.deps, db: spy },
    actor,
    audit: { actorId: actor.userId, actorName: actor.username, ip: null, requestId: null },
    locale: 'zh-CN',
  };
  const page = await listCases(c, { view: 'inbox', page: 1, pageSize: 20 });
  if (e.kind === 'postgres') await spy.destroy();
  return { queries, rows: page.items.length, total: page.total };
}

async function actorOf(e: Engine, username: string): Promise<SessionActor> {
  const u = await e.deps.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const rows = await e.deps.db
    .selectFrom('role_assignments as r')
    .innerJoin('grid_nodes as n', 'n.id', 'r.node_id')
    .select(['r.id', 'r.role', 'r.node_id', 'n.path', 'n.name', 'n.level'])
    .where('r.user_id', '=', u.id)
    .execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    sessionId: 'bench',
    csrfToken: 'bench',
    locale: 'zh-CN',
    totpEnabled: false,
    mustSetupTotp: false,
    mustChangePassword: false,
    assignments: rows.map((r) => ({
      id: r.id,
      role: r.role as SessionActor['assignments'][number]['role'],
      nodeId: r.node_id,
      nodePath: r.path,
      nodeName: r.name,
      nodeLevel: r.level,
    })),
  } as SessionActor;
}

async function benchEngine(kind: 'sqlite' | 'postgres', quick: boolean): Promise<BenchResult[]> {
  const duration = quick ? 3 : 10;
  const total = quick ? 100_000 : 1_000_000;
  const e = await openEngine(kind, path.resolve(`.tmp/bench-cases/${kind}`));
  try {
    await ensureCaseSetup(e.deps);
    await generateCity(e.deps);
    const community = await e.deps.db
      .selectFrom('grid_nodes')
      .select(['id', 'path', 'code', 'name'])
      .where('level', '=', 'community')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const micro = await e.deps.db
      .selectFrom('grid_nodes')
      .select('id')
      .where('level', '=', 'microgrid')
      .where('path', 'like', `${community.path}%`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const category = await e.deps.db
      .selectFrom('case_categories')
      .select('id')
      .where('code', '=', 'MS01')
      .executeTakeFirstOrThrow();
    await makeUser(e.deps, 'staff', [{ role: 'community_staff', node: community }], { password: PASSWORD });
    const t0 = Date.now();
    await fillCases(e, total, category.id);
    const fillSecs = (Date.now() - t0) / 1000;

    const app = await buildApp(e.deps.config, e.handle, { logger: false, serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const { cookie, csrf } = await loginCookie(base, 'staff');

    // --- create
    const countOf = async (table: 'cases' | 'case_events' | 'audit_log') =>
      Number(
        (
          await e.deps.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = { cases: await countOf('cases'), events: await countOf('case_events') };
    const created = await cannon({
      url: `${base}/api/cases`,
      method: 'POST',
      duration,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({
        title: '3号楼2单元楼顶漏水',
        description: '连续下雨后502室天花板渗水，墙皮脱落，请尽快处理',
        categoryId: category.id,
        source: 'grid_worker',
        urgency: 'normal',
        nodeId: micro.id,
      }),
    });
    if (created.non2xx) throw new Error(`cases.create (${kind}): ${created.non2xx} non-2xx answers`);
    // Requests still in flight when the clock stopped finish on their own: wait until the counts settle, then read
    // cases and events together.
    let made = -1;
    let events = -2;
    for (let tries = 0; tries < 50; tries++) {
      await new Promise((r) => setTimeout(r, 200));
      const c = (await countOf('cases')) - before.cases;
      const ev = (await countOf('case_events')) - before.events;
      if (c === made && ev === events) break;
      [made, events] = [c, ev];
    }
    // every answered request wrote one case and one event
    if (made < created.requests.total || events !== made)
      throw new Error(
        `cases.create (${kind}): ${created.requests.total} answers, ${made} cases, ${events} events`,
      );
    const bareC = await bareCreate(e, duration);

    // --- inbox
    const probe = await fetch(`${base}/api/cases?view=inbox&page=1&pageSize=20`, { headers: { cookie } });
    if (!probe.ok) throw new Error(`cases.inbox (${kind}): ${probe.status} ${await probe.text()}`);
    const inboxBody = (await probe.json()) as { items: unknown[]; total: number };
    const inbox = await cannon({
      url: `${base}/api/cases?view=inbox&page=1&pageSize=20`,
      duration,
      headers: { cookie },
    });
    if (inbox.non2xx) throw new Error(`cases.inbox (${kind}): ${inbox.non2xx} non-2xx answers`);
    const captured = await captureInbox(e, await actorOf(e, 'staff'));
    const bareI = await bareInbox(e, captured.queries, duration);
    await app.close();

    const sfx = kind === 'sqlite' ? '' : '.pg';
    const engine = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const storedNote = `${(total + made).toLocaleString()} cases stored (${fillSecs.toFixed(0)} s to fill)`;
    return [
      {
        name: `cases.create${sfx}`,
        unit: 'requests/s',
        value: created.requests.average,
        baseline: `bare Fastify + ${kind === 'sqlite' ? 'better-sqlite3' : 'pg'} single insert`,
        baselineValue: bareC.requests.average,
        ratio: created.requests.average / bareC.requests.average,
        note: `${engine}, ${CONNECTIONS} connections, POST /api/cases: validate, number, deadlines, case + timeline event + audit row in one transaction; p50 ${created.latency.p50} ms, p99 ${created.latency.p99} ms; baseline p99 ${bareC.latency.p99} ms; ${storedNote}; target ${kind === 'sqlite' ? '≥ 3,000' : '≥ 1,500'} requests/s`,
      },
      {
        name: `cases.create${sfx}.p99`,
        unit: 'ms',
        value: created.latency.p99,
        baseline: 'bare single insert p99',
        baselineValue: bareC.latency.p99,
        ratio: created.latency.p99 / Math.max(bareC.latency.p99, 1),
      },
      {
        name: `cases.inbox${sfx}`,
        unit: 'requests/s',
        value: inbox.requests.average,
        baseline: 'bare Fastify endpoint, same SQL, same rows',
        baselineValue: bareI.requests.average,
        ratio: inbox.requests.average / bareI.requests.average,
        note: `${engine}, ${CONNECTIONS} connections, GET /api/cases?view=inbox (community staff: scope + state + due order, 20 rows of ${inboxBody.total}; ${captured.queries.length} queries); p99 ${inbox.latency.p99} ms, baseline p99 ${bareI.latency.p99} ms; ${storedNote}; target ≥ 3,000 requests/s, p99 < 30 ms, ratio ≥ 0.6`,
      },
      {
        name: `cases.inbox${sfx}.p99`,
        unit: 'ms',
        value: inbox.latency.p99,
        baseline: 'target 30 ms',
        baselineValue: 30,
        ratio: inbox.latency.p99 / 30,
      },
    ];
  } finally {
    await e.close();
  }
}

export async function benchCases(opts: { quick: boolean; pg: boolean }): Promise<BenchResult[]> {
  const out = await benchEngine('sqlite', opts.quick);
  if (opts.pg) out.push(...(await benchEngine('postgres', opts.quick)));
  rmSync(path.resolve('.tmp/bench-cases'), { recursive: true, force: true });
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  for (const r of await benchCases({ quick, pg: !process.argv.includes('--no-pg') }))
    console.log(JSON.stringify(r));
}
