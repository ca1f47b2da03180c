import { type ExpressionBuilder, type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import { OPEN_STATES } from '../../../common/cases.js';
import type { Db, Tx } from '../../db/create-db.js';
import type {
  CaseAssignmentsTable,
  CaseCategoriesTable,
  CaseEventsTable,
  CasesTable,
  DB,
  UnitsTable,
} from '../../db/schema.js';
import { containsText } from '../../db/sql-helpers.js';

// One exported function per query (docs/domain/cases.md, docs/case-queries.md). Every function that lists or loads
// cases takes the caller's CaseScope; a row outside it cannot come back. Grid nodes, households, buildings and
// residents are read here only to resolve a place's node and path and a reporter's name (as the visits module does).

type Q = Db | Tx;

/**
 * Where a caller may read cases: node subtrees (staff with case.read; `all` when one of them is a root of the tree),
 * the units they belong to (cases with an assignment of the unit) and their own user id (their reports and the cases
 * they follow). Empty everywhere matches nothing.
 */
export interface CaseScope {
  all: boolean;
  paths: readonly string[];
  unitIds: readonly number[];
  userId: number | null;
}

// biome-ignore lint/suspicious/noExplicitAny: the helpers serve several joined query shapes
type AnyEb = ExpressionBuilder<any, any>;

/** `column` is the id of a node under one of the paths (a materialised-path subquery, as the registry does). */
function nodeInPaths(column: string, paths: readonly string[]) {
  return sql<boolean>`${sql.ref(column)} in (select g.id from grid_nodes g where ${sql.join(
    paths.map((p) => sql`g.path like ${`${p}%`}`),
    sql` or `,
  )})`;
}

/** The scope as one condition on `cases as c`. */
export function inCaseScope(scope: CaseScope) {
  return (eb: AnyEb) => {
    if (scope.all) return sql<boolean>`1 = 1`;
    const parts = [];
    if (scope.paths.length) parts.push(nodeInPaths('c.node_id', scope.paths));
    if (scope.unitIds.length)
      parts.push(
        eb.exists(
          eb
            .selectFrom('case_assignments as sa')
            .select(sql`1`.as('one'))
            .whereRef('sa.case_id', '=', 'c.id')
            .where('sa.unit_id', 'in', scope.unitIds),
        ),
      );
    if (scope.userId !== null) {
      parts.push(eb('c.reporter_user_id', '=', scope.userId));
      parts.push(
        eb.exists(
          eb
            .selectFrom('case_followers as sf')
            .select(sql`1`.as('one'))
            .whereRef('sf.case_id', '=', 'c.id')
            .where('sf.user_id', '=', scope.userId),
        ),
      );
    }
    if (!parts.length) return sql<boolean>`1 = 0`;
    return eb.or(parts);
  };
}

// ---------------------------------------------------------------------------------------------
// places and people

export const findNode = (db: Q, id: number) =>
  db
    .selectFrom('grid_nodes')
    .select(['id', 'parent_id', 'path', 'name', 'level', 'retired_at'])
    .where('id', '=', id)
    .executeTakeFirst();

export const findNodesByIds = (db: Q, ids: readonly number[]) =>
  ids.length
    ? db
        .selectFrom('grid_nodes')
        .select(['id', 'parent_id', 'path', 'name', 'level'])
        .where('id', 'in', ids)
        .execute()
    : Promise.resolve([]);

/** Whether some root of the tree (a node without parent) is among the paths: then the scope is everything. */
export async function coversWholeTree(db: Q, paths: readonly string[]): Promise<boolean> {
  const ids = paths
    .map((p) => p.split('/').filter(Boolean))
    .filter((s) => s.length === 1)
    .map((s) => Number(s[0]));
  if (!ids.length) return false;
  const roots = await db
    .selectFrom('grid_nodes')
    .select('id')
    .where('id', 'in', ids)
    .where('parent_id', 'is', null)
    .execute();
  return roots.length > 0;
}

export const findHouseholdPlace = (db: Q, id: number) =>
  db
    .selectFrom('households as h')
    .innerJoin('buildings as b', 'b.id', 'h.building_id')
    .select(['h.id', 'h.node_id', 'h.building_id', 'h.room_label', 'b.address', 'b.lat', 'b.lng'])
    .where('h.id', '=', id)
    .executeTakeFirst();

export const findBuildingPlace = (db: Q, id: number) =>
  db
    .selectFrom('buildings')
    .select(['id', 'node_id', 'number', 'name', 'address', 'lat', 'lng', 'retired_at'])
    .where('id', '=', id)
    .executeTakeFirst();

export const findResident = (db: Q, id: number) =>
  db
    .selectFrom('residents as r')
    .leftJoin('households as h', 'h.id', 'r.household_id')
    .select([
      'r.id',
      'r.name',
      'r.phone_enc',
      'r.phone_bidx',
      'r.status',
      'r.household_id',
      sql<number | null>`coalesce(h.node_id, r.node_id)`.as('node_id'),
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();

export const findVisit = (db: Q, id: number) =>
  db
    .selectFrom('visits as v')
    .innerJoin('households as h', 'h.id', 'v.household_id')
    .select([
      'v.id',
      'v.household_id',
      'v.node_id',
      'v.findings',
      'v.dispute_found',
      'v.flagged',
      'h.room_label',
    ])
    .where('v.id', '=', id)
    .executeTakeFirst();

/** The case a visit finding became, if any. */
export const caseOfVisit = (db: Q, visitId: number) =>
  db.selectFrom('cases').select(['id', 'number']).where('visit_id', '=', visitId).executeTakeFirst();

export const userNames = (db: Q, ids: readonly number[]) =>
  ids.length
    ? db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()
    : Promise.resolve([]);

// ---------------------------------------------------------------------------------------------
// categories, units, calendar

export type CategoryRow = Selectable<CaseCategoriesTable>;

export const listCategories = (db: Q) =>
  db.selectFrom('case_categories').selectAll().orderBy('sort').orderBy('code').execute();

export const findCategory = (db: Q, id: number) =>
  db.selectFrom('case_categories').selectAll().where('id', '=', id).executeTakeFirst();

export const findCategoryByCode = (db: Q, code: string) =>
  db.selectFrom('case_categories').selectAll().where('code', '=', code).executeTakeFirst();

export async function insertCategory(db: Q, row: Insertable<CaseCategoriesTable>): Promise<number> {
  const r = await db.insertInto('case_categories').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCategory(db: Q, id: number, set: Updateable<CaseCategoriesTable>) {
  await db.updateTable('case_categories').set(set).where('id', '=', id).execute();
}

export type UnitRow = Selectable<UnitsTable>;

export const listUnits = (db: Q) => db.selectFrom('units').selectAll().orderBy('code').execute();

export const findUnit = (db: Q, id: number) =>
  db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();

export const findUnitsByIds = (db: Q, ids: readonly number[]) =>
  ids.length
    ? db.selectFrom('units').selectAll().where('id', 'in', ids).execute()
    : Promise.resolve([] as UnitRow[]);

export const findUnitByCode = (db: Q, code: string) =>
  db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();

export async function insertUnit(db: Q, row: Insertable<UnitsTable>): Promise<number> {
  const r = await db.insertInto('units').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUnit(db: Q, id: number, set: Updateable<UnitsTable>) {
  await db.updateTable('units').set(set).where('id', '=', id).execute();
}

/** The units a user handles cases for. */
export async function unitIdsOfUser(db: Q, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('unit_members').select('unit_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.unit_id);
}

export const unitMembers = (db: Q, unitIds: readonly number[]) =>
  unitIds.length
    ? db
        .selectFrom('unit_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.unit_id', 'm.user_id', 'u.username', 'u.display_name'])
        .where('m.unit_id', 'in', unitIds)
        .orderBy('u.username')
        .execute()
    : Promise.resolve([]);

export const unitNodes = (db: Q, unitIds: readonly number[]) =>
  unitIds.length
    ? db
        .selectFrom('unit_nodes as un')
        .innerJoin('grid_nodes as n', 'n.id', 'un.node_id')
        .select(['un.unit_id', 'un.node_id', 'n.name', 'n.path', 'n.level'])
        .where('un.unit_id', 'in', unitIds)
        .orderBy('n.path')
        .execute()
    : Promise.resolve([]);

export async function replaceUnitMembers(db: Q, unitId: number, userIds: readonly number[], at: string) {
  await db.deleteFrom('unit_members').where('unit_id', '=', unitId).execute();
  if (userIds.length)
    await db
      .insertInto('unit_members')
      .values(userIds.map((user_id) => ({ unit_id: unitId, user_id, created_at: at })))
      .execute();
}

export async function replaceUnitNodes(db: Q, unitId: number, nodeIds: readonly number[]) {
  await db.deleteFrom('unit_nodes').where('unit_id', '=', unitId).execute();
  if (nodeIds.length)
    await db
      .insertInto('unit_nodes')
      .values(nodeIds.map((node_id) => ({ unit_id: unitId, node_id })))
      .execute();
}

export const existingUserIds = async (db: Q, ids: readonly number[]) =>
  ids.length
    ? (await db.selectFrom('users').select('id').where('id', 'in', ids).execute()).map((r) => r.id)
    : [];

export const listCalendarDays = (db: Q, year?: number) => {
  let q = db.selectFrom('calendar_days').select(['date', 'kind', 'name']).orderBy('date');
  if (year !== undefined) q = q.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  return q.execute();
};

export const findCalendarDay = (db: Q, date: string) =>
  db.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('date', '=', date).executeTakeFirst();

export async function upsertCalendarDay(
  db: Q,
  day: { date: string; kind: string; name: string; at: string },
) {
  await db
    .insertInto('calendar_days')
    .values({ date: day.date, kind: day.kind, name: day.name, updated_at: day.at })
    .onConflict((oc) => oc.column('date').doUpdateSet({ kind: day.kind, name: day.name, updated_at: day.at }))
    .execute();
}

export async function deleteCalendarDay(db: Q, date: string): Promise<boolean> {
  const r = await db.deleteFrom('calendar_days').where('date', '=', date).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// cases

/** Next number of the year, in the caller's transaction (an upsert: the row lock serialises creators). */
export async function nextCaseSeq(tx: Tx, year: number): Promise<number> {
  const r = await tx
    .insertInto('case_counters')
    .values({ year, last_seq: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_seq: sql`case_counters.last_seq + 1` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return r.last_seq;
}

export async function insertCase(tx: Tx, row: Insertable<CasesTable>): Promise<number> {
  const r = await tx.insertInto('cases').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Optimistic concurrency: the update applies only if nobody acted since `version` was read; false when 0 rows
 * changed (someone else won, docs/domain/cases.md CASE_CONFLICT).
 */
export async function updateCaseVersioned(
  tx: Tx,
  id: number,
  version: number,
  set: Updateable<CasesTable>,
): Promise<boolean> {
  const r = await tx
    .updateTable('cases')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Columns of a list row (CaseSummary) and of the detail. */
const summaryColumns = [
  'c.id',
  'c.number',
  'c.title',
  'c.category_id',
  'c.source',
  'c.urgency',
  'c.state',
  'c.node_id',
  'c.household_id',
  'c.address',
  'c.reporter_kind',
  'c.reporter_user_id',
  'c.reporter_name',
  'c.created_at',
  'c.response_due_at',
  'c.handling_due_at',
  'c.clock_start_at',
  'c.warn_at',
  'c.contacted_at',
  'c.supervised',
  'c.reopen_count',
  'c.lead_unit_id',
  'c.version',
  'cat.code as category_code',
  'cat.name_zh as category_name_zh',
  'cat.name_en as category_name_en',
  'n.name as node_name',
  'n.path as node_path',
  'u.name_zh as lead_unit_name_zh',
  'u.name_en as lead_unit_name_en',
  'h.room_label as room_label',
] as const;

function summaryBase(db: Q) {
  return db
    .selectFrom('cases as c')
    .innerJoin('case_categories as cat', 'cat.id', 'c.category_id')
    .innerJoin('grid_nodes as n', 'n.id', 'c.node_id')
    .leftJoin('units as u', 'u.id', 'c.lead_unit_id')
    .leftJoin('households as h', 'h.id', 'c.household_id');
}

export type CaseSummaryRow = Awaited<ReturnType<typeof summariesByIds>>[number];

/** Summary rows for ids already chosen by a scoped query, in no particular order. */
export const summariesByIds = (db: Q, ids: readonly number[]) =>
  summaryBase(db)
    .select(summaryColumns)
    .where('c.id', 'in', ids.length ? ids : [-1])
    .execute();

/** One case with everything the detail shows, only if it lies in the scope. */
export const findCase = (db: Q, id: number, scope: CaseScope) =>
  summaryBase(db)
    .leftJoin('cases as m', 'm.id', 'c.master_id')
    .select(summaryColumns)
    .select([
      'c.description',
      'c.building_id',
      'c.lat',
      'c.lng',
      'c.reporter_resident_id',
      'c.reporter_phone_enc',
      'c.reporter_phone_bidx',
      'c.created_by',
      'c.visit_id',
      'c.external_id',
      'c.head_review',
      'c.self_handled',
      'c.master_id',
      'c.reject_reason',
      'c.result',
      'c.closed_by',
      'c.updated_at',
      'c.accepted_at',
      'c.dispatched_at',
      'c.handled_at',
      'c.feedback_at',
      'c.closed_at',
      'n.level as node_level',
      'n.parent_id as node_parent_id',
      'm.number as master_number',
    ])
    .where('c.id', '=', id)
    .where(inCaseScope(scope))
    .executeTakeFirst();

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export const caseExists = async (db: Q, id: number) =>
  Boolean(await db.selectFrom('cases').select('id').where('id', '=', id).executeTakeFirst());

export const findCaseIdByNumber = (db: Q, number: string) =>
  db.selectFrom('cases').select(['id']).where('number', '=', number).executeTakeFirst();

export const findCaseIdByExternal = (db: Q, source: string, externalId: string) =>
  db
    .selectFrom('cases')
    .select(['id'])
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .executeTakeFirst();

// ---------------------------------------------------------------------------------------------
// lists

export interface CaseListFilter {
  states?: readonly string[];
  /** Category ids (a category and its descendants). */
  categoryIds?: readonly number[];
  /** Node subtree inside the scope. */
  nodePath?: string;
  unitId?: number;
  source?: string;
  /** Red: the handling deadline has passed (open, clock running). */
  overdueBefore?: string;
  /** Yellow or red: the 75 % mark has passed. */
  warnBefore?: string;
  supervised?: boolean;
  q?: string;
  /** Only cases created at or after (duplicates by text). */
  createdSince?: string;
  excludeId?: number;
}

export type CaseOrder = 'due' | 'created';

function listWhere(scope: CaseScope, f: CaseListFilter) {
  return (eb: AnyEb) => {
    const conds = [inCaseScope(scope)(eb)];
    if (f.states) conds.push(f.states.length ? eb('c.state', 'in', f.states) : sql<boolean>`1 = 0`);
    if (f.categoryIds) conds.push(eb('c.category_id', 'in', f.categoryIds.length ? f.categoryIds : [-1]));
    if (f.nodePath) conds.push(nodeInPaths('c.node_id', [f.nodePath]));
    if (f.unitId !== undefined)
      conds.push(
        eb.exists(
          eb
            .selectFrom('case_assignments as fa')
            .select(sql`1`.as('one'))
            .whereRef('fa.case_id', '=', 'c.id')
            .where('fa.unit_id', '=', f.unitId),
        ),
      );
    if (f.source) conds.push(eb('c.source', '=', f.source));
    if (f.overdueBefore) conds.push(eb('c.warn_at', 'is not', null), eb('c.due_at', '<', f.overdueBefore));
    if (f.warnBefore) conds.push(eb('c.warn_at', '<=', f.warnBefore));
    if (f.supervised) conds.push(eb('c.supervised', '=', 1));
    if (f.createdSince) conds.push(eb('c.created_at', '>=', f.createdSince));
    if (f.excludeId !== undefined) conds.push(eb('c.id', '<>', f.excludeId));
    if (f.q) {
      const q = f.q.trim();
      conds.push(eb.or([containsText('c.title', q), eb('c.number', '=', q.toUpperCase())]));
    }
    return eb.and(conds);
  };
}

/** One page of case ids in the scope with the filters, due (earliest first) or newest first. */
export async function listCaseIds(
  db: Q,
  scope: CaseScope,
  f: CaseListFilter,
  order: CaseOrder,
  limit: number,
  offset: number,
): Promise<number[]> {
  let q = db.selectFrom('cases as c').select('c.id').where(listWhere(scope, f));
  q =
    order === 'due'
      ? q.orderBy('c.due_at').orderBy('c.id')
      : q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc');
  const rows = await q.limit(limit).offset(offset).execute();
  return rows.map((r) => r.id);
}

export async function countCases(db: Q, scope: CaseScope, f: CaseListFilter): Promise<number> {
  const r = await db
    .selectFrom('cases as c')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(listWhere(scope, f))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Counts per state in the scope (the board's column headers). */
export const countByState = (db: Q, scope: CaseScope, nodePath: string | undefined) =>
  db
    .selectFrom('cases as c')
    .select(['c.state', (eb) => eb.fn.countAll<number>().as('n')])
    .where(listWhere(scope, { nodePath }))
    .groupBy('c.state')
    .execute();

/**
 * A unit handler's tasks: cases with a live (pending or signed) assignment of one of the units, earliest
 * assignment deadline first.
 */
export function unitTaskQuery(db: Q, unitIds: readonly number[]) {
  return db
    .selectFrom('case_assignments as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .where('a.unit_id', 'in', unitIds.length ? unitIds : [-1])
    .where('a.status', 'in', ['pending', 'signed'])
    .where('c.state', 'in', OPEN_STATES);
}

export const unitTaskRows = (db: Q, unitIds: readonly number[], limit: number, offset: number) =>
  unitTaskQuery(db, unitIds)
    .select(['c.id', 'a.due_at as due'])
    .orderBy('a.due_at')
    .orderBy('c.id')
    .limit(limit)
    .offset(offset)
    .execute();

export async function unitTaskIds(db: Q, unitIds: readonly number[], limit: number, offset: number) {
  const rows = await unitTaskRows(db, unitIds, limit, offset);
  return [...new Set(rows.map((r) => r.id))];
}

export async function countUnitTasks(db: Q, unitIds: readonly number[]) {
  const r = await unitTaskQuery(db, unitIds)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The staff part of the inbox: cases in the subtrees waiting for the community side — to accept, dispatch or
 * handle itself, and to inform the resident of the result.
 */
export const STAFF_TASK_STATES = ['collected', 'accepted', 'dispatched', 'in_progress', 'handled'] as const;
/**
 * The stored staff_task flag (cases.policy staffTaskOf, maintained on every write): collected, accepted, handled;
 * with a unit only when self-handled or an extension waits for the dispatcher. One index range per node.
 */
export function staffTaskFilter(eb: AnyEb) {
  return eb('c.staff_task', '=', 1);
}

export const staffTaskRows = (db: Q, scope: CaseScope, limit: number, offset: number) =>
  db
    .selectFrom('cases as c')
    .select(['c.id', 'c.due_at as due'])
    .where(inCaseScope(scope))
    .where(staffTaskFilter)
    .orderBy('c.due_at')
    .orderBy('c.id')
    .limit(limit)
    .offset(offset)
    .execute();

export async function staffTaskIds(
  db: Q,
  scope: CaseScope,
  limit: number,
  offset: number,
): Promise<number[]> {
  return (await staffTaskRows(db, scope, limit, offset)).map((r) => r.id);
}

export async function countStaffTasks(db: Q, scope: CaseScope): Promise<number> {
  const r = await db
    .selectFrom('cases as c')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inCaseScope(scope))
    .where(staffTaskFilter)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Open cases of the same household, or else building, and category since `since` (duplicates at intake). */
export async function samePlaceCaseIds(
  db: Q,
  scope: CaseScope,
  place: { householdId?: number; buildingId?: number },
  categoryId: number,
  since: string,
  openStates: readonly string[],
  limit: number,
): Promise<number[]> {
  let q = db
    .selectFrom('cases as c')
    .select('c.id')
    .where('c.category_id', '=', categoryId)
    .where('c.created_at', '>=', since)
    .where('c.state', 'in', openStates)
    .where(inCaseScope(scope));
  if (place.householdId !== undefined) q = q.where('c.household_id', '=', place.householdId);
  else if (place.buildingId !== undefined) q = q.where('c.building_id', '=', place.buildingId);
  else return [];
  const rows = await q.orderBy('c.created_at', 'desc').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Recent open cases under one node (bounded by the created index), with their titles, for the text match. */
export const recentOpenCases = (
  db: Q,
  scope: CaseScope,
  nodePath: string,
  since: string,
  openStates: readonly string[],
  limit: number,
) =>
  db
    .selectFrom('cases as c')
    .select(['c.id', 'c.title'])
    .where(listWhere(scope, { nodePath, createdSince: since, states: openStates }))
    .orderBy('c.created_at', 'desc')
    .limit(limit)
    .execute();

/** Cases waiting for a rating since before `before` (the auto-close sweep). */
export const awaitingRatingBefore = (db: Q, before: string, limit: number) =>
  db
    .selectFrom('cases')
    .select(['id', 'version'])
    .where('state', '=', 'awaiting_rating')
    .where('feedback_at', '<=', before)
    .orderBy('feedback_at')
    .limit(limit)
    .execute();

// ---------------------------------------------------------------------------------------------
// timeline and satellites

export type EventRow = Selectable<CaseEventsTable>;

export async function insertEvent(tx: Tx, row: Insertable<CaseEventsTable>): Promise<number> {
  const r = await tx.insertInto('case_events').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export const eventsOf = (db: Q, caseId: number) =>
  db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

export type AssignmentRow = Selectable<CaseAssignmentsTable> & { unit_name_zh: string; unit_name_en: string };

export const assignmentsOf = (db: Q, caseId: number) =>
  db
    .selectFrom('case_assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .selectAll('a')
    .select(['u.name_zh as unit_name_zh', 'u.name_en as unit_name_en'])
    .where('a.case_id', '=', caseId)
    .orderBy('a.id')
    .execute();

export async function insertAssignment(tx: Tx, row: Insertable<CaseAssignmentsTable>): Promise<number> {
  const r = await tx.insertInto('case_assignments').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAssignment(tx: Tx, id: number, set: Updateable<CaseAssignmentsTable>) {
  await tx.updateTable('case_assignments').set(set).where('id', '=', id).execute();
}

export const meetingsOf = (db: Q, caseId: number) =>
  db.selectFrom('case_meetings').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

export async function insertMeeting(tx: Tx, row: Insertable<DB['case_meetings']>): Promise<number> {
  const r = await tx.insertInto('case_meetings').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export const extensionsOf = (db: Q, caseId: number) =>
  db.selectFrom('case_extensions').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

export async function insertExtension(tx: Tx, row: Insertable<DB['case_extensions']>): Promise<number> {
  const r = await tx.insertInto('case_extensions').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateExtension(tx: Tx, id: number, set: Updateable<DB['case_extensions']>) {
  await tx.updateTable('case_extensions').set(set).where('id', '=', id).execute();
}

export const ratingsOf = (db: Q, caseId: number) =>
  db.selectFrom('case_ratings').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

export async function insertRating(tx: Tx, row: Insertable<DB['case_ratings']>) {
  await tx.insertInto('case_ratings').values(row).execute();
}

export const followersOf = (db: Q, caseId: number) =>
  db.selectFrom('case_followers').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

export async function insertFollower(tx: Tx, row: Insertable<DB['case_followers']>) {
  await tx.insertInto('case_followers').values(row).execute();
}

export const filesOf = (db: Q, caseId: number) =>
  db.selectFrom('case_files').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

export const findFile = (db: Q, caseId: number, fileId: number) =>
  db
    .selectFrom('case_files')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', fileId)
    .executeTakeFirst();

export async function insertFile(tx: Tx, row: Insertable<DB['case_files']>): Promise<number> {
  const r = await tx.insertInto('case_files').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Attaches uploaded files (not yet attached to an event) of the case to an event. */
export async function attachFiles(tx: Tx, caseId: number, fileIds: readonly number[], eventId: number) {
  if (!fileIds.length) return;
  await tx
    .updateTable('case_files')
    .set({ event_id: eventId })
    .where('case_id', '=', caseId)
    .where('id', 'in', fileIds)
    .where('event_id', 'is', null)
    .execute();
}

export async function setVisitFlagged(tx: Tx, visitId: number) {
  await tx.updateTable('visits').set({ flagged: 1 }).where('id', '=', visitId).execute();
}
