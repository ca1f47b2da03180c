import type { Db, Tx } from '../../db/create-db.js';

type Q = Db | Tx;

export const findUserByUsername = (db: Q, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

/**
 * The user of the latest resident account registered with this phone (blind index): residents log in with their
 * mobile number (docs/resident-h5.md). Staff usernames start with a letter, so a phone never names a staff account.
 */
export const findResidentUserByPhone = (db: Q, phoneBidx: string) =>
  db
    .selectFrom('users')
    .innerJoin('resident_accounts as ra', 'ra.user_id', 'users.id')
    .selectAll('users')
    .where('ra.phone_bidx', '=', phoneBidx)
    .orderBy('ra.id', 'desc')
    .executeTakeFirst();

export const findUserById = (db: Q, id: number) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export async function updateUser(
  db: Q,
  id: number,
  patch: Partial<{
    failed_logins: number;
    locked_until: string | null;
    last_login_at: string;
    password_hash: string;
    password_changed_at: string;
    must_change_password: number;
    totp_secret_enc: string | null;
    totp_enabled: number;
    locale: string;
    updated_at: string;
  }>,
) {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export const assignmentsOf = (db: Q, userId: number) =>
  db
    .selectFrom('role_assignments as a')
    .innerJoin('grid_nodes as n', 'n.id', 'a.node_id')
    .select(['a.id', 'a.role', 'a.node_id', 'n.path', 'n.name', 'n.level'])
    .where('a.user_id', '=', userId)
    .where('n.retired_at', 'is', null)
    .orderBy('n.depth')
    .orderBy('a.id')
    .execute();

export async function insertSession(
  db: Q,
  s: {
    id: string;
    user_id: number;
    csrf_token: string;
    at: string;
    ip: string | null;
    user_agent: string | null;
  },
) {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.user_id,
      csrf_token: s.csrf_token,
      created_at: s.at,
      last_seen_at: s.at,
      ip: s.ip,
      user_agent: s.user_agent,
    })
    .execute();
}

export const findSession = (db: Q, id: string) =>
  db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();

export async function touchSession(db: Q, id: string, at: string) {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: Q, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Q, userId: number, exceptId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function deleteIdleSessions(db: Q, before: string) {
  await db.deleteFrom('sessions').where('last_seen_at', '<', before).execute();
}
