import { sql } from 'kysely';
import type { Db, DbKind, Tx } from '../../db/create-db.js';
import type { AuditLogTable } from '../../db/schema.js';
import { containsText, startsWith } from '../../db/sql-helpers.js';

type Q = Db | Tx;

export interface AuditFilters {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  outcome?: string;
}

/** Serialises writers to the chain: a transaction-scoped advisory lock on PostgreSQL; SQLite has one writer. */
export async function lockChain(db: Q, kind: DbKind): Promise<void> {
  if (kind === 'postgres') await sql`select pg_advisory_xact_lock(74100201)`.execute(db);
}

export async function lastRow(db: Q) {
  return db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function latestAnchor(db: Q) {
  return db
    .selectFrom('audit_anchors')
    .select(['pruned_through_seq', 'last_hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertRow(db: Q, row: AuditLogTable): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

function filtered(db: Q, f: AuditFilters) {
  let q = db.selectFrom('audit_log');
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<=', f.to);
  if (f.actor) q = q.where(containsText('actor_name', f.actor));
  if (f.action) q = q.where(startsWith('action', f.action));
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  return q;
}

export async function listRows(db: Q, f: AuditFilters, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    filtered(db, f).selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Walks the log in order, in pages, so verifying millions of rows stays in bounded memory. */
export async function* iterateRows(db: Q, pageSize = 2000) {
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (!rows.length) return;
    yield* rows;
    after = rows[rows.length - 1].seq;
  }
}

export async function deleteThrough(db: Q, seq: number) {
  const r = await db.deleteFrom('audit_log').where('seq', '<=', seq).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertAnchor(db: Q, prunedThroughSeq: number, lastHash: string, at: string) {
  await db
    .insertInto('audit_anchors')
    .values({ pruned_through_seq: prunedThroughSeq, last_hash: lastHash, at })
    .execute();
}

export async function lastRowBefore(db: Q, at: string) {
  return db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('at', '<', at)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
