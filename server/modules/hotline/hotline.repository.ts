import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../db/create-db.js';
import type { HotlineOrdersTable } from '../../db/schema.js';

// One exported function per query on the 12345 orders (docs/hotline-12345.md). Cases themselves are read and written
// only through the cases service; grid nodes are read here only to resolve a code given in the file.

type Q = Db | Tx;

const CHUNK = 500;

export function chunks<T>(xs: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export interface OrderRow {
  externalId: string;
  caseId: number;
  caseNumber: string;
  digests: string;
}

/** The orders already imported among these 工单号. */
export async function ordersByExternalIds(db: Q, ids: readonly string[]): Promise<Map<string, OrderRow>> {
  const out = new Map<string, OrderRow>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('hotline_orders')
      .select(['external_id', 'case_id', 'case_number', 'digests'])
      .where('external_id', 'in', part)
      .execute();
    for (const r of rows)
      out.set(r.external_id, {
        externalId: r.external_id,
        caseId: r.case_id,
        caseNumber: r.case_number,
        digests: r.digests,
      });
  }
  return out;
}

export async function insertOrders(
  tx: Tx,
  rows: ReadonlyArray<Insertable<HotlineOrdersTable>>,
): Promise<void> {
  for (const part of chunks(rows, 200)) await tx.insertInto('hotline_orders').values(part).execute();
}

export interface PeriodOrder {
  id: number;
  externalId: string;
  caseId: number;
  calledAt: string;
}

/** Orders called in [from, to) (ISO UTC), by call time, one page after `afterId` in that order. */
export async function ordersInPeriod(
  db: Q,
  from: string,
  to: string,
  after: { calledAt: string; id: number } | null,
  limit: number,
): Promise<PeriodOrder[]> {
  let q = db
    .selectFrom('hotline_orders')
    .select(['id', 'external_id', 'case_id', 'called_at'])
    .where('called_at', '>=', from)
    .where('called_at', '<', to);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('called_at', '>', after.calledAt),
        eb.and([eb('called_at', '=', after.calledAt), eb('id', '>', after.id)]),
      ]),
    );
  const rows = await q.orderBy('called_at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, externalId: r.external_id, caseId: r.case_id, calledAt: r.called_at }));
}

export interface NodeRef {
  id: number;
  code: string;
  name: string;
  path: string;
  level: string;
  retired: boolean;
}

export async function nodesByCodes(db: Q, codes: readonly string[]): Promise<Map<string, NodeRef>> {
  const out = new Map<string, NodeRef>();
  for (const part of chunks([...new Set(codes)])) {
    const rows = await db
      .selectFrom('grid_nodes')
      .select(['id', 'code', 'name', 'path', 'level', 'retired_at'])
      .where('code', 'in', part)
      .execute();
    for (const r of rows)
      out.set(r.code, {
        id: r.id,
        code: r.code,
        name: r.name,
        path: r.path,
        level: r.level,
        retired: r.retired_at !== null,
      });
  }
  return out;
}

export async function nodeById(db: Q, id: number): Promise<NodeRef | undefined> {
  const r = await db
    .selectFrom('grid_nodes')
    .select(['id', 'code', 'name', 'path', 'level', 'retired_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      code: r.code,
      name: r.name,
      path: r.path,
      level: r.level,
      retired: r.retired_at !== null,
    }
  );
}

/** An active account with its role assignments on live nodes (the command line acts in its name). */
export async function activeUser(db: Q, username: string) {
  const u = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', username)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!u) return null;
  const rows = await db
    .selectFrom('role_assignments as a')
    .innerJoin('grid_nodes as n', 'n.id', 'a.node_id')
    .select(['a.id', 'a.role', 'a.node_id', 'n.path', 'n.name', 'n.level'])
    .where('a.user_id', '=', u.id)
    .where('n.retired_at', 'is', null)
    .orderBy('n.depth')
    .orderBy('a.id')
    .execute();
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    assignments: rows.map((r) => ({
      id: r.id,
      role: r.role,
      nodeId: r.node_id,
      nodePath: r.path,
      nodeName: r.name,
      nodeLevel: r.level,
    })),
  };
}
