import {
  CompiledQuery,
  type Insertable,
  PostgresAdapter,
  type RawBuilder,
  type Selectable,
  sql,
} from 'kysely';
import { fragmentGrams, nameGrams } from '../../../common/registry.js';
import { DEFAULT_TAGS } from '../../../common/tags.js';
import type { Db, Tx } from '../../db/create-db.js';
import type {
  BuildingsTable,
  HouseholdsTable,
  OrganisationsTable,
  ResidentEventsTable,
  ResidentsTable,
  TagAssignmentsTable,
  TagsTable,
} from '../../db/schema.js';
import { containsText } from '../../db/sql-helpers.js';

// One exported function per query (docs/api-registry.md). Every list or load of people and households takes
// the subtrees (materialised node paths) the caller may read; nothing outside them can be fetched. Grid nodes
// are read here only to resolve a node's path and name (as users and the demo seeder do).

type Q = Db | Tx;
const CHUNK = 500;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** `column` lies in one of the subtrees; an empty scope matches nothing (fails closed). */
function inSubtrees(column: string, paths: readonly string[]): RawBuilder<boolean> {
  if (!paths.length) return sql<boolean>`1 = 0`;
  return sql<boolean>`(${sql.join(
    paths.map((p) => sql`${sql.ref(column)} like ${`${p}%`}`),
    sql` or `,
  )})`;
}

/** households.node_id lies in one of the subtrees (a sub-select keeps the planner on the node index). */
function householdNodeIn(alias: string, paths: readonly string[]): RawBuilder<boolean> {
  if (!paths.length) return sql<boolean>`1 = 0`;
  return sql<boolean>`${sql.ref(`${alias}.node_id`)} in (select g.id from grid_nodes g where ${inSubtrees('g.path', paths)})`;
}

// ---------------------------------------------------------------------------------------------
// nodes

export const findNodeBrief = (db: Q, id: number) =>
  db
    .selectFrom('grid_nodes')
    .select(['id', 'path', 'level', 'name', 'parent_id', 'retired_at'])
    .where('id', '=', id)
    .executeTakeFirst();

export const nodesBrief = async (db: Q, ids: number[]) => {
  const out: Array<{ id: number; path: string; name: string; level: string }> = [];
  for (const part of chunks([...new Set(ids)]))
    out.push(
      ...(await db
        .selectFrom('grid_nodes')
        .select(['id', 'path', 'name', 'level'])
        .where('id', 'in', part)
        .execute()),
    );
  return out;
};

// ---------------------------------------------------------------------------------------------
// tags

export const listTagRows = (db: Q) =>
  db.selectFrom('tags').selectAll().orderBy('sort').orderBy('id').execute();
export const findTagRow = (db: Q, id: number) =>
  db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
export const findTagByCode = (db: Q, code: string) =>
  db.selectFrom('tags').selectAll().where('code', '=', code).executeTakeFirst();

export async function insertTag(db: Q, row: Insertable<TagsTable>): Promise<number> {
  const r = await db.insertInto('tags').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}
export async function updateTag(db: Q, id: number, patch: Partial<Omit<TagsTable, 'id'>>) {
  await db.updateTable('tags').set(patch).where('id', '=', id).execute();
}
export async function maxTagSort(db: Q): Promise<number> {
  const r = await db
    .selectFrom('tags')
    .select((eb) => eb.fn.max('sort').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

// ---------------------------------------------------------------------------------------------
// buildings

export type BuildingRow = Selectable<BuildingsTable> & {
  node_path: string;
  node_name: string;
  households?: number | string | null;
};

const buildingBase = (db: Q) =>
  db
    .selectFrom('buildings as b')
    .innerJoin('grid_nodes as n', 'n.id', 'b.node_id')
    .selectAll('b')
    .select(['n.path as node_path', 'n.name as node_name'])
    .select((eb) =>
      eb
        .selectFrom('households as hh')
        .select(eb.fn.countAll<number>().as('c'))
        .whereRef('hh.building_id', '=', 'b.id')
        .as('households'),
    );

export const findBuilding = (db: Q, id: number): Promise<BuildingRow | undefined> =>
  buildingBase(db).where('b.id', '=', id).executeTakeFirst();

export async function listBuildings(db: Q, scope: string[], q: string | undefined): Promise<BuildingRow[]> {
  let query = buildingBase(db).where(inSubtrees('n.path', scope)).where('b.retired_at', 'is', null);
  if (q) query = query.where((eb) => eb.or([containsText('b.number', q), containsText('b.name', q)]));
  return query.orderBy('n.path').orderBy('b.number').orderBy('b.id').limit(2000).execute();
}

/** A building number already used in the community (any building under `communityPath` but `exceptId`). */
export async function buildingNumberTaken(db: Q, communityPath: string, number: string, exceptId?: number) {
  let query = db
    .selectFrom('buildings as b')
    .innerJoin('grid_nodes as n', 'n.id', 'b.node_id')
    .select('b.id')
    .where('b.number', '=', number)
    .where('b.retired_at', 'is', null)
    .where(inSubtrees('n.path', [communityPath]));
  if (exceptId) query = query.where('b.id', '!=', exceptId);
  return !!(await query.executeTakeFirst());
}

export async function insertBuilding(db: Q, row: Insertable<BuildingsTable>): Promise<number> {
  const r = await db.insertInto('buildings').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}
export async function updateBuilding(db: Q, id: number, patch: Partial<Omit<BuildingsTable, 'id'>>) {
  await db.updateTable('buildings').set(patch).where('id', '=', id).execute();
}
export const householdsOfBuilding = (db: Q, buildingId: number) =>
  db
    .selectFrom('households')
    .select(['id', 'unit_no', 'floor', 'room_no'])
    .where('building_id', '=', buildingId)
    .execute();

export async function relabelHousehold(db: Q, id: number, label: string, at: string) {
  await db
    .updateTable('households')
    .set({ room_label: label, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function buildingExtent(db: Q, buildingId: number) {
  const r = await db
    .selectFrom('households')
    .select((eb) => [
      eb.fn.max('unit_no').as('units'),
      eb.fn.max('floor').as('floors'),
      eb.fn.max('room_no').as('rooms'),
    ])
    .where('building_id', '=', buildingId)
    .executeTakeFirst();
  return { units: Number(r?.units ?? 0), floors: Number(r?.floors ?? 0), rooms: Number(r?.rooms ?? 0) };
}

// ---------------------------------------------------------------------------------------------
// households

export type HouseholdRow = Selectable<HouseholdsTable> & {
  building_number: string;
  node_path: string;
  member_count: number | string | null;
  last_visit_at: string | null;
  householder_name: string | null;
};

const householdBase = (db: Q) =>
  db
    .selectFrom('households as h')
    .innerJoin('buildings as b', 'b.id', 'h.building_id')
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .selectAll('h')
    .select(['b.number as building_number', 'n.path as node_path'])
    .select((eb) => [
      eb
        .selectFrom('residents as rm')
        .select(eb.fn.countAll<number>().as('c'))
        .whereRef('rm.household_id', '=', 'h.id')
        .where('rm.status', '=', 'active')
        .as('member_count'),
      eb
        .selectFrom('visits as vv')
        .select((e2) => e2.fn.max('vv.visited_at').as('m'))
        .whereRef('vv.household_id', '=', 'h.id')
        .as('last_visit_at'),
      sql<
        string | null
      >`(select rh.name from residents rh where rh.household_id = h.id and rh.status = 'active'
        order by case when rh.id = h.householder_id then 0 when rh.relation = 'self' then 1 else 2 end, rh.id
        limit 1)`.as('householder_name'),
    ]);

export const findHousehold = (db: Q, id: number): Promise<HouseholdRow | undefined> =>
  householdBase(db).where('h.id', '=', id).executeTakeFirst() as Promise<HouseholdRow | undefined>;

export const findHouseholdByRoom = (db: Q, buildingId: number, unit: number, floor: number, room: number) =>
  db
    .selectFrom('households')
    .select('id')
    .where('building_id', '=', buildingId)
    .where('unit_no', '=', unit)
    .where('floor', '=', floor)
    .where('room_no', '=', room)
    .executeTakeFirst();

/** Age cut-offs as ISO birth dates: born on or before `c60` = aged 60 or more today. */
export interface AgeCutoffs {
  c60: string;
  c80: string;
}

/** The SQL form of "this household shows tag X", for filters; mirrors common/tags.ts derivations. */
export function householdHasTag(
  tag: { id: number; code: string; derived: boolean },
  cut: AgeCutoffs,
  h = 'h',
): RawBuilder<boolean> {
  const hid = sql.ref(`${h}.id`);
  const use = sql.ref(`${h}.use`);
  const living = sql`r2.household_id = ${hid} and r2.status = 'active' and r2.living_here = 1`;
  if (tag.derived) {
    switch (tag.code) {
      case 'party_household':
        return sql<boolean>`exists (select 1 from residents r2 where ${living}
          and r2.political_status in ('cpc_member', 'cpc_probationary'))`;
      case 'elderly_alone':
        return sql<boolean>`((select count(*) from residents r2 where ${living}) = 1
          and exists (select 1 from residents r2 where ${living} and r2.birth_date <= ${cut.c60}))`;
      case 'very_old':
        return sql<boolean>`exists (select 1 from residents r2 where r2.household_id = ${hid}
          and r2.status = 'active' and r2.birth_date <= ${cut.c80})`;
      case 'rented':
        return sql<boolean>`${use} = 'rented'`;
      case 'vacant':
        return sql<boolean>`${use} = 'vacant'`;
      case 'business':
        return sql<boolean>`${use} = 'commercial'`;
      case 'dispute_household':
        return sql<boolean>`exists (select 1 from visits v2 where v2.household_id = ${hid}
          and v2.dispute_found = 1 and v2.dispute_resolved_at is null)`;
      default:
        return sql<boolean>`1 = 0`;
    }
  }
  return sql<boolean>`(exists (select 1 from tag_assignments ta where ta.tag_id = ${tag.id} and ta.household_id = ${hid})
    or exists (select 1 from tag_assignments ta inner join residents r2 on r2.id = ta.resident_id
      where ta.tag_id = ${tag.id} and r2.household_id = ${hid} and r2.status = 'active'))`;
}

/** The SQL form of "this person carries tag X" (assigned, or 高龄 from the birth date). */
export function residentHasTag(
  tag: { id: number; code: string; derived: boolean },
  cut: AgeCutoffs,
  r = 'r',
): RawBuilder<boolean> {
  if (tag.derived) {
    if (tag.code === 'very_old')
      return sql<boolean>`(${sql.ref(`${r}.status`)} = 'active' and ${sql.ref(`${r}.birth_date`)} <= ${cut.c80})`;
    return sql<boolean>`1 = 0`;
  }
  return sql<boolean>`exists (select 1 from tag_assignments ta where ta.tag_id = ${tag.id}
    and ta.resident_id = ${sql.ref(`${r}.id`)})`;
}

export interface HouseholdFilter {
  scope: string[];
  buildingId?: number;
  use?: string;
  roomLabel?: string;
  text?: string;
  /** Already restricted to where the caller sees the tag. */
  tag?: { cond: RawBuilder<boolean>; scope: string[] };
}

function householdWhere(f: HouseholdFilter) {
  return () => {
    const parts = [householdNodeIn('h', f.scope)];
    if (f.buildingId) parts.push(sql<boolean>`h.building_id = ${f.buildingId}`);
    if (f.use) parts.push(sql<boolean>`h.use = ${f.use}`);
    if (f.roomLabel) parts.push(sql<boolean>`h.room_label = ${f.roomLabel}`);
    if (f.text)
      parts.push(
        sql<boolean>`(${containsText('h.room_label', f.text)} or exists (select 1 from residents rq
          where rq.household_id = h.id and rq.status = 'active' and ${containsText('rq.name', f.text)}))`,
      );
    if (f.tag) parts.push(householdNodeIn('h', f.tag.scope), f.tag.cond);
    return sql<boolean>`${sql.join(parts, sql` and `)}`;
  };
}

export async function listHouseholds(db: Q, f: HouseholdFilter, limit: number, offset: number) {
  const rows = (await householdBase(db)
    .where(householdWhere(f))
    .orderBy('h.building_id')
    .orderBy('h.unit_no')
    .orderBy('h.floor')
    .orderBy('h.room_no')
    .limit(limit)
    .offset(offset)
    .execute()) as HouseholdRow[];
  const c = await db
    .selectFrom('households as h')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(householdWhere(f))
    .executeTakeFirst();
  return { rows, total: Number(c?.n ?? 0) };
}

export async function insertHousehold(db: Q, row: Insertable<HouseholdsTable>): Promise<number> {
  const r = await db.insertInto('households').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertHouseholds(db: Q, rows: Insertable<HouseholdsTable>[]) {
  for (const part of chunks(rows, 400)) await db.insertInto('households').values(part).execute();
}

export async function updateHousehold(db: Q, id: number, patch: Partial<Omit<HouseholdsTable, 'id'>>) {
  await db.updateTable('households').set(patch).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// residents

export type ResidentRow = Selectable<ResidentsTable> & {
  room_label: string | null;
  scope_node_id: number | null;
  node_path: string;
};

const residentBase = (db: Q) =>
  db
    .selectFrom('residents as r')
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .selectAll('r')
    .select(['h.room_label as room_label', 'h.node_id as scope_node_id', 'n.path as node_path']);

/** A resident with the path that scopes them: their household's micro-grid (the last one once moved out). */
export const findResident = (db: Q, id: number): Promise<ResidentRow | undefined> =>
  residentBase(db).where('r.id', '=', id).executeTakeFirst();

export const residentsOfHouseholds = async (db: Q, householdIds: number[], activeOnly = true) => {
  const out: ResidentRow[] = [];
  for (const part of chunks(householdIds)) {
    let q = residentBase(db).where('r.household_id', 'in', part);
    if (activeOnly) q = q.where('r.status', '=', 'active');
    out.push(...(await q.orderBy('r.household_id').orderBy('r.id').execute()));
  }
  return out;
};

export interface ResidentFilter {
  scope: string[];
  buildingId?: number;
  householdId?: number;
  status?: string;
  idBidx?: string;
  phoneBidx?: string;
  roomLabel?: string;
  name?: string;
  tag?: { cond: RawBuilder<boolean>; scope: string[] };
  /** Name searches count matches up to this many (default SEARCH_TOTAL_CAP). */
  totalCap?: number;
}

function residentWhere(f: ResidentFilter) {
  return () => {
    const parts = [householdNodeIn('h', f.scope)];
    if (f.buildingId) parts.push(sql<boolean>`h.building_id = ${f.buildingId}`);
    if (f.householdId) parts.push(sql<boolean>`r.household_id = ${f.householdId}`);
    if (f.status) parts.push(sql<boolean>`r.status = ${f.status}`);
    if (f.idBidx) parts.push(sql<boolean>`r.id_number_bidx = ${f.idBidx}`);
    if (f.phoneBidx) parts.push(sql<boolean>`r.phone_bidx = ${f.phoneBidx}`);
    if (f.roomLabel) parts.push(sql<boolean>`h.room_label = ${f.roomLabel}`);
    if (f.name) parts.push(containsText('r.name', f.name));
    if (f.tag) parts.push(householdNodeIn('h', f.tag.scope), f.tag.cond);
    return sql<boolean>`${sql.join(parts, sql` and `)}`;
  };
}

/**
 * A name search counts at most this many matches; beyond, the total is reported as capped (`totalCapped`). Each
 * counted match is a random read of a resident row, so the cap bounds the cost of the count (docs/api-registry.md).
 */
export const SEARCH_TOTAL_CAP = 1_000;
/** Candidates of a gram are counted up to this many when choosing where a name search starts. */
const GRAM_PROBE = 50_000;

/** How many residents carry `gram`, counted up to `cap` (an index range, nothing else read). */
async function gramCount(db: Q, gram: string, cap: number): Promise<number> {
  const r = await db
    .selectFrom((eb) =>
      eb.selectFrom('resident_name_grams').select('resident_id').where('gram', '=', gram).limit(cap).as('t'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** How many households lie in the scope, counted up to `cap` (households_node_idx only). */
async function householdsInScope(db: Q, scope: string[], cap: number): Promise<number> {
  const r = await db
    .selectFrom((eb) =>
      eb.selectFrom('households as h').select('h.id').where(householdNodeIn('h', scope)).limit(cap).as('t'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * Residents whose name contains `f.name` (the LIKE of `residentWhere`, unchanged, so results equal the plain
 * LIKE), started from whichever side is smaller:
 * - a small scope (one household or building, or fewer households than the fragment's candidates): the scope's
 *   residents are filtered by the LIKE, as every list is;
 * - otherwise the name grams: the rarest gram of the fragment gives the candidates, its other grams are probed by
 *   key and the LIKE confirms. The total is counted over the candidates up to the cap; up to the cap the page is
 *   sorted from the candidates, beyond it residents are walked in list order until the page is full (more than
 *   the cap in scope fills a page within a few thousand rows).
 */
async function listResidentsByName(
  db: Q,
  f: ResidentFilter & { name: string },
  limit: number,
  offset: number,
) {
  const cap = f.totalCap ?? SEARCH_TOTAL_CAP;
  if (f.householdId || f.buildingId) return listResidentsPlain(db, f, limit, offset, cap);
  const grams = fragmentGrams(f.name);
  let rarest = grams[0];
  let least = Number.POSITIVE_INFINITY;
  for (const g of grams) {
    const n = await gramCount(db, g, GRAM_PROBE);
    if (n < least) [least, rarest] = [n, g];
    if (n === 0) return { rows: [] as ResidentRow[], total: 0, totalCapped: false };
  }
  // A household holds about 2.5 residents; fewer than half as many households as candidates: start from the scope.
  if ((await householdsInScope(db, f.scope, Math.ceil(least / 2))) < least / 2)
    return listResidentsPlain(db, f, limit, offset, cap);
  const probes = grams
    .filter((g) => g !== rarest)
    .map(
      (g) =>
        sql<boolean>`exists (select 1 from resident_name_grams g2 where g2.gram = ${g} and g2.resident_id = r.id)`,
    );
  const match = () => sql<boolean>`${sql.join([residentWhere(f)(), ...probes], sql` and `)}`;
  // CROSS JOIN keeps SQLite's planner on the gram index first (PostgreSQL plans it as an inner join).
  const fromGrams = () =>
    db
      .selectFrom('resident_name_grams as g')
      .crossJoin('residents as r')
      .innerJoin('households as h', 'h.id', 'r.household_id')
      .whereRef('r.id', '=', 'g.resident_id')
      .where('g.gram', '=', rarest);
  const c = await db
    .selectFrom(
      fromGrams()
        .where(match)
        .select('r.id')
        .limit(cap + 1)
        .as('t'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const counted = Number(c?.n ?? 0);
  const totalCapped = counted > cap;
  const total = Math.min(counted, cap);
  if (!totalCapped && offset >= total) return { rows: [] as ResidentRow[], total, totalCapped };
  const from = totalCapped
    ? // Many matches: walk residents in list order until the page is full (CROSS JOIN keeps SQLite on
      // residents_household_idx; PostgreSQL walks it with an incremental sort once the tables are analysed).
      db.selectFrom('residents as r').crossJoin('households as h').whereRef('h.id', '=', 'r.household_id')
    : // Up to the cap: sort the candidates.
      fromGrams();
  const rows = await from
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .where(match)
    .selectAll('r')
    .select(['h.room_label as room_label', 'h.node_id as scope_node_id', 'n.path as node_path'])
    .orderBy('r.household_id')
    .orderBy('r.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows: rows as ResidentRow[], total, totalCapped };
}

/** The list as filtered: the page in list order and the total (exact, or counted up to `cap`). */
async function listResidentsPlain(db: Q, f: ResidentFilter, limit: number, offset: number, cap?: number) {
  const rows = await residentBase(db)
    .where(residentWhere(f))
    .orderBy('r.household_id')
    .orderBy('r.id')
    .limit(limit)
    .offset(offset)
    .execute();
  let matches = db
    .selectFrom('residents as r')
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .select('r.id')
    .where(residentWhere(f));
  if (cap !== undefined) matches = matches.limit(cap + 1);
  const c = await db
    .selectFrom(matches.as('t'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const n = Number(c?.n ?? 0);
  return cap !== undefined && n > cap
    ? { rows, total: cap, totalCapped: true }
    : { rows, total: n, totalCapped: false };
}

export async function listResidents(
  db: Q,
  f: ResidentFilter,
  limit: number,
  offset: number,
): Promise<{ rows: ResidentRow[]; total: number; totalCapped: boolean }> {
  if (f.name && fragmentGrams(f.name).length)
    return listResidentsByName(db, { ...f, name: f.name }, limit, offset);
  return listResidentsPlain(db, f, limit, offset);
}

/** Another resident holding this ID number (blind index), anywhere. */
export const residentByIdBidx = (db: Q, bidx: string, exceptId?: number) => {
  let q = db.selectFrom('residents').select(['id']).where('id_number_bidx', '=', bidx);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
};

export async function insertResident(db: Q, row: Insertable<ResidentsTable>): Promise<number> {
  const r = await db.insertInto('residents').values(row).returning('id').executeTakeFirstOrThrow();
  await insertNameGrams(db, [{ id: r.id, name: row.name }]);
  return r.id;
}
/**
 * Updates a resident; a new name replaces their search grams. The old grams are deleted by primary key (gram,
 * resident_id), computed from the old name: no index on resident_id is kept for this (migration 0005).
 */
export async function updateResident(db: Q, id: number, patch: Partial<Omit<ResidentsTable, 'id'>>) {
  const before =
    patch.name !== undefined
      ? await db.selectFrom('residents').select('name').where('id', '=', id).executeTakeFirst()
      : undefined;
  await db.updateTable('residents').set(patch).where('id', '=', id).execute();
  if (patch.name !== undefined && before && before.name !== patch.name) {
    const old = nameGrams(before.name);
    if (old.length)
      await db
        .deleteFrom('resident_name_grams')
        .where('resident_id', '=', id)
        .where('gram', 'in', old)
        .execute();
    await insertNameGrams(db, [{ id, name: patch.name }]);
  }
}

/** Rows per multi-row insert of grams (2 parameters each: well under SQLite's 32,766 and PostgreSQL's 65,535). */
const GRAM_ROWS_PER_STATEMENT = 8000;
const gramSql = new Map<string, string>();

function gramInsertSql(pg: boolean, rows: number): string {
  const key = `${pg}|${rows}`;
  let text = gramSql.get(key);
  if (!text) {
    const values = new Array<string>(rows);
    for (let i = 0; i < rows; i++) values[i] = pg ? `($${2 * i + 1},$${2 * i + 2})` : '(?,?)';
    text = `insert into resident_name_grams (gram, resident_id) values ${values.join(',')}`;
    if (gramSql.size > 50) gramSql.clear();
    gramSql.set(key, text);
  }
  return text;
}

/**
 * Stores the search grams (common/registry.ts nameGrams) of residents just inserted, as multi-row inserts: the one
 * write path for resident_name_grams (service, bulk import, demo seeder, test factories, bench).
 */
export async function insertNameGrams(db: Q, residents: ReadonlyArray<{ id: number; name: string }>) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const params: Array<string | number> = [];
  for (const r of residents) for (const g of nameGrams(r.name)) params.push(g, Number(r.id));
  const per = GRAM_ROWS_PER_STATEMENT * 2;
  for (let i = 0; i < params.length; i += per) {
    const slice = params.slice(i, i + per);
    await db.executeQuery(CompiledQuery.raw(gramInsertSql(pg, slice.length / 2), slice));
  }
}

export async function insertResidentEvent(db: Q, row: Insertable<ResidentEventsTable>) {
  await db.insertInto('resident_events').values(row).execute();
}
export const residentEvents = (db: Q, residentId: number) =>
  db
    .selectFrom('resident_events as e')
    .leftJoin('households as h', 'h.id', 'e.household_id')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select([
      'e.id',
      'e.kind',
      'e.on_date',
      'e.details',
      'e.household_id',
      'e.at',
      'h.room_label as room_label',
      'u.display_name as actor_name',
    ])
    .where('e.resident_id', '=', residentId)
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();

// ---------------------------------------------------------------------------------------------
// tag assignments

export type AssignmentRow = Selectable<TagAssignmentsTable>;

export const assignmentsOfResidents = async (db: Q, residentIds: number[]) => {
  const out: AssignmentRow[] = [];
  for (const part of chunks(residentIds))
    out.push(
      ...(await db.selectFrom('tag_assignments').selectAll().where('resident_id', 'in', part).execute()),
    );
  return out;
};

export const assignmentsOfHouseholds = async (db: Q, householdIds: number[]) => {
  const out: AssignmentRow[] = [];
  for (const part of chunks(householdIds))
    out.push(
      ...(await db.selectFrom('tag_assignments').selectAll().where('household_id', 'in', part).execute()),
    );
  return out;
};

export const findAssignment = (db: Q, id: number) =>
  db.selectFrom('tag_assignments').selectAll().where('id', '=', id).executeTakeFirst();

export async function assignmentExists(
  db: Q,
  tagId: number,
  target: { householdId?: number; residentId?: number },
) {
  let q = db.selectFrom('tag_assignments').select('id').where('tag_id', '=', tagId);
  q = target.residentId
    ? q.where('resident_id', '=', target.residentId)
    : q.where('household_id', '=', target.householdId ?? -1).where('resident_id', 'is', null);
  return !!(await q.executeTakeFirst());
}

export async function insertAssignment(db: Q, row: Insertable<TagAssignmentsTable>): Promise<number> {
  const r = await db.insertInto('tag_assignments').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}
export async function deleteAssignment(db: Q, id: number) {
  await db.deleteFrom('tag_assignments').where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------
// facts for derived tags (households by id or by subtree)

export interface HouseholdFacts {
  households: Array<{ id: number; use: string; node_path: string }>;
  members: Array<{
    id: number;
    household_id: number | null;
    birth_date: string | null;
    living_here: number;
    political_status: string;
    status: string;
  }>;
  householdTags: Array<{ household_id: number | null; tag_id: number; risk_level: string | null }>;
  personTags: Array<{ household_id: number | null; tag_id: number; risk_level: string | null }>;
  openDisputes: Array<{ household_id: number; n: number | string }>;
}

/** Everything the derived and rolled-up tags of some households are computed from, in five queries. */
export async function householdFactsByIds(db: Q, ids: number[]): Promise<HouseholdFacts> {
  const facts: HouseholdFacts = {
    households: [],
    members: [],
    householdTags: [],
    personTags: [],
    openDisputes: [],
  };
  for (const part of chunks([...new Set(ids)])) {
    const f = await householdFacts(
      db,
      (alias) => sql<boolean>`${sql.ref(`${alias}.id`)} in (${sql.join(part)})`,
    );
    facts.households.push(...f.households);
    facts.members.push(...f.members);
    facts.householdTags.push(...f.householdTags);
    facts.personTags.push(...f.personTags);
    facts.openDisputes.push(...f.openDisputes);
  }
  return facts;
}

/** The same for every household under a node (the grid chart's whole view). */
export const householdFactsUnder = (db: Q, nodePath: string) =>
  householdFacts(db, (alias) => householdNodeIn(alias, [nodePath]));

async function householdFacts(db: Q, where: (alias: string) => RawBuilder<boolean>): Promise<HouseholdFacts> {
  const inH = (col: string) =>
    sql<boolean>`${sql.ref(col)} in (select hx.id from households hx where ${where('hx')})`;
  const households = await db
    .selectFrom('households as h')
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .select(['h.id', 'h.use', 'n.path as node_path'])
    .where(where('h'))
    .execute();
  const members = await db
    .selectFrom('residents as r')
    .select(['r.id', 'r.household_id', 'r.birth_date', 'r.living_here', 'r.political_status', 'r.status'])
    .where('r.status', '=', 'active')
    .where(inH('r.household_id'))
    .execute();
  const householdTags = await db
    .selectFrom('tag_assignments as ta')
    .select(['ta.household_id', 'ta.tag_id', 'ta.risk_level'])
    .where('ta.resident_id', 'is', null)
    .where(inH('ta.household_id'))
    .execute();
  const personTags = await db
    .selectFrom('tag_assignments as ta')
    .innerJoin('residents as r', 'r.id', 'ta.resident_id')
    .select(['r.household_id', 'ta.tag_id', 'ta.risk_level'])
    .where('r.status', '=', 'active')
    .where(inH('r.household_id'))
    .execute();
  const openDisputes = await db
    .selectFrom('visits as v')
    .select(['v.household_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('v.dispute_found', '=', 1)
    .where('v.dispute_resolved_at', 'is', null)
    .where(inH('v.household_id'))
    .groupBy('v.household_id')
    .execute();
  return { households, members, householdTags, personTags, openDisputes };
}

// ---------------------------------------------------------------------------------------------
// visits shown on the household card

export const openMattersOf = (db: Q, householdId: number) =>
  db
    .selectFrom('visits')
    .selectAll()
    .where('household_id', '=', householdId)
    .where((eb) =>
      eb.or([
        eb.and([eb('dispute_found', '=', 1), eb('dispute_resolved_at', 'is', null)]),
        eb('flagged', '=', 1),
      ]),
    )
    .orderBy('visited_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

export const lastVisitsOf = (db: Q, householdId: number, limit: number) =>
  db
    .selectFrom('visits')
    .selectAll()
    .where('household_id', '=', householdId)
    .orderBy('visited_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

// ---------------------------------------------------------------------------------------------
// organisations

export type OrganisationRow = Selectable<OrganisationsTable> & { node_path: string; node_name: string };

const orgBase = (db: Q) =>
  db
    .selectFrom('organisations as o')
    .innerJoin('grid_nodes as n', 'n.id', 'o.node_id')
    .selectAll('o')
    .select(['n.path as node_path', 'n.name as node_name']);

export const findOrganisation = (db: Q, id: number): Promise<OrganisationRow | undefined> =>
  orgBase(db).where('o.id', '=', id).executeTakeFirst();

export const listOrganisations = (db: Q, scope: string[]): Promise<OrganisationRow[]> =>
  orgBase(db).where(inSubtrees('n.path', scope)).orderBy('n.path').orderBy('o.name').limit(2000).execute();

export async function insertOrganisation(db: Q, row: Insertable<OrganisationsTable>): Promise<number> {
  const r = await db.insertInto('organisations').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Inserts the default tags (common/tags.ts) that the dictionary lacks; returns the codes added and code → id
 * of the whole dictionary. The one place the defaults are written: start-up, demo, benches and factories.
 */
export async function insertMissingDefaultTags(db: Q, at: string) {
  const have = new Set((await db.selectFrom('tags').select('code').execute()).map((t) => t.code));
  const missing = DEFAULT_TAGS.map((t, i) => ({ t, sort: (i + 1) * 10 })).filter(
    ({ t }) => !have.has(t.code),
  );
  if (missing.length)
    await db
      .insertInto('tags')
      .values(
        missing.map(({ t, sort }) => ({
          code: t.code,
          name_zh: t.name.zh,
          name_en: t.name.en,
          symbol: t.symbol,
          color: t.color,
          applies_to: t.appliesTo,
          sensitivity: t.sensitivity,
          visible_roles: t.visibleRoles.join(','),
          derived: t.derived ? 1 : 0,
          risk_levels: t.riskLevels ? JSON.stringify(t.riskLevels) : null,
          sort,
          active: 1,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  const rows = await db.selectFrom('tags').select(['id', 'code']).execute();
  return { added: missing.map(({ t }) => t.code), ids: new Map(rows.map((r) => [r.code, r.id])) };
}
