// Grid chart (网格图) scenario for `npm run bench`: a 10,000-household community, the data request's server
// time and gzip size, and the first full render in Chromium — each next to a same-run baseline.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { makeIdNumber } from '../common/id-number.js';
import { roomLabel } from '../common/registry.js';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { type Deps, makeDeps } from '../server/context.js';
import { type Db, openSqlite } from '../server/db/create-db.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { insertNode } from '../server/modules/grid/grid.repository.js';
import { clearChartCaches } from '../server/modules/gridchart/gridchart.service.js';
import { makeUser } from '../server/test/factories.js';
import { ensureTags } from '../server/test/gridchart-factories.js';

export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  baseline: string;
  baselineValue: number;
  ratio: number;
  note?: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PASSWORD = 'Bench-Pass-2026';
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅玉兰志强海燕文斌德福淑珍';

/** Deterministic pseudo-random numbers, so every run measures the same community. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertChunked<T extends Record<string, unknown>>(
  db: Db,
  table: 'buildings' | 'households' | 'residents' | 'tag_assignments' | 'visits',
  rows: T[],
  size = 500,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += size) {
    // biome-ignore lint/suspicious/noExplicitAny: generic bulk insert over several tables
    const got = await (db.insertInto(table) as any)
      .values(rows.slice(i, i + size))
      .returning('id')
      .execute();
    for (const r of got as Array<{ id: number }>) ids.push(r.id);
  }
  return ids;
}

/**
 * A community of `households` rooms (40 buildings × 2 units × 25 floors × 5 rooms at 10,000) spread over
 * 4 grids × 4 micro-grids, ~2.3 residents per household with valid ID numbers, a realistic tag mix and
 * six months of visits. Returns the community's node id and an empty community for the baseline.
 */
export async function generateChartCommunity(deps: Deps, households = 10_000) {
  const at = deps.clock.now().toISOString();
  const rand = rng(20261102);
  const pick = <T>(xs: ArrayLike<T>) => xs[Math.floor(rand() * xs.length)];
  const db = deps.db;
  const node = async (
    parent: { id: number; path: string } | null,
    level: string,
    code: string,
    name: string,
  ) => {
    const id = await insertNode(
      db,
      {
        parentId: parent?.id ?? null,
        level,
        code,
        name,
        subjects: ['party', 'governance', 'civil', 'petition', 'urban'],
        partyOrgType: null,
        partyOrgName: null,
        partySecretary: null,
        boundary: null,
        at,
      },
      parent?.path ?? null,
    );
    return { id, path: `${parent?.path ?? '/'}${id}/` };
  };
  const street = await node(null, 'street', '140302002', '北大街街道');
  const community = await node(street, 'community', '140302002001', '政府大院社区');
  const empty = await node(street, 'community', '140302002009', '空白社区');
  const micros: Array<{ id: number; path: string }> = [];
  for (let g = 1; g <= 4; g++) {
    const grid = await node(community, 'grid', `140302002001${String(g).padStart(3, '0')}`, `第${g}网格`);
    for (let m = 1; m <= 4; m++)
      micros.push(
        await node(grid, 'microgrid', `140302002001${String(g).padStart(3, '0')}00${m}`, `${g}-${m}微网格`),
      );
  }
  const tagIds = await ensureTags(db, at);

  const UNITS = 2;
  const FLOORS = 25;
  const PER = 5;
  const perBuilding = UNITS * FLOORS * PER;
  const nBuildings = Math.ceil(households / perBuilding);
  await db.transaction().execute(async (tx) => {
    const buildingIds = await insertChunked(
      tx as unknown as Db,
      'buildings',
      Array.from({ length: nBuildings }, (_, i) => ({
        node_id: micros[i % micros.length].id,
        number: String(i + 1),
        name: `${i + 1}号楼`,
        address: null,
        type: 'residential',
        units: UNITS,
        floors: FLOORS,
        rooms_per_floor: PER,
        lat: null,
        lng: null,
        retired_at: null,
        created_at: at,
        updated_at: at,
      })),
    );
    const hRows: Array<Record<string, unknown>> = [];
    for (let b = 0; b < nBuildings && hRows.length < households; b++)
      for (let u = 1; u <= UNITS; u++)
        for (let f = 1; f <= FLOORS; f++)
          for (let r = 1; r <= PER && hRows.length < households; r++) {
            const x = rand();
            hRows.push({
              building_id: buildingIds[b],
              node_id: micros[b % micros.length].id,
              unit_no: u,
              floor: f,
              room_no: r,
              room_label: roomLabel(String(b + 1), u, f, r),
              use: x < 0.8 ? 'owner' : x < 0.92 ? 'rented' : x < 0.98 ? 'vacant' : 'commercial',
              householder_id: null,
              created_at: at,
              updated_at: at,
            });
          }
    const hIds = await insertChunked(tx as unknown as Db, 'households', hRows);

    const rRows: Array<Record<string, unknown>> = [];
    const rHousehold: number[] = [];
    let seq = 0;
    hRows.forEach((h, i) => {
      if (h.use === 'vacant') return;
      const elderAlone = rand() < 0.05;
      const n = elderAlone ? 1 : 1 + Math.floor(rand() * 3.9);
      for (let k = 0; k < n; k++) {
        const age = elderAlone ? 62 + Math.floor(rand() * 30) : Math.floor(rand() * 88);
        const y = 2026 - age;
        const birth = `${y}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
        const idNumber = makeIdNumber('140302', birth, String(100 + (seq++ % 900)).padStart(3, '0'));
        rRows.push({
          household_id: hIds[i],
          node_id: h.node_id,
          name: `${pick(SURNAMES)}${pick(GIVEN)}${rand() < 0.6 ? pick(GIVEN) : ''}`,
          id_number_enc: deps.crypto.encrypt(idNumber),
          id_number_bidx: deps.crypto.blindIndex('id_number', idNumber),
          birth_date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
          sex: k % 2 ? 'female' : 'male',
          phone_enc: null,
          phone_bidx: null,
          relation: k === 0 ? 'self' : 'child',
          registered_here: 1,
          living_here: 1,
          political_status: rand() < 0.08 ? 'cpc_member' : 'masses',
          ethnicity: null,
          education: null,
          marital_status: null,
          occupation: null,
          employer: null,
          notes: null,
          status: 'active',
          moved_in_at: null,
          moved_out_at: null,
          created_at: at,
          updated_at: at,
        });
        rHousehold.push(hIds[i]);
      }
    });
    const rIds = await insertChunked(tx as unknown as Db, 'residents', rRows);

    const personTags: Array<[string, number, string[]?]> = [
      ['volunteer', 0.03],
      ['disabled', 0.015],
      ['veteran', 0.01],
      ['entitled_group', 0.005],
      ['empty_nest', 0.02],
      ['left_behind_child', 0.005],
      ['key_youth', 0.003],
      ['severe_mental', 0.003, ['0级', '1级', '2级', '3级']],
      ['community_correction', 0.001, ['缓刑', '假释']],
      ['released_prisoner', 0.001],
      ['drug_user', 0.001],
      ['tekun', 0.003],
      ['petition_agent', 0.002],
    ];
    const taRows: Array<Record<string, unknown>> = [];
    rIds.forEach((rid, i) => {
      for (const [code, p, risks] of personTags)
        if (rand() < p)
          taRows.push({
            tag_id: tagIds.get(code),
            household_id: rHousehold[i],
            resident_id: rid,
            risk_level: risks ? pick(risks) : null,
            note: null,
            since: null,
            actor_id: null,
            created_at: at,
          });
    });
    hIds.forEach((hid) => {
      for (const [code, p] of [
        ['dibao', 0.02],
        ['safe_family', 0.1],
      ] as const)
        if (rand() < p)
          taRows.push({
            tag_id: tagIds.get(code),
            household_id: hid,
            resident_id: null,
            risk_level: null,
            note: null,
            since: null,
            actor_id: null,
            created_at: at,
          });
    });
    await insertChunked(tx as unknown as Db, 'tag_assignments', taRows);

    const now = deps.clock.now().getTime();
    const vRows: Array<Record<string, unknown>> = [];
    hIds.forEach((hid, i) => {
      const n = Math.floor(rand() * 4.2);
      for (let k = 0; k < n; k++) {
        const dispute = rand() < 0.03;
        vRows.push({
          household_id: hid,
          node_id: hRows[i].node_id,
          resident_id: null,
          plan_id: null,
          visitor_id: null,
          visitor_name: '网格员',
          visited_at: new Date(now - Math.floor(rand() * 182) * 86_400_000).toISOString(),
          method: pick(['in_person', 'phone', 'wechat']),
          findings: null,
          screened: 1,
          dispute_found: dispute ? 1 : 0,
          dispute_resolved_at: dispute && rand() < 0.5 ? at : null,
          follow_up: 0,
          flagged: 0,
          created_at: at,
        });
      }
    });
    await insertChunked(tx as unknown as Db, 'visits', vRows);
  });
  const counts = {
    households: Number(
      (
        await db
          .selectFrom('households')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    residents: Number(
      (
        await db
          .selectFrom('residents')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    tagAssignments: Number(
      (
        await db
          .selectFrom('tag_assignments')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    visits: Number(
      (
        await db
          .selectFrom('visits')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  };
  return { street, community, empty, counts };
}

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
};

async function timeInject(
  app: FastifyInstance,
  url: string,
  headers: Record<string, string>,
  n: number,
  before?: () => unknown,
) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await before?.();
    const t0 = process.hrtime.bigint();
    const res = await app.inject({ method: 'GET', url, headers });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  return times;
}

async function renderInChromium(
  base: string,
  cookies: Array<{ name: string; value: string }>,
  urls: string[],
) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const out: Array<{ end: number; measure: number; cells: number }> = [];
  try {
    for (const url of urls) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      await context.addCookies(cookies.map((c) => ({ ...c, url: base })));
      const page = await context.newPage();
      await page.goto(`${base}${url}`);
      await page.waitForFunction(
        () => performance.getEntriesByName('gridchart-render-end').length > 0,
        null,
        {
          timeout: 30_000,
        },
      );
      out.push(
        await page.evaluate(() => ({
          end: performance.getEntriesByName('gridchart-render-end')[0].startTime,
          measure: performance.getEntriesByName('gridchart.render')[0]?.duration ?? 0,
          cells: document.querySelectorAll('[data-testid="gridchart-cell"]').length,
        })),
      );
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** The grid chart scenario; `quick` keeps it well under a minute. */
export async function benchGridchart(opts: { quick: boolean; render?: boolean }): Promise<BenchResult[]> {
  const dir = path.join(ROOT, '.tmp/bench-gridchart');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const config = Object.freeze({
    ...loadConfig({
      ONEGRID_DATA_DIR: dir,
      ONEGRID_SECRET_KEY: 'c'.repeat(64),
      ONEGRID_DEMO: 'false',
      LOG_LEVEL: 'silent',
      ONEGRID_LOGIN_RATE_LIMIT: '0',
    }),
  });
  const handle = openSqlite(path.join(dir, 'onegrid.sqlite'));
  await migrateToLatest(handle.db);
  const deps = makeDeps(config, handle);
  const t0 = Date.now();
  const gen = await generateChartCommunity(deps, 10_000);
  const genMs = Date.now() - t0;
  await makeUser(deps, 'staff', [{ role: 'community_staff', node: { ...gen.street, code: '', name: '' } }], {
    password: PASSWORD,
  });

  const results: BenchResult[] = [];
  const bare = Fastify({ logger: false });
  bare.get('/json', async () => ({ hello: 'world', items: [1, 2, 3] }));
  await bare.ready();
  const app = await buildApp(config, handle, { logger: false, serveWeb: true });
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'staff', password: PASSWORD },
    });
    if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
    const cookies = login.cookies.map((c) => ({ name: c.name, value: c.value }));
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const url = `/api/gridchart/${gen.community.id}`;

    const bareTimes = await timeInject(bare, '/json', {}, opts.quick ? 300 : 2000);
    const n = opts.quick ? 25 : 80;
    // A server in service has compiled the chart code and collected the generator's garbage long before
    // the first write: a few discarded rebuilds keep start-up effects out of the figures below.
    await timeInject(app, url, { cookie }, 5, () => clearChartCaches(app.deps));
    const cold = await timeInject(app, url, { cookie }, n, () => clearChartCaches(app.deps));
    // The first view after a write, as in service: one household changes, so the data version does too.
    const someHousehold = await app.deps.db
      .selectFrom('households')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    let stamp = Date.parse('2030-01-01T00:00:00.000Z');
    const afterWrite = await timeInject(app, url, { cookie }, n, () => {
      stamp += 1000;
      return app.deps.db
        .updateTable('households')
        .set({ updated_at: new Date(stamp).toISOString() })
        .where('id', '=', someHousehold.id)
        .execute();
    });
    const warm = await timeInject(app, url, { cookie }, opts.quick ? 200 : 1000);
    const first = await app.inject({ method: 'GET', url, headers: { cookie } });
    const etag = String(first.headers.etag);
    const t304: number[] = [];
    for (let i = 0; i < (opts.quick ? 100 : 500); i++) {
      const s = process.hrtime.bigint();
      const r = await app.inject({ method: 'GET', url, headers: { cookie, 'if-none-match': etag } });
      t304.push(Number(process.hrtime.bigint() - s) / 1e6);
      if (r.statusCode !== 304) throw new Error(`expected 304, got ${r.statusCode}`);
    }
    const raw = Buffer.byteLength(first.body);
    const gz = gzipSync(first.body, { level: 6 }).length;
    const body = first.json() as { buildings: Array<{ rooms: unknown[] }>; tags: unknown[] };
    const rooms = body.buildings.reduce((s, b) => s + b.rooms.length, 0);
    const bareP95 = p95(bareTimes);
    const coldP95 = p95(cold);
    const warmP95 = p95(warm);
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    results.push(
      {
        // What a viewer waits for in service: the view is cached per data version, so repeated requests
        // (wall screens, colleagues) cost a session check, the version fingerprint and the cached body.
        name: 'gridchart.data.p95',
        unit: 'ms',
        value: warmP95,
        baseline: 'bare Fastify JSON p95',
        baselineValue: bareP95,
        ratio: warmP95 / bareP95,
        note: `${rooms} households, ${gen.counts.residents} residents, ${gen.counts.tagAssignments} tag assignments, ${gen.counts.visits} visits; unchanged data, full 200 body each time, p95 over ${warm.length} (304 revalidation p95 ${p95(t304).toFixed(2)} ms); target < 100 ms`,
      },
      {
        // The first view after any write: everything rebuilt from the database.
        name: 'gridchart.data.cold.p95',
        unit: 'ms',
        value: coldP95,
        baseline: 'bare Fastify JSON p95',
        baselineValue: bareP95,
        ratio: coldP95 / bareP95,
        note: `view rebuilt from the database each time (cache cleared), p95 over ${n} after 5 discarded rebuilds, median ${median(cold).toFixed(1)} ms; target < 100 ms`,
      },
      {
        // What a viewer waits for in service right after someone edits one household: the data version
        // moves, so the view is rebuilt (no cache cleared by hand).
        name: 'gridchart.data.afterwrite.p95',
        unit: 'ms',
        value: p95(afterWrite),
        baseline: 'bare Fastify JSON p95',
        baselineValue: bareP95,
        ratio: p95(afterWrite) / bareP95,
        note: `first view after a one-household write, p95 over ${n}, median ${median(afterWrite).toFixed(1)} ms; target < 100 ms`,
      },
      {
        name: 'gridchart.data.gzip',
        unit: 'KB',
        value: gz / 1024,
        baseline: 'raw body KB',
        baselineValue: raw / 1024,
        ratio: gz / raw,
        note: `${body.tags.length} visible tags; target < 400 KB gzipped`,
      },
    );

    if (opts.render === false) {
      // data figures only
    } else if (!existsSync(path.join(ROOT, 'web/dist/index.html'))) {
      results.push({
        name: 'gridchart.render',
        unit: 'ms',
        value: Number.NaN,
        baseline: 'empty chart page',
        baselineValue: Number.NaN,
        ratio: Number.NaN,
        note: 'skipped: web/dist missing (npm run build first)',
      });
    } else {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      try {
        const [empty, full] = await renderInChromium(base, cookies, [
          `/chart/${gen.empty.id}`,
          `/chart/${gen.community.id}`,
        ]);
        results.push({
          name: 'gridchart.render',
          unit: 'ms',
          value: full.end,
          baseline: 'empty chart page',
          baselineValue: empty.end,
          ratio: full.end / empty.end,
          note: `navigation → first full render (performance mark gridchart-render-end), ${full.cells} cells drawn in view; data → DOM ${full.measure.toFixed(0)} ms (measure gridchart.render); target < 1500 ms`,
        });
      } catch (err) {
        results.push({
          name: 'gridchart.render',
          unit: 'ms',
          value: Number.NaN,
          baseline: 'empty chart page',
          baselineValue: Number.NaN,
          ratio: Number.NaN,
          note: `failed: ${(err as Error).message.split('\n')[0]}`,
        });
      }
    }
    results[0].note += `; community generated in ${(genMs / 1000).toFixed(1)} s`;
  } finally {
    await app.close();
    await bare.close();
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

// Run alone: node --import tsx bench/gridchart.ts [--quick]
if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await benchGridchart({
    quick: process.argv.includes('--quick'),
    render: !process.argv.includes('--no-render'),
  });
  for (const r of results) console.log(JSON.stringify(r));
}
