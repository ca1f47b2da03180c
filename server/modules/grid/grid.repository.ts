import { sql } from 'kysely';
import type { Db, Tx } from '../../db/create-db.js';
import type { GridNodesTable } from '../../db/schema.js';
import { containsText } from '../../db/sql-helpers.js';

type Q = Db | Tx;

export interface NewNode {
  parentId: number | null;
  level: string;
  code: string;
  name: string;
  subjects: string[];
  partyOrgType: string | null;
  partyOrgName: string | null;
  partySecretary: string | null;
  boundary: string | null;
  at: string;
}

/** Inserts a node and sets its materialised path `/<ancestor ids>/<own id>/`. */
export async function insertNode(db: Q, n: NewNode, parentPath: string | null): Promise<number> {
  const depth = parentPath ? parentPath.split('/').filter(Boolean).length : 0;
  const row = await db
    .insertInto('grid_nodes')
    .values({
      parent_id: n.parentId,
      level: n.level,
      code: n.code,
      name: n.name,
      path: '/',
      depth,
      subjects: n.subjects.join(','),
      party_org_type: n.partyOrgType,
      party_org_name: n.partyOrgName,
      party_secretary: n.partySecretary,
      boundary: n.boundary,
      retired_at: null,
      retired_reason: null,
      created_at: n.at,
      updated_at: n.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('grid_nodes')
    .set({ path: `${parentPath ?? '/'}${row.id}/` })
    .where('id', '=', row.id)
    .execute();
  await bumpTreeVersion(db, n.at);
  return row.id;
}

export const findNode = (db: Q, id: number) =>
  db.selectFrom('grid_nodes').selectAll().where('id', '=', id).executeTakeFirst();

export const findNodeByCode = (db: Q, code: string) =>
  db.selectFrom('grid_nodes').selectAll().where('code', '=', code).executeTakeFirst();

/** Children with their own child counts, for the lazy tree. */
/** Nodes with the number of their active children, for the lazy tree. */
function nodesWithChildCount(db: Q) {
  return db
    .selectFrom('grid_nodes as n')
    .selectAll('n')
    .select((eb) =>
      eb
        .selectFrom('grid_nodes as c')
        .select(eb.fn.countAll<number>().as('cnt'))
        .whereRef('c.parent_id', '=', 'n.id')
        .where('c.retired_at', 'is', null)
        .as('child_count'),
    );
}

export async function listChildren(db: Q, parentId: number, includeRetired: boolean) {
  let q = nodesWithChildCount(db).where('n.parent_id', '=', parentId);
  if (!includeRetired) q = q.where('n.retired_at', 'is', null);
  return q.orderBy('n.code').execute();
}

export async function findNodesWithCounts(db: Q, ids: number[]) {
  if (!ids.length) return [];
  return nodesWithChildCount(db).where('n.id', 'in', ids).orderBy('n.depth').orderBy('n.code').execute();
}

export const findNodesByIds = (db: Q, ids: number[]) =>
  ids.length
    ? db.selectFrom('grid_nodes').select(['id', 'name', 'level', 'code']).where('id', 'in', ids).execute()
    : Promise.resolve([]);

/** Search by name or code within any of the given subtrees. */
export async function searchNodes(db: Q, q: string, scopePaths: string[], limit: number) {
  if (!scopePaths.length) return [];
  return db
    .selectFrom('grid_nodes')
    .selectAll()
    .where((eb) =>
      eb.and([
        eb.or(scopePaths.map((p) => eb('path', 'like', `${p}%`))),
        eb.or([containsText('name', q), containsText('code', q)]),
        eb('retired_at', 'is', null),
      ]),
    )
    .orderBy('depth')
    .orderBy('code')
    .limit(limit)
    .execute();
}

/** The whole subtree under a path, compact, ordered so parents come before children. */
export async function subtree(db: Q, rootPath: string) {
  return db
    .selectFrom('grid_nodes')
    .select(['id', 'parent_id', 'level', 'code', 'name', 'path'])
    .where('path', 'like', `${rootPath}%`)
    .where('retired_at', 'is', null)
    .orderBy('depth')
    .orderBy('code')
    .execute();
}

export async function updateNode(
  db: Q,
  id: number,
  patch: Partial<
    Pick<
      GridNodesTable,
      | 'name'
      | 'subjects'
      | 'party_org_type'
      | 'party_org_name'
      | 'party_secretary'
      | 'boundary'
      | 'retired_at'
      | 'retired_reason'
      | 'updated_at'
      | 'parent_id'
    >
  >,
) {
  await db.updateTable('grid_nodes').set(patch).where('id', '=', id).execute();
  await bumpTreeVersion(db, new Date().toISOString());
}

/** Moves a subtree: every path under oldPrefix is rewritten to start with newPrefix, depth shifted. */
export async function rewriteSubtreePaths(db: Q, oldPrefix: string, newPrefix: string, depthDelta: number) {
  await db
    .updateTable('grid_nodes')
    .set({
      path: sql<string>`${newPrefix} || substr(path, ${oldPrefix.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}`,
    })
    .where('path', 'like', `${oldPrefix}%`)
    .execute();
  await bumpTreeVersion(db, new Date().toISOString());
}

export async function countActiveChildren(db: Q, id: number) {
  const r = await db
    .selectFrom('grid_nodes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where('retired_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const listStaff = (db: Q, nodeId: number) =>
  db.selectFrom('grid_staff').selectAll().where('node_id', '=', nodeId).orderBy('id').execute();

export const findStaff = (db: Q, id: number) =>
  db.selectFrom('grid_staff').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertStaff(
  db: Q,
  s: {
    nodeId: number;
    userId: number | null;
    name: string;
    post: string;
    phoneEnc: string | null;
    phoneBidx: string | null;
    since: string | null;
    at: string;
  },
) {
  const r = await db
    .insertInto('grid_staff')
    .values({
      node_id: s.nodeId,
      user_id: s.userId,
      name: s.name,
      post: s.post,
      phone_enc: s.phoneEnc,
      phone_bidx: s.phoneBidx,
      since: s.since,
      created_at: s.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function deleteStaff(db: Q, id: number) {
  await db.deleteFrom('grid_staff').where('id', '=', id).execute();
}

const TREE_VERSION_KEY = 'grid.tree_version';

/**
 * Every change to the tree bumps one counter in the same transaction, so a cached tree answer can be
 * validated with a single primary-key read on any instance (grid.service `treeJson`).
 */
export async function bumpTreeVersion(db: Q, at: string) {
  await db
    .insertInto('settings')
    .values({ key: TREE_VERSION_KEY, value: '1', updated_at: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        value: sql<string>`cast(cast(settings.value as integer) + 1 as text)`,
        updated_at: at,
      }),
    )
    .execute();
}

export async function treeVersion(db: Q): Promise<string> {
  const r = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', TREE_VERSION_KEY)
    .executeTakeFirst();
  return r?.value ?? '0';
}
