import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// Frozen: never edit after it lands; add a new migration instead.
// Open311 GeoReport v2 (issue 4 item 10, docs/open311.md): api keys issued by administrators (only an HMAC of the
// key is stored), what each request submitted over Open311 carried beyond the case itself (token, media_url,
// attribute answers, the submitter's ids), and the attributes of service definitions.
// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design (ARCHITECTURE.md)
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('open311_keys'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    // HMAC-SHA256 blind index of the key (server/lib/field-crypto.ts); the key itself is shown once at creation.
    .addColumn('key_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'varchar(16)', (c) => c.notNull())
    // The jurisdiction node where this client's requests land.
    .addColumn('node_id', 'integer', (c) => c.notNull().references('grid_nodes.id'))
    // realtime: POST answers service_request_id; batch: POST answers a token (GET tokens/:token resolves it).
    .addColumn('mode', 'varchar(16)', (c) => c.notNull().defaultTo('realtime'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(32)')
    .execute();

  await db.schema
    .createTable('open311_requests')
    .addColumn('case_id', 'integer', (c) => c.primaryKey().references('cases.id'))
    .addColumn('case_number', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('token', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('key_id', 'integer', (c) => c.notNull().references('open311_keys.id'))
    .addColumn('service_code', 'varchar(16)', (c) => c.notNull())
    // = the case's created_at (requested_datetime), copied so date-range lists need no join.
    .addColumn('requested_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('address_id', 'varchar(100)')
    .addColumn('media_url', 'varchar(1000)')
    .addColumn('email_enc', 'text')
    .addColumn('device_id', 'varchar(100)')
    .addColumn('account_id', 'varchar(100)')
    // JSON Record<code, string | string[]>.
    .addColumn('attributes', 'text')
    .execute();
  // GET requests: a date range, newest first, optionally per service code.
  await db.schema
    .createIndex('open311_requests_requested_idx')
    .on('open311_requests')
    .columns(['requested_at', 'case_id'])
    .execute();
  await db.schema
    .createIndex('open311_requests_service_idx')
    .on('open311_requests')
    .columns(['service_code', 'requested_at', 'case_id'])
    .execute();

  await idColumn(db, db.schema.createTable('open311_attributes'))
    .addColumn('service_code', 'varchar(16)', (c) => c.notNull())
    .addColumn('code', 'varchar(50)', (c) => c.notNull())
    .addColumn('variable', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('datatype', 'varchar(16)', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('datatype_description', 'varchar(200)')
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('description', 'varchar(500)')
    // JSON Array<{key, name}>.
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('open311_attributes_code_unique', ['service_code', 'code'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['open311_attributes', 'open311_requests', 'open311_keys']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
