import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// Case lists without a state filter ("all", newest first or by deadline) over a large scope: the planner may walk
// the order's index and keep the rows of the scope until the page is full, instead of reading every case of the
// scope and sorting them (docs/case-queries.md). Small scopes keep using the (node_id, …) indexes of 0006.
// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design (ARCHITECTURE.md)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_created_idx').on('cases').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('cases_due_idx').on('cases').columns(['handling_due_at', 'id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_due_idx').execute();
  await db.schema.dropIndex('cases_created_idx').execute();
}
