import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../db/create-db.js';
import type { ResidentAccountsTable } from '../../db/schema.js';

type Q = Db | Tx;

// Resident accounts and the public look-up throttle. Read-only look-ups of grid_nodes (communities, scope paths) and
// households (the confirmed resident's own room, for prefilling a report); all writes to other modules' tables go
// through their services.

export async function insertAccount(db: Q, row: Insertable<ResidentAccountsTable>): Promise<number> {
  const r = await db.insertInto('resident_accounts').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAccount(db: Q, id: number, patch: Updateable<ResidentAccountsTable>) {
  await db.updateTable('resident_accounts').set(patch).where('id', '=', id).execute();
}

const accountSelect = (db: Q) =>
  db
    .selectFrom('resident_accounts as ra')
    .innerJoin('grid_nodes as n', 'n.id', 'ra.community_id')
    .innerJoin('users as u', 'u.id', 'ra.user_id')
    .leftJoin('households as h', 'h.id', 'ra.household_id')
    .selectAll('ra')
    .select([
      'n.name as community_name',
      'n.path as community_path',
      'u.username as username',
      'h.room_label as household_room_label',
      'h.node_id as household_node_id',
      'h.building_id as household_building_id',
    ]);
export type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

export const findAccount = (db: Q, id: number) =>
  accountSelect(db).where('ra.id', '=', id).executeTakeFirst();

export const findAccountOfUser = (db: Q, userId: number) =>
  accountSelect(db).where('ra.user_id', '=', userId).executeTakeFirst();

/** A pending or confirmed account already holding this phone (one live account per phone). */
export const findLiveAccountByPhone = (db: Q, phoneBidx: string) =>
  db
    .selectFrom('resident_accounts')
    .select(['id', 'status'])
    .where('phone_bidx', '=', phoneBidx)
    .where('status', 'in', ['pending', 'confirmed'])
    .executeTakeFirst();

/** A confirmed account already matched to this registry resident. */
export const findConfirmedAccountOfResident = (db: Q, residentId: number) =>
  db
    .selectFrom('resident_accounts')
    .select('id')
    .where('resident_id', '=', residentId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();

/** Accounts of the communities under the given subtrees, in one status, oldest first. */
export async function listAccounts(
  db: Q,
  scopePaths: string[],
  status: string,
  limit: number,
  offset: number,
) {
  if (!scopePaths.length) return { rows: [] as AccountRow[], total: 0 };
  const base = () =>
    db
      .selectFrom('resident_accounts as ra')
      .innerJoin('grid_nodes as n', 'n.id', 'ra.community_id')
      .where('ra.status', '=', status)
      .where((eb) => eb.or(scopePaths.map((p) => eb('n.path', 'like', `${p}%`))));
  const [rows, total] = await Promise.all([
    accountSelect(db)
      .where('ra.status', '=', status)
      .where((eb) => eb.or(scopePaths.map((p) => eb('n.path', 'like', `${p}%`))))
      .orderBy('ra.id', status === 'pending' ? 'asc' : 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    base()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Communities a resident may pick (not retired), with their street for telling namesakes apart. */
export const listCommunities = (db: Q) =>
  db
    .selectFrom('grid_nodes as n')
    .leftJoin('grid_nodes as p', 'p.id', 'n.parent_id')
    .select(['n.id', 'n.name', 'n.path', 'p.name as parent_name'])
    .where('n.level', '=', 'community')
    .where('n.retired_at', 'is', null)
    .orderBy('n.code')
    .execute();

export const findCommunity = (db: Q, id: number) =>
  db
    .selectFrom('grid_nodes')
    .select(['id', 'name', 'path'])
    .where('id', '=', id)
    .where('level', '=', 'community')
    .where('retired_at', 'is', null)
    .executeTakeFirst();

export const findNodePath = (db: Q, id: number) =>
  db.selectFrom('grid_nodes').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirst();

// ---------------------------------------------------------------------------------------------
// throttle of public look-ups

export async function countFailures(db: Q, scope: string, key: string, since: string): Promise<number> {
  const r = await db
    .selectFrom('public_access_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertFailure(db: Q, scope: string, key: string, ip: string | null, at: string) {
  await db.insertInto('public_access_failures').values({ scope, key, ip, at }).execute();
}

/** Old failures no longer count; dropped now and then so the table stays small. */
export async function pruneFailures(db: Q, before: string) {
  await db.deleteFrom('public_access_failures').where('at', '<', before).execute();
}
