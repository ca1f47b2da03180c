import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// `staff_task` (0/1): the case waits for the community side — collected, accepted or handled; with a unit
// (dispatched, in_progress) only when self-handled or an extension waits for approval. Maintained by the cases
// service on every write, so the staff inbox and its count are one index range per node of the scope
// (docs/case-queries.md) instead of probing every case with a unit for a pending extension.
// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design (ARCHITECTURE.md)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cases')
    .addColumn('staff_task', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update cases set staff_task = case
      when state in ('collected', 'accepted', 'handled') then 1
      when state in ('dispatched', 'in_progress') and (self_handled = 1 or exists (
        select 1 from case_extensions x where x.case_id = cases.id and x.state = 'pending')) then 1
      else 0 end`.execute(db);
  await db.schema
    .createIndex('cases_node_staff_due_idx')
    .on('cases')
    .columns(['node_id', 'staff_task', 'due_at', 'id'])
    .execute();
  await db.schema
    .createIndex('cases_staff_due_idx')
    .on('cases')
    .columns(['staff_task', 'due_at', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_staff_due_idx').execute();
  await db.schema.dropIndex('cases_node_staff_due_idx').execute();
  await db.schema.alterTable('cases').dropColumn('staff_task').execute();
}
