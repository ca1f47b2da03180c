import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../common/permissions.js';
import { fragmentGrams, nameGrams } from '../../../../common/registry.js';
import type { Db } from '../../../db/create-db.js';
import { makeMigrator, migrateToLatest } from '../../../db/migrate.js';
import { containsText } from '../../../db/sql-helpers.js';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { auditRows, makeCity, makeUser, type NodeRef, TEST_PASSWORD } from '../../../test/factories.js';
import {
  ensureDefaultTags,
  makeBuilding,
  makeHousehold,
  makeResident,
  nextIdNumber,
} from '../../../test/registry-factories.js';
import { bulkImport, prepareResident } from '../registry.bulk.js';
import * as repo from '../registry.repository.js';

// Name-fragment search through resident_name_grams (migration 0003): the same answers as the plain
// `lower(name) like '%…%'`, on both engines, with grams kept in step by every write path.

type City = Awaited<ReturnType<typeof makeCity>>;
let t: TestApp;
let city: City;

beforeEach(async () => {
  t = await buildTestApp();
  city = await makeCity(t.deps);
  await ensureDefaultTags(t.deps);
});
afterEach(async () => {
  await t.close();
});

async function as(username: string, role: Role, node: NodeRef): Promise<Client> {
  await makeUser(t.deps, username, [{ role, node }]);
  return login(t.app, username, TEST_PASSWORD);
}

interface Page {
  items: Array<{ id: number; name: string }>;
  total: number;
  totalCapped: boolean;
}
const search = async (c: Client, q: string, extra = '') => {
  const res = await c.get(`/api/registry/residents?q=${encodeURIComponent(q)}&pageSize=100${extra}`);
  expect(res.statusCode).toBe(200);
  return res.json() as Page;
};

/** The reference answer: active residents under `path` whose name contains `q` by the plain LIKE, in list order. */
async function plainLike(db: Db, path: string, q: string) {
  const rows = await db
    .selectFrom('residents as r')
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .select('r.id')
    .where('r.status', '=', 'active')
    .where('n.path', 'like', `${path}%`)
    .where(containsText('r.name', q))
    .orderBy('r.household_id')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => r.id);
}

async function gramsOf(db: Db, residentId: number) {
  const rows = await db
    .selectFrom('resident_name_grams')
    .select('gram')
    .where('resident_id', '=', residentId)
    .execute();
  return rows.map((r) => r.gram).sort();
}

const NAMES = [
  '王建国',
  '王秀英',
  '李建国',
  '张秀英',
  '王伟',
  '建国',
  '欧阳秀英',
  '阿卜杜·热合曼',
  '王王',
  'John Smith',
  'ANNA-LENA MÜLLER',
  "Seán O'Brien",
  'li_ming',
  '100%王',
];

describe('name-fragment search', () => {
  it('when searching 1-, 2- and 3-character fragments, then results, order and totals equal the plain LIKE', async () => {
    const b1 = await makeBuilding(t.deps, city.micro11, '1', { units: 2, floors: 8, roomsPerFloor: 2 });
    const b2 = await makeBuilding(t.deps, city.micro21, '2', { units: 2, floors: 8, roomsPerFloor: 2 });
    for (const [i, name] of NAMES.entries()) {
      // Households in an order unlike insertion, two people in some, so list order is not id order.
      const h = await makeHousehold(t.deps, i % 2 ? b2 : b1, 1 + (i % 2), 8 - (i % 7), 1);
      await makeResident(t.deps, h, name);
    }
    const staff = await as('staff1', 'community_staff', city.community);
    const fragments = [
      '王',
      '建',
      '秀',
      '英',
      'a',
      'N',
      'ü',
      '_',
      '%',
      '·',
      '建国',
      '秀英',
      '王王',
      'an',
      'LI',
      "'b",
      ' s',
      'n s',
      '%王',
      '王建国',
      '欧阳秀英',
      '阿卜杜·',
      'smith',
      'lena m',
      'li_m',
      'o秀英',
      '王国',
      '不存在',
    ];
    for (const q of fragments) {
      const got = await search(staff, q);
      const want = await plainLike(t.deps.db, city.community.path, q.trim()); // the API trims q
      expect({ q, ids: got.items.map((x) => x.id) }).toEqual({ q, ids: want });
      expect({ q, total: got.total, capped: got.totalCapped }).toEqual({
        q,
        total: want.length,
        capped: false,
      });
    }
    // Pagination walks the same order.
    const all = await plainLike(t.deps.db, city.community.path, '王');
    expect(all.length).toBeGreaterThan(3);
    const page2 = (
      await staff.get(`/api/registry/residents?q=${encodeURIComponent('王')}&page=2&pageSize=2`)
    ).json() as Page;
    expect(page2.items.map((x) => x.id)).toEqual(all.slice(2, 4));
    expect(page2.total).toBe(all.length);
  });

  it('when a grid worker searches, then only residents of their grid are found; the count follows the scope', async () => {
    const b1 = await makeBuilding(t.deps, city.micro11, '1', { units: 1, floors: 3, roomsPerFloor: 1 });
    const b2 = await makeBuilding(t.deps, city.micro21, '2', { units: 1, floors: 3, roomsPerFloor: 1 });
    const mine = await makeResident(t.deps, await makeHousehold(t.deps, b1, 1, 1, 1), '王建国');
    const theirs = await makeResident(t.deps, await makeHousehold(t.deps, b2, 1, 1, 1), '王建军');
    const gw = await as('gw1', 'grid_worker', city.grid1);
    for (const q of ['王', '王建', '王建军', '军']) {
      const got = await search(gw, q);
      expect(got.items.map((x) => x.id)).not.toContain(theirs.id);
      expect(got.total).toBe(got.items.length);
    }
    expect((await search(gw, '王建')).items.map((x) => x.id)).toEqual([mine.id]);
    // Naming a node outside the scope is 404 with an access.denied audit row, as for any list.
    const res = await gw.get(
      `/api/registry/residents?q=${encodeURIComponent('王')}&nodeId=${city.micro21.id}`,
    );
    expect(res.statusCode).toBe(404);
    expect((await auditRows(t.deps, 'access.denied')).length).toBeGreaterThan(0);
    const staff = await as('staff1', 'community_staff', city.community);
    expect((await search(staff, '王建')).items.map((x) => x.id)).toEqual([mine.id, theirs.id]);
  });

  it('when more residents match than the cap, then the total is the cap with totalCapped and the page is the first in list order', async () => {
    const b = await makeBuilding(t.deps, city.micro11, '1', { units: 1, floors: 6, roomsPerFloor: 2 });
    const hs: Array<{ id: number; roomLabel: string; nodeId: number }> = [];
    for (let f = 1; f <= 6; f++)
      for (let r = 1; r <= 2; r++) hs.push(await makeHousehold(t.deps, b, 1, f, r));
    const today = t.deps.clock.now();
    const audit = { actorId: null, actorName: 'test', ip: null, requestId: null };
    const n = Math.ceil(repo.SEARCH_TOTAL_CAP * 1.3);
    await bulkImport(t.deps, audit, { kind: 'residents', nodeId: city.micro11.id }, async (w) => {
      await w.residents(
        Array.from({ length: n }, (_, i) => ({
          ...prepareResident(
            t.deps.crypto,
            {
              name: i % 5 === 0 ? '李秀英' : i % 2 ? '王伟' : '李英王',
              idNumber: null,
              phone: null,
              relation: 'other',
              registeredHere: true,
              livingHere: true,
              politicalStatus: 'masses',
              ethnicity: null,
              education: null,
              maritalStatus: null,
              occupation: null,
              employer: null,
              notes: null,
              movedInAt: null,
            },
            today,
          ),
          householdId: hs[i % hs.length].id,
          nodeId: city.micro11.id,
        })),
      );
    });
    // Bulk-imported residents carry their grams.
    const gramRows = await t.deps.db
      .selectFrom('resident_name_grams')
      .select((eb) => eb.fn.countAll<number>().as('c'))
      .executeTakeFirstOrThrow();
    const names = await t.deps.db.selectFrom('residents').select(['id', 'name']).execute();
    expect(Number(gramRows.c)).toBe(names.reduce((s, r) => s + nameGrams(r.name).length, 0));

    const staff = await as('staff1', 'community_staff', city.community);
    const want = await plainLike(t.deps.db, city.community.path, '王');
    expect(want.length).toBeGreaterThan(repo.SEARCH_TOTAL_CAP);
    const got = await search(staff, '王');
    expect(got.total).toBe(repo.SEARCH_TOTAL_CAP);
    expect(got.totalCapped).toBe(true);
    expect(got.items.map((x) => x.id)).toEqual(want.slice(0, 100));
    const page3 = await search(staff, '王', '&page=3');
    expect(page3.items.map((x) => x.id)).toEqual(want.slice(200, 300));
    // A 2-character fragment below the cap is exact, and the candidates are sorted into list order.
    const fewer = await plainLike(t.deps.db, city.community.path, '英王');
    const got2 = await search(staff, '英王');
    expect(got2).toMatchObject({ total: fewer.length, totalCapped: false });
    expect(got2.items.map((x) => x.id)).toEqual(fewer.slice(0, 100));
    // Within one household the scope side is read: exact, not capped.
    const inHousehold = await search(staff, '王', `&householdId=${hs[1].id}`);
    expect(inHousehold.totalCapped).toBe(false);
    expect(inHousehold.total).toBe(inHousehold.items.length);
  });

  it('when a resident is registered and renamed through the API, then their grams follow the name and search finds the new one only', async () => {
    const b = await makeBuilding(t.deps, city.micro11, '3', { units: 1, floors: 6, roomsPerFloor: 2 });
    const h = await makeHousehold(t.deps, b, 1, 5, 1);
    const gw = await as('gw1', 'grid_worker', city.grid1);
    const created = await gw.post('/api/registry/residents', {
      householdId: h.id,
      name: '周芷若',
      idNumber: nextIdNumber('19800101'),
      relation: 'self',
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: number }).id;
    expect(await gramsOf(t.deps.db, id)).toEqual(nameGrams('周芷若').sort());
    expect((await search(gw, '芷若')).items.map((x) => x.id)).toEqual([id]);

    const res = await gw.patch(`/api/registry/residents/${id}`, { name: ' 赵敏 ' });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { name: string }).name).toBe('赵敏');
    expect(await gramsOf(t.deps.db, id)).toEqual(['敏', '赵', '赵敏'].sort());
    const row = await t.deps.db
      .selectFrom('residents')
      .select('name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('赵敏');
    expect(await auditRows(t.deps, 'resident.update')).toHaveLength(1);
    expect((await search(gw, '芷若')).items).toEqual([]);
    expect((await search(gw, '芷')).total).toBe(0);
    expect((await search(gw, '赵敏')).items.map((x) => x.id)).toEqual([id]);

    // An edit that leaves the name alone leaves the grams alone.
    expect((await gw.patch(`/api/registry/residents/${id}`, { occupation: '教师' })).statusCode).toBe(200);
    expect(await gramsOf(t.deps.db, id)).toEqual(['敏', '赵', '赵敏'].sort());
  });
});

describe('migration 0003 backfill', () => {
  it('when the grams table is added to a database that already has residents, then every name gets its grams', async () => {
    const b = await makeBuilding(t.deps, city.micro11, '1', { units: 1, floors: 3, roomsPerFloor: 2 });
    const h = await makeHousehold(t.deps, b, 1, 1, 1);
    const migrator = makeMigrator(t.deps.db);
    expect((await migrator.migrateTo('0002-registry')).error).toBeUndefined();
    // Residents written before 0003 existed: straight into the table, no grams.
    const at = t.deps.clock.now().toISOString();
    const names = ['王建国', 'John Smith', '欧阳娜娜', '王王'];
    for (const name of names)
      await t.deps.db
        .insertInto('residents')
        .values({
          household_id: h.id,
          node_id: h.nodeId,
          name,
          relation: 'other',
          registered_here: 1,
          living_here: 1,
          political_status: 'masses',
          status: 'active',
          created_at: at,
          updated_at: at,
        })
        .execute();
    await migrateToLatest(t.deps.db);
    const rows = await t.deps.db.selectFrom('residents').select(['id', 'name']).orderBy('id').execute();
    expect(rows).toHaveLength(names.length);
    for (const r of rows) expect(await gramsOf(t.deps.db, r.id)).toEqual(nameGrams(r.name).sort());
    const staff = await as('staff1', 'community_staff', city.community);
    expect((await search(staff, 'smith')).items.map((x) => x.name)).toEqual(['John Smith']);
    expect((await search(staff, '王')).total).toBe(2);
  });
});

describe('nameGrams and fragmentGrams', () => {
  it('when a name is split, then every lower-cased character and adjacent pair appears once', () => {
    expect(nameGrams('王建国').sort()).toEqual(['国', '建', '建国', '王', '王建'].sort());
    expect(nameGrams('王王')).toEqual(['王', '王王']);
    expect(nameGrams('Li A').sort()).toEqual([' ', ' a', 'a', 'i', 'i ', 'l', 'li'].sort());
    expect(nameGrams('𠮷田').sort()).toEqual(['田', '𠮷', '𠮷田'].sort());
    expect(fragmentGrams('王')).toEqual(['王']);
    expect(fragmentGrams('秀英')).toEqual(['秀英']);
    expect(fragmentGrams('欧阳秀英')).toEqual(['欧阳', '阳秀', '秀英']);
    expect(fragmentGrams('')).toEqual([]);
    // Every gram of a fragment is a gram of any name containing it.
    for (const [name, q] of [
      ['欧阳娜娜', '阳娜娜'],
      ['ANNA-LENA', 'a-l'],
    ] as const)
      for (const g of fragmentGrams(q)) expect(nameGrams(name)).toContain(g);
  });

  it('when gram rows are compared with SQL, then gram lookups are exact (no collation folding)', async () => {
    const b = await makeBuilding(t.deps, city.micro11, '1', { units: 1, floors: 1, roomsPerFloor: 2 });
    const r = await makeResident(t.deps, await makeHousehold(t.deps, b, 1, 1, 1), 'Ab');
    const hit = await sql<{
      n: number;
    }>`select count(*) as n from resident_name_grams where gram = ${'ab'} and resident_id = ${r.id}`.execute(
      t.deps.db,
    );
    expect(Number(hit.rows[0].n)).toBe(1);
  });
});
