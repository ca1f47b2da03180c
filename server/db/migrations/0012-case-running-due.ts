import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

// Frozen: never edit after it lands; add a new migration instead.
// `due_at`: the running deadline of a case (the response deadline while it runs and is earlier, else the handling
// deadline), maintained by the cases service on every transition. "Overdue first" and `overdue=1` order and filter
// by it, so a 待受理 case whose response deadline passed comes first (docs/domain/cases.md, Clocks).
// PostgreSQL: `grid_nodes (path varchar_pattern_ops)` lets `path LIKE 'prefix%'` use an index under any collation
// (SQLite uses its path index already: create-db.ts sets case_sensitive_like).
// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design (ARCHITECTURE.md)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('due_at', 'varchar(32)').execute();
  await sql`update cases set due_at = case
      when response_due_at is not null
        and (state = 'collected' or (state = 'accepted' and reporter_kind is not null and contacted_at is null))
        and (handling_due_at is null or response_due_at < handling_due_at)
      then response_due_at else handling_due_at end`.execute(db);
  await db.schema
    .createIndex('cases_node_state_run_due_idx')
    .on('cases')
    .columns(['node_id', 'state', 'due_at', 'id'])
    .execute();
  await db.schema
    .createIndex('cases_state_run_due_idx')
    .on('cases')
    .columns(['state', 'due_at', 'id'])
    .execute();
  await db.schema.createIndex('cases_run_due_idx').on('cases').columns(['due_at', 'id']).execute();
  if (isPostgres(db))
    await sql`create index grid_nodes_path_pattern_idx on grid_nodes (path varchar_pattern_ops)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await db.schema.dropIndex('grid_nodes_path_pattern_idx').execute();
  await db.schema.dropIndex('cases_run_due_idx').execute();
  await db.schema.dropIndex('cases_state_run_due_idx').execute();
  await db.schema.dropIndex('cases_node_state_run_due_idx').execute();
  await db.schema.alterTable('cases').dropColumn('due_at').execute();
}
