import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// Frozen: never edit after it lands; add a new migration instead.
// The case loop (issue 4, docs/domain/cases.md): categories, units and the nodes they serve, the working-day
// calendar, the yearly number counter, cases with their assignments, timeline, files, meetings, extensions,
// followers and ratings. Every list query has an index serving its filter and its order (docs/case-queries.md).
// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design (ARCHITECTURE.md)
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('case_categories'))
    .addColumn('parent_id', 'integer', (c) => c.references('case_categories.id'))
    .addColumn('code', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('name_zh', 'varchar(50)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(100)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON {normal|urgent|emergency: {amount, unit}} (common/case-deadlines.ts TimeLimit).
    .addColumn('response_limits', 'text', (c) => c.notNull())
    .addColumn('handling_limits', 'text', (c) => c.notNull())
    .addColumn('default_unit_code', 'varchar(16)')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_categories_parent_idx')
    .on('case_categories')
    .column('parent_id')
    .execute();

  await idColumn(db, db.schema.createTable('units'))
    .addColumn('code', 'varchar(16)', (c) => c.notNull().unique())
    .addColumn('name_zh', 'varchar(100)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('phone', 'varchar(32)')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('unit_nodes')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('node_id', 'integer', (c) => c.notNull().references('grid_nodes.id'))
    .addPrimaryKeyConstraint('unit_nodes_pk', ['unit_id', 'node_id'])
    .execute();
  await db.schema.createIndex('unit_nodes_node_idx').on('unit_nodes').column('node_id').execute();

  await db.schema
    .createTable('unit_members')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_members_pk', ['unit_id', 'user_id'])
    .execute();
  await db.schema.createIndex('unit_members_user_idx').on('unit_members').column('user_id').execute();

  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('cases'))
    .addColumn('number', 'varchar(20)', (c) => c.notNull().unique())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('case_categories.id'))
    .addColumn('source', 'varchar(24)', (c) => c.notNull())
    .addColumn('urgency', 'varchar(16)', (c) => c.notNull())
    .addColumn('state', 'varchar(24)', (c) => c.notNull())
    .addColumn('node_id', 'integer', (c) => c.notNull().references('grid_nodes.id'))
    .addColumn('household_id', 'integer', (c) => c.references('households.id'))
    .addColumn('building_id', 'integer', (c) => c.references('buildings.id'))
    .addColumn('address', 'varchar(200)')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('reporter_kind', 'varchar(16)')
    .addColumn('reporter_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('reporter_resident_id', 'integer', (c) => c.references('residents.id'))
    .addColumn('reporter_name', 'varchar(100)')
    .addColumn('reporter_phone_enc', 'text')
    .addColumn('reporter_phone_bidx', 'varchar(64)')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('visit_id', 'integer', (c) => c.references('visits.id'))
    .addColumn('external_id', 'varchar(64)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('response_due_at', 'varchar(32)')
    .addColumn('handling_due_at', 'varchar(32)')
    // Start of the running clock (creation; a reopen restarts it) and the instant its deadline turns yellow
    // (75 % used, common/case-deadlines.ts warningLevel); warn_at is null once no clock runs.
    .addColumn('clock_start_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('warn_at', 'varchar(32)')
    .addColumn('supervised', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('head_review', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('self_handled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('master_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('lead_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('reject_reason', 'varchar(500)')
    .addColumn('result', 'text')
    .addColumn('closed_by', 'varchar(16)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('accepted_at', 'varchar(32)')
    .addColumn('contacted_at', 'varchar(32)')
    .addColumn('dispatched_at', 'varchar(32)')
    .addColumn('handled_at', 'varchar(32)')
    .addColumn('feedback_at', 'varchar(32)')
    .addColumn('closed_at', 'varchar(32)')
    .execute();
  // Scope lists (inbox, all, board): node subtree + state, in due order.
  await db.schema
    .createIndex('cases_node_state_due_idx')
    .on('cases')
    .columns(['node_id', 'state', 'handling_due_at', 'id'])
    .execute();
  // A city-wide scope: state in due order without a node filter; the auto-close sweep (awaiting_rating by feedback).
  await db.schema
    .createIndex('cases_state_due_idx')
    .on('cases')
    .columns(['state', 'handling_due_at', 'id'])
    .execute();
  await db.schema
    .createIndex('cases_state_feedback_idx')
    .on('cases')
    .columns(['state', 'feedback_at'])
    .execute();
  // "all" sorted by creation; duplicates by text (recent cases of a scope).
  await db.schema
    .createIndex('cases_node_created_idx')
    .on('cases')
    .columns(['node_id', 'created_at', 'id'])
    .execute();
  // Overdue list: yellow or red, i.e. warn_at passed.
  await db.schema.createIndex('cases_node_warn_idx').on('cases').columns(['node_id', 'warn_at']).execute();
  await db.schema.createIndex('cases_warn_idx').on('cases').columns(['warn_at']).execute();
  // Duplicates at intake: same household / building and category within 30 days.
  await db.schema
    .createIndex('cases_household_idx')
    .on('cases')
    .columns(['household_id', 'category_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('cases_building_idx')
    .on('cases')
    .columns(['building_id', 'category_id', 'created_at'])
    .execute();
  await db.schema.createIndex('cases_reporter_user_idx').on('cases').column('reporter_user_id').execute();
  await db.schema
    .createIndex('cases_reporter_resident_idx')
    .on('cases')
    .column('reporter_resident_id')
    .execute();
  await db.schema.createIndex('cases_reporter_phone_idx').on('cases').column('reporter_phone_bidx').execute();
  await db.schema.createIndex('cases_master_idx').on('cases').column('master_id').execute();
  await db.schema.createIndex('cases_visit_idx').on('cases').column('visit_id').execute();
  // 12345 工单号 and other channels' ids are unique per source (NULLs never collide on either engine).
  await db.schema
    .createIndex('cases_external_unique')
    .on('cases')
    .columns(['source', 'external_id'])
    .unique()
    .execute();

  await idColumn(db, db.schema.createTable('case_assignments'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'varchar(8)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('due_at', 'varchar(32)')
    .addColumn('signed_at', 'varchar(32)')
    .addColumn('reply', 'text')
    .addColumn('replied_at', 'varchar(32)')
    .addColumn('return_reason', 'varchar(500)')
    .addColumn('returned_at', 'varchar(32)')
    .addColumn('done_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_assignments_case_idx').on('case_assignments').column('case_id').execute();
  // A unit's inbox: its live assignments, earliest due first.
  await db.schema
    .createIndex('case_assignments_unit_idx')
    .on('case_assignments')
    .columns(['unit_id', 'status', 'due_at', 'case_id'])
    .execute();

  await idColumn(db, db.schema.createTable('case_events'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('actor_role', 'varchar(32)')
    .addColumn('action', 'varchar(24)', (c) => c.notNull())
    .addColumn('from_state', 'varchar(24)')
    .addColumn('to_state', 'varchar(24)')
    .addColumn('note', 'text')
    .addColumn('visibility', 'varchar(16)', (c) => c.notNull())
    .addColumn('file_ids', 'text')
    .addColumn('data', 'text')
    .execute();
  await db.schema.createIndex('case_events_case_idx').on('case_events').columns(['case_id', 'id']).execute();

  await idColumn(db, db.schema.createTable('case_files'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('event_id', 'integer', (c) => c.references('case_events.id'))
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_files_case_idx').on('case_files').column('case_id').execute();

  await idColumn(db, db.schema.createTable('case_meetings'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('event_id', 'integer', (c) => c.references('case_events.id'))
    .addColumn('held_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('place', 'varchar(200)')
    .addColumn('attendees', 'text', (c) => c.notNull())
    .addColumn('decisions', 'text', (c) => c.notNull())
    .addColumn('action_items', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_meetings_case_idx').on('case_meetings').column('case_id').execute();

  await idColumn(db, db.schema.createTable('case_extensions'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('requested_by', 'integer')
    .addColumn('requested_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'varchar(32)')
    .addColumn('decision_reason', 'varchar(500)')
    .execute();
  await db.schema.createIndex('case_extensions_case_idx').on('case_extensions').column('case_id').execute();

  await idColumn(db, db.schema.createTable('case_followers'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('from_case_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('resident_id', 'integer', (c) => c.references('residents.id'))
    .addColumn('name', 'varchar(100)')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_bidx', 'varchar(64)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_followers_case_idx').on('case_followers').column('case_id').execute();
  await db.schema.createIndex('case_followers_user_idx').on('case_followers').column('user_id').execute();

  await idColumn(db, db.schema.createTable('case_ratings'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('rating', 'varchar(24)', (c) => c.notNull())
    .addColumn('resolved', 'integer', (c) => c.notNull())
    .addColumn('comment', 'varchar(500)')
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('rated_by', 'integer')
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_ratings_case_idx').on('case_ratings').column('case_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'case_ratings',
    'case_followers',
    'case_extensions',
    'case_meetings',
    'case_files',
    'case_events',
    'case_assignments',
    'cases',
    'case_counters',
    'calendar_days',
    'unit_members',
    'unit_nodes',
    'units',
    'case_categories',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
