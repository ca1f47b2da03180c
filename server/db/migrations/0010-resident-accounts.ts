import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// Frozen: never edit after it lands; add a new migration instead.
// Residents' mobile pages (issue 4, item 7; docs/resident-h5.md): resident accounts waiting for or confirmed
// against the registry by community staff, and failed public look-ups (tracking number + phone digits) counted
// per key so guessing is throttled.
// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design (ARCHITECTURE.md)
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('resident_accounts'))
    .addColumn('user_id', 'integer', (c) => c.notNull().unique().references('users.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('phone_bidx', 'varchar(64)', (c) => c.notNull())
    // The community the resident says they live in, and the room as they typed it (e.g. 3号楼2单元501).
    .addColumn('community_id', 'integer', (c) => c.notNull().references('grid_nodes.id'))
    .addColumn('room_text', 'varchar(50)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    // Set on confirmation: the registry resident and household the account was matched to.
    .addColumn('resident_id', 'integer', (c) => c.references('residents.id'))
    .addColumn('household_id', 'integer', (c) => c.references('households.id'))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'varchar(32)')
    .addColumn('reject_reason', 'varchar(200)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  // Staff list: a community's pending accounts, oldest first.
  await db.schema
    .createIndex('resident_accounts_community_idx')
    .on('resident_accounts')
    .columns(['community_id', 'status', 'id'])
    .execute();
  // Phone login and the one-live-account-per-phone rule.
  await db.schema
    .createIndex('resident_accounts_phone_idx')
    .on('resident_accounts')
    .columns(['phone_bidx', 'status'])
    .execute();

  await idColumn(db, db.schema.createTable('public_access_failures'))
    .addColumn('scope', 'varchar(16)', (c) => c.notNull())
    .addColumn('key', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('public_access_failures_key_idx')
    .on('public_access_failures')
    .columns(['scope', 'key', 'at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_access_failures').ifExists().execute();
  await db.schema.dropTable('resident_accounts').ifExists().execute();
}
