import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// Fewer indexes to maintain on every resident write (issue 3, registry.import.csv), none of them read:
// - residents_name_idx: name search goes through resident_name_grams (0003); nothing sorts or filters residents by
//   the whole name, and a LIKE '%…%' cannot use a B-tree;
// - residents_node_idx: residents_gridchart_idx (0004) starts with node_id and serves the same look-ups;
// - resident_name_grams_resident_idx: a rename deletes the old name's grams by their primary key (gram,
//   resident_id), computed from the old name (registry.repository.ts updateResident); residents are never deleted.
// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design (ARCHITECTURE.md)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('residents_name_idx').execute();
  await db.schema.dropIndex('residents_node_idx').execute();
  await db.schema.dropIndex('resident_name_grams_resident_idx').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('residents_name_idx').on('residents').column('name').execute();
  await db.schema.createIndex('residents_node_idx').on('residents').column('node_id').execute();
  await db.schema
    .createIndex('resident_name_grams_resident_idx')
    .on('resident_name_grams')
    .column('resident_id')
    .execute();
}
