import type { Db, Tx } from '../../db/create-db.js';
import type { UsersTable } from '../../db/schema.js';
import { containsText } from '../../db/sql-helpers.js';

type Q = Db | Tx;

export const findById = (db: Q, id: number) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
export const findByUsername = (db: Q, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

export async function insertUser(db: Q, row: Omit<UsersTable, 'id'>): Promise<number> {
  const r = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUser(db: Q, id: number, patch: Partial<Omit<UsersTable, 'id'>>) {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function insertAssignment(db: Q, userId: number, role: string, nodeId: number, at: string) {
  const r = await db
    .insertInto('role_assignments')
    .values({ user_id: userId, role, node_id: nodeId, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export const findAssignment = (db: Q, id: number) =>
  db.selectFrom('role_assignments').selectAll().where('id', '=', id).executeTakeFirst();

export async function deleteAssignment(db: Q, id: number) {
  await db.deleteFrom('role_assignments').where('id', '=', id).execute();
}

export const assignmentsOfUsers = (db: Q, userIds: number[]) =>
  userIds.length
    ? db
        .selectFrom('role_assignments as a')
        .innerJoin('grid_nodes as n', 'n.id', 'a.node_id')
        .select(['a.id', 'a.user_id', 'a.role', 'a.node_id', 'n.name as node_name', 'n.path as node_path'])
        .where('a.user_id', 'in', userIds)
        .orderBy('a.id')
        .execute()
    : Promise.resolve([]);

export interface UserListFilter {
  q?: string;
  nodePath?: string;
  role?: string;
  /** Subtrees the viewer may read users in; a user is visible if one assignment lies inside one of them. */
  scopePaths: string[];
  /** Whether the viewer also sees users without any assignment (only those scoped at a root node). */
  includeUnassigned: boolean;
}

/** Users visible in the viewer's scope, filtered; scope is applied in SQL so no row outside it is read. */
export async function listUsers(db: Q, f: UserListFilter, limit: number, offset: number) {
  const base = () => {
    let q = db.selectFrom('users as u');
    q = q.where((eb) => {
      const inScope = eb.exists(
        eb
          .selectFrom('role_assignments as a')
          .innerJoin('grid_nodes as n', 'n.id', 'a.node_id')
          .select('a.id')
          .whereRef('a.user_id', '=', 'u.id')
          .where((e2) => e2.or(f.scopePaths.map((p) => e2('n.path', 'like', `${p}%`)))),
      );
      if (!f.includeUnassigned) return inScope;
      return eb.or([
        inScope,
        eb.not(
          eb.exists(
            eb.selectFrom('role_assignments as a2').select('a2.id').whereRef('a2.user_id', '=', 'u.id'),
          ),
        ),
      ]);
    });
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => eb.or([containsText('u.username', text), containsText('u.display_name', text)]));
    }
    if (f.nodePath || f.role) {
      q = q.where((eb) => {
        let sub = eb
          .selectFrom('role_assignments as a3')
          .innerJoin('grid_nodes as n3', 'n3.id', 'a3.node_id')
          .select('a3.id')
          .whereRef('a3.user_id', '=', 'u.id');
        if (f.nodePath) sub = sub.where('n3.path', 'like', `${f.nodePath}%`);
        if (f.role) sub = sub.where('a3.role', '=', f.role);
        return eb.exists(sub);
      });
    }
    return q;
  };
  if (!f.scopePaths.length) return { rows: [], total: 0 };
  const [rows, total] = await Promise.all([
    base().selectAll('u').orderBy('u.username').limit(limit).offset(offset).execute(),
    base()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
