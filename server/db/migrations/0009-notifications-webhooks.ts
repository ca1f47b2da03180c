import { type Kysely, sql } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// Frozen: never edit after it lands; add a new migration instead.
// In-app notifications and outgoing webhooks of the case loop (issue 4 item 11, docs/notifications-webhooks.md).
// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design (ARCHITECTURE.md)
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('notifications'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('case_number', 'varchar(20)')
    .addColumn('case_title', 'varchar(100)')
    .addColumn('actor_name', 'varchar(100)')
    // JSON: what the line shows beyond the kind (reason, rating, level, due time …).
    .addColumn('data', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(32)')
    .execute();
  // The centre: read ones newest first; the unread ones (listed first, counted on every page) have their own
  // partial index, so the badge count and the first page never touch read rows.
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'id'])
    .execute();
  await db.schema
    .createIndex('notifications_unread_idx')
    .on('notifications')
    .columns(['user_id', 'id'])
    .where(sql.ref('read_at'), 'is', null)
    .execute();

  // Deadline alerts already sent: one row per (case, level, deadline); an approved extension moves the
  // deadline and so re-arms both levels.
  await db.schema
    .createTable('case_deadline_alerts')
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('level', 'varchar(8)', (c) => c.notNull())
    .addColumn('due_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_deadline_alerts_pk', ['case_id', 'level', 'due_at'])
    .execute();

  await idColumn(db, db.schema.createTable('webhook_endpoints'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('url', 'varchar(2000)', (c) => c.notNull())
    // AES-256-GCM like residents' phones: the server needs the plain secret to sign.
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    // JSON string[] of event types (case.created, case.dispatch …).
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  // The outbox: written in the transaction of the case event, sent by the worker after commit.
  await idColumn(db, db.schema.createTable('webhook_deliveries'))
    .addColumn('uid', 'varchar(36)', (c) => c.notNull().unique())
    .addColumn('endpoint_id', 'integer', (c) =>
      c.notNull().references('webhook_endpoints.id').onDelete('cascade'),
    )
    .addColumn('event_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('event_type', 'varchar(40)', (c) => c.notNull())
    .addColumn('case_id', 'integer')
    // The exact body sent on every attempt (signed afresh with each attempt's timestamp).
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(32)')
    .addColumn('last_attempt_at', 'varchar(32)')
    .addColumn('response_status', 'integer')
    .addColumn('last_error', 'varchar(500)')
    .addColumn('delivered_at', 'varchar(32)')
    .addColumn('redelivery_of', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  // The worker: pending rows whose time has come, oldest first.
  await db.schema
    .createIndex('webhook_deliveries_due_idx')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  // The delivery log of one endpoint, newest first (optionally by status).
  await db.schema
    .createIndex('webhook_deliveries_endpoint_idx')
    .on('webhook_deliveries')
    .columns(['endpoint_id', 'id'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_endpoint_status_idx')
    .on('webhook_deliveries')
    .columns(['endpoint_id', 'status', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['webhook_deliveries', 'webhook_endpoints', 'case_deadline_alerts', 'notifications']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
