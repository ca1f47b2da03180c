import { type ExpressionBuilder, sql } from 'kysely';
import type { Db, Tx } from '../../db/create-db.js';
import type { DB } from '../../db/schema.js';
import { startsWith } from '../../db/sql-helpers.js';

// One exported function per query (docs/api-registry.md "Visits"). Everything that reads households or visits
// takes the caller's scope as materialised node paths; a row outside them cannot come back.

type Q = Db | Tx;

/** Node paths the caller reaches; an empty list matches nothing (fails closed). */
export type ScopePaths = readonly string[];

const inScope =
  (column: string, paths: ScopePaths) =>
  // biome-ignore lint/suspicious/noExplicitAny: the helper serves several joined query shapes
  (eb: ExpressionBuilder<any, any>) =>
    paths.length ? eb.or(paths.map((p) => startsWith(column, p))) : sql<boolean>`1 = 0`;

export const findNode = (db: Q, id: number) =>
  db
    .selectFrom('grid_nodes')
    .select(['id', 'path', 'name', 'level', 'parent_id'])
    .where('id', '=', id)
    .executeTakeFirst();

/** A household with its node path and building, only if it lies under one of the scope paths. */
export const findHousehold = (db: Q, id: number, scope: ScopePaths) =>
  db
    .selectFrom('households as h')
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .innerJoin('buildings as b', 'b.id', 'h.building_id')
    .select([
      'h.id',
      'h.node_id',
      'h.room_label',
      'h.use',
      'h.created_at',
      'n.path as node_path',
      'b.number as building_number',
    ])
    .where('h.id', '=', id)
    .where(inScope('n.path', scope))
    .executeTakeFirst();

/** The household's node path whatever the scope: only to tell "not found" from "outside scope" in audits. */
export const householdExists = async (db: Q, id: number) =>
  Boolean(await db.selectFrom('households').select('id').where('id', '=', id).executeTakeFirst());

export const findResident = (db: Q, id: number) =>
  db
    .selectFrom('residents')
    .select(['id', 'household_id', 'name', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();

/** Households under the scope with what the due-date rule needs. */
export const householdsInScope = (db: Q, scope: ScopePaths) =>
  db
    .selectFrom('households as h')
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .innerJoin('buildings as b', 'b.id', 'h.building_id')
    .select([
      'h.id',
      'h.node_id',
      'h.room_label',
      'h.use',
      'h.created_at',
      'n.path as node_path',
      'b.number as building_number',
    ])
    .where(inScope('n.path', scope))
    .execute();

/** Active residents of households under the scope (facts for derived tags). */
export const membersInScope = (db: Q, scope: ScopePaths) =>
  db
    .selectFrom('residents as r')
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .select(['r.household_id', 'r.birth_date', 'r.living_here', 'r.political_status', 'r.status'])
    .where('r.status', '=', 'active')
    .where(inScope('n.path', scope))
    .execute();

/** Stored tags of households under the scope, and of their active residents, as (household, code, level). */
export async function assignedTagsInScope(db: Q, scope: ScopePaths) {
  const onHouseholds = await db
    .selectFrom('tag_assignments as ta')
    .innerJoin('tags as t', 't.id', 'ta.tag_id')
    .innerJoin('households as h', 'h.id', 'ta.household_id')
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .select(['h.id as household_id', 't.code', 'ta.risk_level'])
    .where('ta.resident_id', 'is', null)
    .where('t.active', '=', 1)
    .where(inScope('n.path', scope))
    .execute();
  const onPeople = await db
    .selectFrom('tag_assignments as ta')
    .innerJoin('tags as t', 't.id', 'ta.tag_id')
    .innerJoin('residents as r', 'r.id', 'ta.resident_id')
    .innerJoin('households as h', 'h.id', 'r.household_id')
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .select(['h.id as household_id', 't.code', 'ta.risk_level'])
    .where('r.status', '=', 'active')
    .where('t.active', '=', 1)
    .where(inScope('n.path', scope))
    .execute();
  return [...onHouseholds, ...onPeople];
}

/** Per household under the scope: last visit, last screened visit, open disputes. */
export const visitFactsInScope = (db: Q, scope: ScopePaths) =>
  db
    .selectFrom('visits as v')
    .innerJoin('households as h', 'h.id', 'v.household_id')
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .select([
      'v.household_id',
      sql<string | null>`max(v.visited_at)`.as('last_visit_at'),
      sql<string | null>`max(case when v.screened = 1 then v.visited_at end)`.as('last_screened_at'),
      sql<number>`sum(case when v.dispute_found = 1 and v.dispute_resolved_at is null then 1 else 0 end)`.as(
        'open_disputes',
      ),
    ])
    .where(inScope('n.path', scope))
    .groupBy('v.household_id')
    .execute();

/** Every tag of the dictionary with what visibility needs. */
export const tagDictionary = (db: Q) =>
  db.selectFrom('tags').select(['code', 'sensitivity', 'visible_roles', 'name_zh', 'name_en']).execute();

// ---------------------------------------------------------------------------------------------
// plans

export const activePlansWithPaths = (db: Q) =>
  db
    .selectFrom('visit_plans as p')
    .innerJoin('grid_nodes as n', 'n.id', 'p.node_id')
    .selectAll('p')
    .select('n.path as node_path')
    .where('p.active', '=', 1)
    .orderBy('p.id')
    .execute();

/** Plans that apply at a node: those set on the node itself or on one of its ancestors. */
export const plansApplyingAt = (db: Q, ancestorIds: number[]) =>
  db
    .selectFrom('visit_plans as p')
    .innerJoin('grid_nodes as n', 'n.id', 'p.node_id')
    .selectAll('p')
    .select('n.path as node_path')
    .where('p.node_id', 'in', ancestorIds.length ? ancestorIds : [-1])
    .orderBy('p.id')
    .execute();

export const findPlan = (db: Q, id: number) =>
  db
    .selectFrom('visit_plans as p')
    .innerJoin('grid_nodes as n', 'n.id', 'p.node_id')
    .selectAll('p')
    .select('n.path as node_path')
    .where('p.id', '=', id)
    .executeTakeFirst();

export interface NewPlan {
  nodeId: number;
  name: string;
  tagCode: string | null;
  riskLevels: string[];
  everyDays: number;
  at: string;
}

export async function insertPlan(db: Q, p: NewPlan): Promise<number> {
  const row = await db
    .insertInto('visit_plans')
    .values({
      node_id: p.nodeId,
      name: p.name,
      tag_code: p.tagCode,
      risk_levels: p.riskLevels.length ? JSON.stringify(p.riskLevels) : null,
      every_days: p.everyDays,
      active: 1,
      created_at: p.at,
      updated_at: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const updatePlan = (
  db: Q,
  id: number,
  set: { name?: string; every_days?: number; active?: number; updated_at: string },
) => db.updateTable('visit_plans').set(set).where('id', '=', id).execute();

// ---------------------------------------------------------------------------------------------
// visits

export interface NewVisit {
  householdId: number;
  nodeId: number;
  residentId: number | null;
  planId: number | null;
  visitorId: number | null;
  visitorName: string | null;
  visitedAt: string;
  method: string;
  findings: string | null;
  disputeFound: boolean;
  followUp: boolean;
  at: string;
}

export async function insertVisit(db: Q, v: NewVisit): Promise<number> {
  const row = await db
    .insertInto('visits')
    .values({
      household_id: v.householdId,
      node_id: v.nodeId,
      resident_id: v.residentId,
      plan_id: v.planId,
      visitor_id: v.visitorId,
      visitor_name: v.visitorName,
      visited_at: v.visitedAt,
      method: v.method,
      findings: v.findings,
      screened: 1,
      dispute_found: v.disputeFound ? 1 : 0,
      dispute_resolved_at: null,
      follow_up: v.followUp ? 1 : 0,
      flagged: 0,
      created_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const visitColumns = (db: Q) =>
  db
    .selectFrom('visits as v')
    .innerJoin('households as h', 'h.id', 'v.household_id')
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .leftJoin('residents as r', 'r.id', 'v.resident_id')
    .leftJoin('visit_plans as p', 'p.id', 'v.plan_id')
    .selectAll('v')
    .select([
      'h.room_label',
      'n.path as node_path',
      'r.name as resident_name',
      'p.name as plan_name',
      'p.tag_code as plan_tag_code',
    ]);

export type VisitRow = Awaited<ReturnType<typeof findVisit>> & {};

/** One visit, only if its household lies under the scope. */
export const findVisit = (db: Q, id: number, scope: ScopePaths) =>
  visitColumns(db).where('v.id', '=', id).where(inScope('n.path', scope)).executeTakeFirst();

export const visitExists = async (db: Q, id: number) =>
  Boolean(await db.selectFrom('visits').select('id').where('id', '=', id).executeTakeFirst());

/** A household's visits, newest first (the household itself was scope-checked by the caller). */
export const visitsOfHousehold = (db: Q, householdId: number, limit: number, offset: number) =>
  visitColumns(db)
    .where('v.household_id', '=', householdId)
    .orderBy('v.visited_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();

export async function countVisitsOfHousehold(db: Q, householdId: number): Promise<number> {
  const r = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('household_id', '=', householdId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Open matters of households: an unresolved dispute or a finding flagged for the case loop. */
export const openMattersOf = (db: Q, householdIds: number[]) =>
  householdIds.length
    ? visitColumns(db)
        .where('v.household_id', 'in', householdIds)
        .where((eb) =>
          eb.or([
            eb.and([eb('v.dispute_found', '=', 1), eb('v.dispute_resolved_at', 'is', null)]),
            eb('v.flagged', '=', 1),
          ]),
        )
        .orderBy('v.visited_at', 'desc')
        .execute()
    : Promise.resolve([]);

export const setVisitFields = (
  db: Q,
  id: number,
  set: Partial<Pick<DB['visits'], 'dispute_resolved_at' | 'flagged'>>,
) => db.updateTable('visits').set(set).where('id', '=', id).execute();

// ---------------------------------------------------------------------------------------------
// photos

export const photosOf = (db: Q, visitIds: number[]) =>
  visitIds.length
    ? db.selectFrom('visit_photos').selectAll().where('visit_id', 'in', visitIds).orderBy('id').execute()
    : Promise.resolve([]);

export async function insertPhoto(
  db: Q,
  p: { visitId: number; fileName: string; mime: string; size: number; storageKey: string; at: string },
): Promise<number> {
  const row = await db
    .insertInto('visit_photos')
    .values({
      visit_id: p.visitId,
      file_name: p.fileName,
      mime: p.mime,
      size: p.size,
      storage_key: p.storageKey,
      created_at: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A photo with its household's node path, only if that household lies under the scope. */
export const findPhoto = (db: Q, id: number, scope: ScopePaths) =>
  db
    .selectFrom('visit_photos as ph')
    .innerJoin('visits as v', 'v.id', 'ph.visit_id')
    .innerJoin('households as h', 'h.id', 'v.household_id')
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .selectAll('ph')
    .select('n.path as node_path')
    .where('ph.id', '=', id)
    .where(inScope('n.path', scope))
    .executeTakeFirst();

// ---------------------------------------------------------------------------------------------
// coverage

/** Nodes of a subtree with their paths (for rolling counts up to the children). */
export const subtreeNodes = (db: Q, rootPath: string) =>
  db
    .selectFrom('grid_nodes')
    .select(['id', 'parent_id', 'path', 'name', 'level', 'code', 'retired_at'])
    .where(startsWith('path', rootPath))
    .execute();

/** Per household node under a path: households, and households with a screened visit in [from, to). */
export const screeningByNode = (db: Q, rootPath: string, from: string, to: string) =>
  db
    .selectFrom('households as h')
    .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
    .select((eb) => [
      'h.node_id',
      eb.fn.countAll<number>().as('total'),
      sql<number>`sum(case when exists (select 1 from visits v where v.household_id = h.id and v.screened = 1 and v.visited_at >= ${from} and v.visited_at < ${to}) then 1 else 0 end)`.as(
        'screened',
      ),
    ])
    .where(startsWith('n.path', rootPath))
    .groupBy('h.node_id')
    .execute();
