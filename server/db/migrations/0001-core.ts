import { type Kysely, sql } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// Frozen: never edit after it lands; add a new migration instead.
// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design (ARCHITECTURE.md)
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('grid_nodes'))
    .addColumn('parent_id', 'integer', (c) => c.references('grid_nodes.id'))
    .addColumn('level', 'varchar(16)', (c) => c.notNull())
    .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('path', 'varchar(400)', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('subjects', 'varchar(200)', (c) => c.notNull())
    .addColumn('party_org_type', 'varchar(32)')
    .addColumn('party_org_name', 'varchar(100)')
    .addColumn('party_secretary', 'varchar(50)')
    .addColumn('boundary', 'text')
    .addColumn('retired_at', 'varchar(32)')
    .addColumn('retired_reason', 'varchar(500)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grid_nodes_parent_idx').on('grid_nodes').column('parent_id').execute();
  await db.schema.createIndex('grid_nodes_path_idx').on('grid_nodes').column('path').execute();
  await db.schema.createIndex('grid_nodes_name_idx').on('grid_nodes').column('name').execute();

  await idColumn(db, db.schema.createTable('users'))
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_bidx', 'varchar(64)')
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_bidx', 'varchar(64)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active'))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('totp_secret_enc', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locale', 'varchar(8)', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_login_at', 'varchar(32)')
    .addColumn('password_changed_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_phone_bidx').on('users').column('phone_bidx').execute();
  await db.schema.createIndex('users_id_number_bidx').on('users').column('id_number_bidx').execute();

  await idColumn(db, db.schema.createTable('role_assignments'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('node_id', 'integer', (c) => c.notNull().references('grid_nodes.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('role_assignments_unique', ['user_id', 'role', 'node_id'])
    .execute();
  await db.schema.createIndex('role_assignments_node_idx').on('role_assignments').column('node_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(300)')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await idColumn(db, db.schema.createTable('grid_staff'))
    .addColumn('node_id', 'integer', (c) => c.notNull().references('grid_nodes.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('post', 'varchar(32)', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_bidx', 'varchar(64)')
    .addColumn('since', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grid_staff_node_idx').on('grid_staff').column('node_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'varchar(100)')
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('entity_type', 'varchar(64)')
    .addColumn('entity_id', 'varchar(64)')
    .addColumn('node_id', 'integer')
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('ip', 'varchar(64)')
    .addColumn('request_id', 'varchar(64)')
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['entity_type', 'entity_id'])
    .execute();

  await idColumn(db, db.schema.createTable('audit_anchors'))
    .addColumn('pruned_through_seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  void sql;
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'settings',
    'audit_anchors',
    'audit_log',
    'grid_staff',
    'sessions',
    'role_assignments',
    'users',
    'grid_nodes',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
