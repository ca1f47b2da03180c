import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// Frozen: never edit after it lands; add a new migration instead.
// People and places (人房), tags, visits and screening (issue 3).
// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design (ARCHITECTURE.md)
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('buildings'))
    .addColumn('node_id', 'integer', (c) => c.notNull().references('grid_nodes.id'))
    .addColumn('number', 'varchar(20)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)')
    .addColumn('address', 'varchar(200)')
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('floors', 'integer', (c) => c.notNull())
    .addColumn('rooms_per_floor', 'integer', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('retired_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('buildings_node_idx').on('buildings').column('node_id').execute();

  await idColumn(db, db.schema.createTable('households'))
    .addColumn('building_id', 'integer', (c) => c.notNull().references('buildings.id'))
    .addColumn('node_id', 'integer', (c) => c.notNull().references('grid_nodes.id'))
    .addColumn('unit_no', 'integer', (c) => c.notNull())
    .addColumn('floor', 'integer', (c) => c.notNull())
    .addColumn('room_no', 'integer', (c) => c.notNull())
    .addColumn('room_label', 'varchar(32)', (c) => c.notNull())
    .addColumn('use', 'varchar(16)', (c) => c.notNull())
    .addColumn('householder_id', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('households_room_unique', ['building_id', 'unit_no', 'floor', 'room_no'])
    .execute();
  await db.schema.createIndex('households_node_idx').on('households').column('node_id').execute();
  await db.schema.createIndex('households_label_idx').on('households').column('room_label').execute();

  await idColumn(db, db.schema.createTable('residents'))
    .addColumn('household_id', 'integer', (c) => c.references('households.id'))
    .addColumn('node_id', 'integer', (c) => c.references('grid_nodes.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_bidx', 'varchar(64)')
    .addColumn('birth_date', 'varchar(10)')
    .addColumn('sex', 'varchar(8)')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_bidx', 'varchar(64)')
    .addColumn('relation', 'varchar(16)', (c) => c.notNull())
    .addColumn('registered_here', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('living_here', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('political_status', 'varchar(24)', (c) => c.notNull().defaultTo('masses'))
    .addColumn('ethnicity', 'varchar(20)')
    .addColumn('education', 'varchar(20)')
    .addColumn('marital_status', 'varchar(20)')
    .addColumn('occupation', 'varchar(100)')
    .addColumn('employer', 'varchar(100)')
    .addColumn('notes', 'varchar(500)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active'))
    .addColumn('moved_in_at', 'varchar(10)')
    .addColumn('moved_out_at', 'varchar(10)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('residents_household_idx').on('residents').column('household_id').execute();
  await db.schema.createIndex('residents_node_idx').on('residents').column('node_id').execute();
  await db.schema.createIndex('residents_name_idx').on('residents').column('name').execute();
  await db.schema.createIndex('residents_id_bidx').on('residents').column('id_number_bidx').execute();
  await db.schema.createIndex('residents_phone_bidx').on('residents').column('phone_bidx').execute();

  await idColumn(db, db.schema.createTable('resident_events'))
    .addColumn('resident_id', 'integer', (c) => c.notNull().references('residents.id'))
    .addColumn('household_id', 'integer')
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('on_date', 'varchar(10)')
    .addColumn('details', 'text')
    .addColumn('actor_id', 'integer')
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('resident_events_resident_idx')
    .on('resident_events')
    .column('resident_id')
    .execute();

  await idColumn(db, db.schema.createTable('organisations'))
    .addColumn('node_id', 'integer', (c) => c.notNull().references('grid_nodes.id'))
    .addColumn('building_id', 'integer', (c) => c.references('buildings.id'))
    .addColumn('household_id', 'integer', (c) => c.references('households.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('credit_code', 'varchar(18)')
    .addColumn('contact_name', 'varchar(100)')
    .addColumn('contact_phone_enc', 'text')
    .addColumn('contact_phone_bidx', 'varchar(64)')
    .addColumn('address', 'varchar(200)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organisations_node_idx').on('organisations').column('node_id').execute();

  await idColumn(db, db.schema.createTable('tags'))
    .addColumn('code', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('name_zh', 'varchar(50)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(80)', (c) => c.notNull())
    .addColumn('symbol', 'varchar(8)', (c) => c.notNull())
    .addColumn('color', 'varchar(16)', (c) => c.notNull())
    .addColumn('applies_to', 'varchar(16)', (c) => c.notNull())
    .addColumn('sensitivity', 'varchar(16)', (c) => c.notNull())
    .addColumn('visible_roles', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('derived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('risk_levels', 'varchar(200)')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('tag_assignments'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id'))
    .addColumn('household_id', 'integer', (c) => c.references('households.id'))
    .addColumn('resident_id', 'integer', (c) => c.references('residents.id'))
    .addColumn('risk_level', 'varchar(20)')
    .addColumn('note', 'varchar(300)')
    .addColumn('since', 'varchar(10)')
    .addColumn('actor_id', 'integer')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tag_assignments_household_idx')
    .on('tag_assignments')
    .column('household_id')
    .execute();
  await db.schema
    .createIndex('tag_assignments_resident_idx')
    .on('tag_assignments')
    .column('resident_id')
    .execute();
  await db.schema.createIndex('tag_assignments_tag_idx').on('tag_assignments').column('tag_id').execute();

  await idColumn(db, db.schema.createTable('visit_plans'))
    .addColumn('node_id', 'integer', (c) => c.notNull().references('grid_nodes.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('tag_code', 'varchar(40)')
    .addColumn('risk_levels', 'varchar(200)')
    .addColumn('every_days', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('visits'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id'))
    .addColumn('node_id', 'integer', (c) => c.notNull().references('grid_nodes.id'))
    .addColumn('resident_id', 'integer', (c) => c.references('residents.id'))
    .addColumn('plan_id', 'integer', (c) => c.references('visit_plans.id'))
    .addColumn('visitor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('visitor_name', 'varchar(100)')
    .addColumn('visited_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('method', 'varchar(16)', (c) => c.notNull())
    .addColumn('findings', 'text')
    .addColumn('screened', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('dispute_found', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dispute_resolved_at', 'varchar(32)')
    .addColumn('follow_up', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('visits_household_idx')
    .on('visits')
    .columns(['household_id', 'visited_at'])
    .execute();
  await db.schema.createIndex('visits_node_idx').on('visits').columns(['node_id', 'visited_at']).execute();

  await idColumn(db, db.schema.createTable('visit_photos'))
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id'))
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('mime', 'varchar(64)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'visit_photos',
    'visits',
    'visit_plans',
    'tag_assignments',
    'tags',
    'organisations',
    'resident_events',
    'residents',
    'households',
    'buildings',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
