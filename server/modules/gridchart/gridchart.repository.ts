import { type RawBuilder, sql } from 'kysely';
import { parseRoomLabel } from '../../../common/registry.js';
import type { Db, DbKind, Tx } from '../../db/create-db.js';
import { containsText, startsWith } from '../../db/sql-helpers.js';
import { FIELD_SEP, RECORD_SEP } from './gridchart-model.js';

// Read-only, set-based queries behind the grid chart (网格图). Like a metrics module, this one reads the
// registry and visits tables directly for one aggregate view (docs/architecture.md). Every query is bounded
// by `nodeIds`: the subtree the service has already checked the caller may read.

type Q = Db | Tx;

export const findNode = (db: Q, id: number) =>
  db
    .selectFrom('grid_nodes')
    .select(['id', 'name', 'level', 'path', 'retired_at'])
    .where('id', '=', id)
    .executeTakeFirst();

/** The live nodes of a subtree (the root included), with their paths for per-node tag visibility. */
export const subtreeNodes = (db: Q, rootPath: string) =>
  db
    .selectFrom('grid_nodes')
    .select(['id', 'path'])
    .where(startsWith('path', rootPath))
    .where('retired_at', 'is', null)
    .execute();

export const buildingsIn = (db: Q, nodeIds: number[]) =>
  db
    .selectFrom('buildings')
    .select(['id', 'number', 'name', 'node_id', 'units', 'floors', 'rooms_per_floor'])
    .where('node_id', 'in', nodeIds)
    .where('retired_at', 'is', null)
    .execute();

/**
 * Many rows as one string, fields joined by US and records by RS, aggregated inside the database. Shipping
 * tens of thousands of small rows one object at a time costs several times more than the query itself
 * (measured in bench/gridchart.ts); one string per query keeps a 10,000-household view fast. The one place
 * the two engines differ: group_concat (SQLite) and string_agg (PostgreSQL). concat_ws (both engines)
 * turns the fields to text; it skips NULLs, so a column that may be NULL is named with `orEmpty`.
 */
function packed(kind: DbKind, columns: Array<string | RawBuilder<string>>) {
  const fields = sql`concat_ws(${FIELD_SEP}, ${sql.join(columns.map((c) => (typeof c === 'string' ? sql.ref(c) : c)))})`;
  return kind === 'postgres'
    ? sql<string | null>`string_agg(${fields}, ${RECORD_SEP})`.as('packed')
    : sql<string | null>`group_concat(${fields}, ${RECORD_SEP})`.as('packed');
}

/** A column that may be NULL, as text with NULL as ''. */
const orEmpty = (c: string) => sql<string>`coalesce(cast(${sql.ref(c)} as varchar), '')`;

const take = async (q: Promise<{ packed: string | null } | undefined>) => (await q)?.packed ?? '';

/** Households of the subtree, packed: id, building_id, node_id, unit_no, floor, room_no, use. */
export const householdsIn = (db: Q, kind: DbKind, nodeIds: number[]) =>
  take(
    db
      .selectFrom('households')
      .select(packed(kind, ['id', 'building_id', 'node_id', 'unit_no', 'floor', 'room_no', 'use']))
      .where('node_id', 'in', nodeIds)
      .executeTakeFirst(),
  );

/**
 * Active residents of the subtree (scoped by residents.node_id), packed with only the facts derived tags
 * come from: household_id, living_here, political_status, birth_date.
 */
export const residentsIn = (db: Q, kind: DbKind, nodeIds: number[]) =>
  take(
    db
      .selectFrom('residents')
      .select(
        packed(kind, [orEmpty('household_id'), 'living_here', 'political_status', orEmpty('birth_date')]),
      )
      .where('node_id', 'in', nodeIds)
      .where('status', '=', 'active')
      .executeTakeFirst(),
  );

/** Visits of the subtree, packed: household_id, visited_at, screened, dispute_found, dispute_resolved_at. */
export const visitsIn = (db: Q, kind: DbKind, nodeIds: number[]) =>
  take(
    db
      .selectFrom('visits')
      .select(
        packed(kind, [
          'household_id',
          'visited_at',
          'screened',
          'dispute_found',
          orEmpty('dispute_resolved_at'),
        ]),
      )
      .where('node_id', 'in', nodeIds)
      .executeTakeFirst(),
  );

/**
 * Tag assignments of the subtree, packed: household_id, tag_id, risk_level — household-level ones, and
 * persons' ones rolled up to the household the (active) person lives in now.
 */
export async function tagAssignmentsIn(db: Q, kind: DbKind, nodeIds: number[]): Promise<string> {
  const own = await take(
    db
      .selectFrom('tag_assignments as ta')
      .innerJoin('households as h', 'h.id', 'ta.household_id')
      .select(packed(kind, ['ta.household_id', 'ta.tag_id', orEmpty('ta.risk_level')]))
      .where('h.node_id', 'in', nodeIds)
      .where('ta.resident_id', 'is', null)
      .executeTakeFirst(),
  );
  const persons = await take(
    db
      .selectFrom('tag_assignments as ta')
      .innerJoin('residents as r', 'r.id', 'ta.resident_id')
      .select(packed(kind, [orEmpty('r.household_id'), 'ta.tag_id', orEmpty('ta.risk_level')]))
      .where('r.node_id', 'in', nodeIds)
      .where('r.status', '=', 'active')
      .executeTakeFirst(),
  );
  return own && persons ? `${own}${RECORD_SEP}${persons}` : own || persons;
}

export const tagDictionary = (db: Q) =>
  db
    .selectFrom('tags')
    .select([
      'id',
      'code',
      'name_zh',
      'name_en',
      'symbol',
      'color',
      'applies_to',
      'sensitivity',
      'visible_roles',
      'derived',
      'sort',
      'active',
    ])
    .orderBy('sort')
    .orderBy('id')
    .execute();

export const activePlans = (db: Q) =>
  db
    .selectFrom('visit_plans as p')
    .innerJoin('grid_nodes as n', 'n.id', 'p.node_id')
    .select(['p.id', 'n.path as path', 'p.tag_code', 'p.risk_levels', 'p.every_days'])
    .where('p.active', '=', 1)
    .execute();

/**
 * A fingerprint of everything the chart shows for a subtree: counts and latest change stamps of its
 * buildings, households, residents, tag assignments and visits, plus the tag dictionary and visit plans.
 * One round trip; any write the chart would show changes at least one of these numbers.
 */
export async function versionParts(db: Q, nodeIds: number[]): Promise<unknown[]> {
  // count || ':' || latest, spelt with casts so PostgreSQL accepts the concatenation of numbers.
  const stamp = (latest: string) =>
    sql<string>`cast(count(*) as varchar(20)) || ':' || coalesce(cast(max(${sql.ref(latest)}) as varchar(40)), '')`.as(
      'v',
    );
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('buildings').select(stamp('updated_at')).where('node_id', 'in', nodeIds).as('b'),
      eb.selectFrom('households').select(stamp('updated_at')).where('node_id', 'in', nodeIds).as('h'),
      eb.selectFrom('residents').select(stamp('updated_at')).where('node_id', 'in', nodeIds).as('r'),
      eb
        .selectFrom('tag_assignments as ta')
        .innerJoin('households as h', 'h.id', 'ta.household_id')
        .select(stamp('ta.id'))
        .where('h.node_id', 'in', nodeIds)
        .where('ta.resident_id', 'is', null)
        .as('th'),
      eb
        .selectFrom('tag_assignments as ta')
        .innerJoin('residents as r', 'r.id', 'ta.resident_id')
        .select(stamp('ta.id'))
        .where('r.node_id', 'in', nodeIds)
        .as('tp'),
      eb.selectFrom('visits').select(stamp('id')).where('node_id', 'in', nodeIds).as('v'),
      eb
        .selectFrom('visits')
        .select(stamp('dispute_resolved_at'))
        .where('node_id', 'in', nodeIds)
        .where('dispute_found', '=', 1)
        .as('vd'),
      eb.selectFrom('tags').select(stamp('updated_at')).as('t'),
      eb.selectFrom('visit_plans').select(stamp('updated_at')).as('p'),
    ])
    .executeTakeFirstOrThrow();
  return [row.b, row.h, row.r, row.th, row.tp, row.v, row.vd, row.t, row.p];
}

/** Households of the subtree whose room label or (when allowed) an active resident's name matches. */
export async function searchHouseholds(
  db: Q,
  nodeIds: number[],
  nameNodeIds: number[],
  q: string,
  limit: number,
): Promise<number[]> {
  const byLabel = await db
    .selectFrom('households')
    .select('id')
    .where('node_id', 'in', nodeIds)
    // a whole 房号 (3-1-501) matches exactly, so it does not also find 13-1-501; anything else is a fragment
    .where(parseRoomLabel(q) ? sql<boolean>`room_label = ${q}` : containsText('room_label', q))
    .limit(limit)
    .execute();
  const byName = nameNodeIds.length
    ? await db
        .selectFrom('residents as r')
        .innerJoin('households as h', 'h.id', 'r.household_id')
        .select('h.id as id')
        .where('h.node_id', 'in', nameNodeIds)
        .where('r.status', '=', 'active')
        .where(containsText('r.name', q))
        .limit(limit)
        .execute()
    : [];
  return [...new Set([...byLabel, ...byName].map((r) => r.id))].slice(0, limit);
}
