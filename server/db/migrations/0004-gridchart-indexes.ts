import type { Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// Covering indexes for the grid chart (网格图, issue 3): the chart reads every active resident and every
// visit of a community by node, and its data version counts them. With these the database answers from
// the index alone instead of visiting ~40,000 table rows per rebuild (bench/gridchart.ts).
// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design (ARCHITECTURE.md)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('residents_gridchart_idx')
    .on('residents')
    .columns([
      'node_id',
      'status',
      'household_id',
      'living_here',
      'political_status',
      'birth_date',
      'updated_at',
    ])
    .execute();
  await db.schema
    .createIndex('visits_gridchart_idx')
    .on('visits')
    .columns(['node_id', 'household_id', 'visited_at', 'screened', 'dispute_found', 'dispute_resolved_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('visits_gridchart_idx').execute();
  await db.schema.dropIndex('residents_gridchart_idx').execute();
}
