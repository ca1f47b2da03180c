// npm run bench [-- --quick]: OneGrid's speed figures next to baselines measured in the same run on the
// same machine. Writes bench/results/latest.json ({name, unit, value, baseline, baselineValue, ratio}[])
// and prints a table. Targets live here, never in timed test assertions.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { makeDeps } from '../server/context.js';
import { openSqlite } from '../server/db/create-db.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { makeUser } from '../server/test/factories.js';
import { benchCases } from './cases.js';
import { generateCity } from './generate-city.js';
import { benchGridchart } from './gridchart.js';
import { benchImports } from './imports.js';

const quick = process.argv.includes('--quick');
const DURATION = quick ? 3 : 10;
const CONNECTIONS = 8;

interface Result {
  name: string;
  unit: string;
  value: number;
  baseline: string;
  baselineValue: number;
  ratio: number;
  note?: string;
}

async function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

async function bareFastify(): Promise<number> {
  const app = Fastify({ logger: false });
  app.get('/json', async () => ({ hello: 'world', items: [1, 2, 3] }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const r = await cannon({ url: `http://127.0.0.1:${port}/json` });
  await app.close();
  return r.requests.average;
}

function bareSqliteInsert(dir: string): number {
  const db = new Database(path.join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table t (id integer primary key, a text, b text, c integer)');
  const ins = db.prepare('insert into t (a, b, c) values (?, ?, ?)');
  const n = quick ? 20_000 : 100_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) ins.run(`name-${i}`, 'x'.repeat(40), i); // one autocommit transaction each, like a request
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  db.close();
  return n / secs;
}

async function main() {
  const dir = path.resolve('.tmp/bench');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log(
    `OneGrid bench (${quick ? 'quick' : 'full'}): ${os.cpus().length} cores, node ${process.version}`,
  );

  const fastifyRps = await bareFastify();
  const sqliteIps = bareSqliteInsert(dir);

  const config = Object.freeze({
    ...loadConfig({
      ONEGRID_DATA_DIR: dir,
      ONEGRID_SECRET_KEY: 'b'.repeat(64),
      ONEGRID_DEMO: 'false',
      LOG_LEVEL: 'silent',
      ONEGRID_LOGIN_RATE_LIMIT: '0',
    }),
  });
  const handle = openSqlite(path.join(dir, 'onegrid.sqlite'));
  await migrateToLatest(handle.db);
  const deps = makeDeps(config, handle);
  const t0 = Date.now();
  const city = await generateCity(deps);
  const genMs = Date.now() - t0;
  const cityRef = { id: city.cityId, path: `/${city.cityId}/`, code: '140300', name: '阳泉市' };
  await makeUser(deps, 'leader', [{ role: 'leader', node: cityRef }], { password: 'Bench-Pass-2026' });
  const app = await buildApp(config, handle, { logger: false, serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

  const login = await cannon({
    url: `${base}/api/auth/login`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'leader', password: 'Bench-Pass-2026' }),
  });
  if (login.non2xx) throw new Error(`auth.login: ${login.non2xx} non-2xx answers`);

  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'leader', password: 'Bench-Pass-2026' }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const probe = await fetch(`${base}/api/grid/tree`, { headers: { cookie } });
  const treeBody = (await probe.json()) as { items: unknown[] };
  if (treeBody.items.length !== city.count)
    throw new Error(`grid.tree returned ${treeBody.items.length} of ${city.count} nodes`);
  const treeBytes = Number(probe.headers.get('content-length') ?? 0);
  const tree = await cannon({ url: `${base}/api/grid/tree`, headers: { cookie } });
  if (tree.non2xx) throw new Error(`grid.tree: ${tree.non2xx} non-2xx answers`);
  const children = await cannon({
    url: `${base}/api/grid/nodes/${city.cityId}/children`,
    headers: { cookie },
  });
  await app.close();
  await handle.close();

  const results: Result[] = [
    {
      name: 'baseline.fastify.json',
      unit: 'requests/s',
      value: fastifyRps,
      baseline: 'itself',
      baselineValue: fastifyRps,
      ratio: 1,
    },
    {
      name: 'baseline.sqlite.insert',
      unit: 'inserts/s',
      value: sqliteIps,
      baseline: 'itself',
      baselineValue: sqliteIps,
      ratio: 1,
    },
    {
      name: 'auth.login',
      unit: 'logins/s',
      value: login.requests.average,
      baseline: 'baseline.fastify.json',
      baselineValue: fastifyRps,
      ratio: login.requests.average / fastifyRps,
      note: `argon2id verify + session insert + audit row; p99 ${login.latency.p99} ms`,
    },
    {
      name: 'grid.tree',
      unit: 'requests/s',
      value: tree.requests.average,
      baseline: 'baseline.fastify.json',
      baselineValue: fastifyRps,
      ratio: tree.requests.average / fastifyRps,
      note: `${city.count} nodes, ${(treeBytes / 1024).toFixed(0)} KiB per answer; p99 ${tree.latency.p99} ms`,
    },
    {
      name: 'grid.children',
      unit: 'requests/s',
      value: children.requests.average,
      baseline: 'baseline.fastify.json',
      baselineValue: fastifyRps,
      ratio: children.requests.average / fastifyRps,
      note: `lazy tree level under the city; p99 ${children.latency.p99} ms`,
    },
    {
      name: 'grid.generate',
      unit: 'nodes/s',
      value: city.count / (genMs / 1000),
      baseline: 'baseline.sqlite.insert',
      baselineValue: sqliteIps,
      ratio: city.count / (genMs / 1000) / sqliteIps,
      note: 'insert + path update per node, one transaction',
    },
  ];
  // Issue 3 scenarios: each builds its own data and measures against its own same-run baseline.
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (!only || only === 'gridchart') results.push(...(await benchGridchart({ quick })));
  if (!only || only === 'imports') results.push(...(await benchImports({ quick })));
  // Issue 4: the case loop on SQLite and PostgreSQL (ONEGRID_TEST_PG_URL or the local test server).
  if (!only || only === 'cases')
    results.push(...(await benchCases({ quick, pg: !process.argv.includes('--no-pg') })));
  const out = path.resolve('bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
  console.log('\nname                     value          unit          baseline                  ratio');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(24)} ${fmt(r.value).padStart(10)}  ${r.unit.padEnd(13)} ${r.baseline.padEnd(24)} ${r.ratio.toFixed(3).padStart(7)}${r.note ? `  (${r.note})` : ''}`,
    );
  }
  console.log('\nwritten to bench/results/latest.json');
  rmSync(dir, { recursive: true, force: true });
}

await main();
