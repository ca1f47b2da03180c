import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../db/create-db.js';
import type { NotificationsTable } from '../../db/schema.js';

type Q = Db | Tx;

// Queries of the notifications module. The recipient look-ups read the case, unit and role tables read-only (like a
// metrics module, docs/architecture.md): a notification needs to know who holds a case, never to change it.

// ---------------------------------------------------------------------------------------------
// the centre (always one user's own rows)

const COLUMNS = [
  'id',
  'kind',
  'case_id',
  'case_number',
  'case_title',
  'actor_name',
  'data',
  'created_at',
  'read_at',
] as const;

/** Unread first (newest first, notifications_unread_idx), then read (newest first, notifications_user_idx). */
export async function listPage(db: Q, userId: number, unreadOnly: boolean, limit: number, offset: number) {
  const unread = await countUnread(db, userId);
  const rows = [];
  if (offset < unread) {
    rows.push(
      ...(await db
        .selectFrom('notifications')
        .select(COLUMNS)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .orderBy('user_id')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute()),
    );
  }
  const total = unreadOnly ? unread : unread + (await countRead(db, userId));
  if (!unreadOnly && rows.length < limit) {
    rows.push(
      ...(await db
        .selectFrom('notifications')
        .select(COLUMNS)
        .where('user_id', '=', userId)
        .where('read_at', 'is not', null)
        .orderBy('user_id')
        .orderBy('id', 'desc')
        .limit(limit - rows.length)
        .offset(Math.max(0, offset - unread))
        .execute()),
    );
  }
  return { rows, total, unread };
}

export async function countUnread(db: Q, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function countRead(db: Q, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const findOwn = (db: Q, userId: number, id: number) =>
  db
    .selectFrom('notifications')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();

export async function markRead(db: Q, userId: number, id: number, at: string) {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

export async function markAllRead(db: Q, userId: number, at: string): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertMany(db: Q, rows: Array<Insertable<NotificationsTable>>) {
  if (rows.length) await db.insertInto('notifications').values(rows).execute();
}

// ---------------------------------------------------------------------------------------------
// recipients (read-only look-ups of other modules' tables)

/** What recipient look-ups need to know about a case. */
export interface NoticeCase {
  id: number;
  node_path: string;
  lead_unit_id: number | null;
}

/** The case and its timeline event in one read (the hot path: every create and action passes here). */
export const caseWithEvent = (db: Q, caseId: number, eventId: number) =>
  db
    .selectFrom('cases as c')
    .innerJoin('grid_nodes as n', 'n.id', 'c.node_id')
    .leftJoin('case_events as e', (j) => j.onRef('e.case_id', '=', 'c.id').on('e.id', '=', eventId))
    .select([
      'c.id',
      'c.number',
      'c.title',
      'c.state',
      'c.node_id',
      'n.path as node_path',
      'c.lead_unit_id',
      'c.self_handled',
      'c.handling_due_at',
      'e.actor_name',
      'e.note',
      'e.data',
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirst();

/** Who last did `action` on the case (the dispatcher of a returned task, the self-handler). */
export async function lastActorOf(db: Q, caseId: number, action: string): Promise<number | null> {
  const r = await db
    .selectFrom('case_events')
    .select('actor_id')
    .where('case_id', '=', caseId)
    .where('action', '=', action)
    .orderBy('case_id')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.actor_id ?? null;
}

/** Assignments of a case: the units a dispatch named (pending ones) and the live lead. */
export const assignmentsOf = (db: Q, caseId: number) =>
  db
    .selectFrom('case_assignments')
    .select(['id', 'unit_id', 'role', 'status', 'due_at'])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();

/** Active users among the members of these units, with the unit each belongs to. */
export const activeUnitMembers = (db: Q, unitIds: readonly number[]) =>
  unitIds.length
    ? db
        .selectFrom('unit_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['m.unit_id', 'm.user_id'])
        .where('m.unit_id', 'in', unitIds)
        .where('u.status', '=', 'active')
        .execute()
    : Promise.resolve([]);

/**
 * The nodes of a path with their levels, each joined to its active grid workers and community staff (one row per
 * node without any): what intake recipients are chosen from, in one read.
 */
export const pathStaff = (db: Q, nodeIds: readonly number[]) =>
  nodeIds.length
    ? db
        .selectFrom('grid_nodes as n')
        .leftJoin('role_assignments as a', (j) =>
          j.onRef('a.node_id', '=', 'n.id').on('a.role', 'in', ['grid_worker', 'community_staff']),
        )
        .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'a.user_id').on('u.status', '=', 'active'))
        .select(['n.id', 'n.level', 'a.role', 'u.id as user_id'])
        .where('n.id', 'in', nodeIds)
        .execute()
    : Promise.resolve([]);

export const isActiveUser = async (db: Q, userId: number) =>
  (await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst()) !== undefined;

// ---------------------------------------------------------------------------------------------
// deadline scan

/**
 * One page of the cases whose earliest running deadline has reached yellow (warn_at passed, cases_warn_idx), in
 * (warn_at, id) order after the given key. The scan decides per case which alerts are still owed.
 */
export const warnedCases = (
  db: Q,
  nowIso: string,
  after: { warnAt: string; id: number } | null,
  limit: number,
) => {
  let q = db
    .selectFrom('cases as c')
    .innerJoin('grid_nodes as n', 'n.id', 'c.node_id')
    .select([
      'c.id',
      'c.number',
      'c.title',
      'c.state',
      'c.node_id',
      'n.path as node_path',
      'c.lead_unit_id',
      'c.self_handled',
      'c.handling_due_at',
      'c.response_due_at',
      'c.clock_start_at',
      'c.contacted_at',
      'c.reporter_kind',
      'c.warn_at',
    ])
    .where('c.warn_at', 'is not', null)
    .where('c.warn_at', '<=', nowIso);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('c.warn_at', '>', after.warnAt),
        eb.and([eb('c.warn_at', '=', after.warnAt), eb('c.id', '>', after.id)]),
      ]),
    );
  return q.orderBy('c.warn_at').orderBy('c.id').limit(limit).execute();
};

export type WarnedCase = Awaited<ReturnType<typeof warnedCases>>[number];

/** Alerts already sent for these cases. */
export const alertsOf = (db: Q, caseIds: readonly number[]) =>
  caseIds.length
    ? db
        .selectFrom('case_deadline_alerts')
        .select(['case_id', 'level', 'due_at'])
        .where('case_id', 'in', caseIds)
        .execute()
    : Promise.resolve([]);

/** Records one alert; false when another scan got there first (the primary key holds each level once). */
export async function insertAlert(tx: Tx, caseId: number, level: string, dueAt: string, at: string) {
  const r = await tx
    .insertInto('case_deadline_alerts')
    .values({ case_id: caseId, level, due_at: dueAt, at })
    .onConflict((oc) => oc.columns(['case_id', 'level', 'due_at']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}
