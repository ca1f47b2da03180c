import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// Frozen: never edit after it lands; add a new migration instead.
// 12345 hotline exchange (issue 4 item 9, docs/hotline-12345.md): one row per imported work order (工单号), the case
// it became, and keyed hashes of the hotline's own fields, so a re-import skips what is already there and names
// the columns of a changed order without keeping a second copy of the caller's data.
// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design (ARCHITECTURE.md)
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('hotline_orders'))
    .addColumn('external_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('case_number', 'varchar(20)', (c) => c.notNull())
    .addColumn('node_id', 'integer', (c) => c.notNull().references('grid_nodes.id'))
    .addColumn('called_at', 'varchar(32)', (c) => c.notNull())
    // JSON: field → HMAC of its value (never the value)
    .addColumn('digests', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('imported_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('hotline_orders_external_unique', ['external_id'])
    .addUniqueConstraint('hotline_orders_case_unique', ['case_id'])
    .execute();
  // the export: orders of a period, by call time
  await db.schema
    .createIndex('hotline_orders_called_idx')
    .on('hotline_orders')
    .columns(['called_at', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('hotline_orders').execute();
}
