import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../../../../common/credit-code.js';
import { parseIdNumber } from '../../../../common/id-number.js';
import { nameGrams } from '../../../../common/registry.js';
import { type Deps, makeDeps } from '../../../context.js';
import { ManualClock } from '../../../lib/clock.js';
import type { TodayItem } from '../../../modules/visits/visits.service.js';
import { buildTestApp, login, type TestApp, testConfig } from '../../../test/build-test-app.js';
import { createTestDb, type TestDb } from '../../../test/dialects.js';
import { DEMO_COMMUNITY_CODE, type RegistryDemoCounts } from '../registry-demo.js';
import { seedDemo } from '../seed-demo.js';

const PASSWORD = 'Demo-pass-2026';
let t: TestApp;
let counts: RegistryDemoCounts;

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.deps, PASSWORD);
  counts = (await t.deps.db
    .selectFrom('audit_log')
    .select('after_json')
    .where('action', '=', 'demo.seed_registry')
    .executeTakeFirstOrThrow()
    .then((r) => JSON.parse(r.after_json!))) as RegistryDemoCounts;
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function communityMicroGrids(deps: Deps) {
  const community = await deps.db
    .selectFrom('grid_nodes')
    .select('path')
    .where('code', '=', DEMO_COMMUNITY_CODE)
    .executeTakeFirstOrThrow();
  return deps.db
    .selectFrom('grid_nodes')
    .select(['id', 'path'])
    .where('level', '=', 'microgrid')
    .where('path', 'like', `${community.path}%`)
    .execute();
}

describe('the registry demo of 政府大院社区', () => {
  it('when the demo is seeded, then about 40 buildings, 3,000 households, 7,000 residents and visits', async () => {
    expect(counts.buildings).toBe(46);
    expect(counts.households).toBeGreaterThan(2700);
    expect(counts.households).toBeLessThan(3400);
    expect(counts.residents).toBeGreaterThan(6300);
    expect(counts.residents).toBeLessThan(7800);
    expect(counts.visits).toBeGreaterThan(counts.households * 1.5);
    const residents = await t.deps.db.selectFrom('residents').select('id').execute();
    expect(residents).toHaveLength(counts.residents);
  });

  it('when every household is checked, then it lies in one of the community’s 46 micro-grids with its building', async () => {
    const micro = await communityMicroGrids(t.deps);
    expect(micro).toHaveLength(46);
    const ids = new Set(micro.map((m) => m.id));
    const rows = await t.deps.db
      .selectFrom('households as h')
      .innerJoin('buildings as b', 'b.id', 'h.building_id')
      .select(['h.node_id', 'b.node_id as building_node', 'h.floor', 'b.floors', 'h.unit_no', 'b.units'])
      .execute();
    expect(rows).toHaveLength(counts.households);
    for (const r of rows) {
      expect(ids.has(r.node_id)).toBe(true);
      expect(r.node_id).toBe(r.building_node);
      expect(r.floor).toBeLessThanOrEqual(r.floors);
      expect(r.unit_no).toBeLessThanOrEqual(r.units);
    }
    const floors = new Set(
      (await t.deps.db.selectFrom('buildings').select('floors').execute()).map((b) => b.floors),
    );
    expect([...floors].sort()).toEqual([18, 6]);
  });

  it('when ID numbers are decrypted, then each is valid, unique, and agrees with the stored birth date and sex', async () => {
    const rows = await t.deps.db
      .selectFrom('residents')
      .select(['id_number_enc', 'id_number_bidx', 'birth_date', 'sex', 'name'])
      .execute();
    const seen = new Set<string>();
    for (const r of rows) {
      const id = t.deps.crypto.decrypt(r.id_number_enc!);
      const parsed = parseIdNumber(id, t.deps.clock.now());
      expect(parsed.ok, id).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.regionCode).toBe('140302');
      expect(parsed.birthDate).toBe(r.birth_date);
      expect(parsed.sex).toBe(r.sex);
      expect(r.id_number_bidx).toBe(t.deps.crypto.blindIndex('id_number', id));
      expect(r.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(rows.length);
  });

  it('when the tag mix is counted, then party members ~8%, single elderly exist and special populations are few', async () => {
    const residents = await t.deps.db.selectFrom('residents').select(['political_status']).execute();
    const party = residents.filter((r) => r.political_status === 'cpc_member').length / residents.length;
    expect(party).toBeGreaterThan(0.05);
    expect(party).toBeLessThan(0.11);
    const tagCounts = await t.deps.db
      .selectFrom('tag_assignments as ta')
      .innerJoin('tags as t', 't.id', 'ta.tag_id')
      .select(['t.code'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('t.code')
      .execute();
    const n = (code: string) => Number(tagCounts.find((x) => x.code === code)?.n ?? 0);
    for (const code of [
      'disabled',
      'dibao',
      'veteran',
      'left_behind_child',
      'severe_mental',
      'community_correction',
      'released_prisoner',
    ])
      expect(n(code), code).toBeGreaterThan(0);
    expect(n('severe_mental')).toBeLessThan(40);
    expect(n('community_correction')).toBeLessThan(10);
    const uses = await t.deps.db.selectFrom('households').select('use').execute();
    for (const use of ['owner', 'rented', 'vacant', 'commercial'])
      expect(
        uses.some((u) => u.use === use),
        use,
      ).toBe(true);
    const orgs = await t.deps.db.selectFrom('organisations').select('credit_code').execute();
    expect(orgs.length).toBe(counts.organisations);
    expect(orgs.length).toBeGreaterThan(10);
    for (const o of orgs) expect(isValidCreditCode(o.credit_code!)).toBe(true);
  });

  it('when visits are summed, then most households were screened last quarter and some disputes stay open', async () => {
    const staff = await login(t.app, 'community', PASSWORD);
    const community = await t.deps.db
      .selectFrom('grid_nodes')
      .select('id')
      .where('code', '=', DEMO_COMMUNITY_CODE)
      .executeTakeFirstOrThrow();
    const now = t.deps.clock.now();
    const q = Math.floor(new Date(now.getTime() + 8 * 3_600_000).getUTCMonth() / 3) + 1;
    const y = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
    const prev = q === 1 ? `${y - 1}Q4` : `${y}Q${q - 1}`;
    const cov = (await staff.get(`/api/visits/coverage?nodeId=${community.id}&period=${prev}`)).json() as {
      rate: number;
      children: unknown[];
    };
    expect(cov.rate).toBeGreaterThan(0.85);
    expect(cov.children).toHaveLength(6);
    const disputes = await t.deps.db
      .selectFrom('visits')
      .select(['dispute_found', 'dispute_resolved_at'])
      .where('dispute_found', '=', 1)
      .execute();
    expect(disputes.length).toBeGreaterThan(50);
    expect(disputes.some((d) => d.dispute_resolved_at === null)).toBe(true);
    expect(disputes.some((d) => d.dispute_resolved_at !== null)).toBe(true);
  });

  it('when grid1 opens today and resident1’s home is looked up, then visits are due and the home exists', async () => {
    const gw = await login(t.app, 'grid1', PASSWORD);
    const today = (await gw.get('/api/visits/today')).json() as { items: TodayItem[]; total: number };
    expect(today.total).toBeGreaterThan(5);
    expect(today.total).toBeLessThan(200);
    const codes = new Set(today.items.flatMap((i) => i.reasons.map((r) => r.tagCode)));
    expect(codes.has('elderly_alone')).toBe(true);
    expect(codes.has(null)).toBe(true);
    const resident1 = await t.deps.db
      .selectFrom('users')
      .innerJoin('role_assignments as ra', 'ra.user_id', 'users.id')
      .select(['users.display_name', 'ra.node_id'])
      .where('username', '=', 'resident1')
      .executeTakeFirstOrThrow();
    const home = await t.deps.db
      .selectFrom('residents')
      .select(['household_id', 'node_id'])
      .where('name', '=', resident1.display_name)
      .where('node_id', '=', resident1.node_id)
      .execute();
    expect(home.length).toBeGreaterThan(0);
  });

  it('when residents are searched by name, then every demo resident carries exactly their name grams', async () => {
    const people = await t.deps.db.selectFrom('residents').select(['id', 'name']).execute();
    const grams = await t.deps.db.selectFrom('resident_name_grams').select(['gram', 'resident_id']).execute();
    const want = new Set(people.flatMap((r) => nameGrams(r.name).map((g) => `${r.id}|${g}`)));
    expect(grams.length).toBe(want.size);
    for (const g of grams) expect(want.has(`${g.resident_id}|${g.gram}`)).toBe(true);
  });
});

describe('determinism', () => {
  let a: TestDb;
  let b: TestDb;
  afterAll(async () => {
    await a?.drop();
    await b?.drop();
  });

  it('when the demo is seeded twice with the same seed and clock, then the same rows come out', async () => {
    const snapshot = async () => {
      const db = await createTestDb();
      const deps = makeDeps(testConfig(), db.handle, new ManualClock('2026-11-02T01:00:00.000Z'));
      await seedDemo(deps, PASSWORD);
      const rows = await deps.db
        .selectFrom('residents')
        .select(['name', 'id_number_bidx', 'birth_date', 'household_id', 'relation', 'living_here'])
        .orderBy('id')
        .execute();
      const visits = await deps.db
        .selectFrom('visits')
        .select(['household_id', 'visited_at', 'dispute_found', 'method'])
        .orderBy('id')
        .execute();
      const tags = await deps.db
        .selectFrom('tag_assignments')
        .select(['tag_id', 'resident_id', 'household_id', 'risk_level'])
        .orderBy('id')
        .execute();
      return { db, data: JSON.stringify({ rows, visits, tags }) };
    };
    const first = await snapshot();
    a = first.db;
    const second = await snapshot();
    b = second.db;
    expect(second.data).toBe(first.data);
  }, 120_000);
});
