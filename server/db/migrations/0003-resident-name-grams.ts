import { type Kysely, sql } from 'kysely';
import { nameGrams } from '../../../common/registry.js';
import { isPostgres } from '../migration-helpers.js';

// Frozen: never edit after it lands; add a new migration instead.
// Name-fragment search (issue 3, registry.search.p95): every character and every pair of adjacent characters of
// each resident's lower-cased name, so a 1–2 character fragment is one index lookup and a longer one starts from
// its rarest pair. Trigram indexes (FTS5 trigram, pg_trgm) cannot serve Chinese fragments of one or two characters.
// The backfill uses common/registry.ts nameGrams, the same helper every write path uses; should it ever change, a
// later migration rebuilds the table.
// biome-ignore lint/suspicious/noExplicitAny: migrations are untyped by design (ARCHITECTURE.md)
export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema
    .createTable('resident_name_grams')
    .addColumn('gram', 'varchar(8)', (c) => c.notNull())
    .addColumn('resident_id', 'integer', (c) => c.notNull().references('residents.id'))
    .addPrimaryKeyConstraint('resident_name_grams_pk', ['gram', 'resident_id']);
  // SQLite: the primary key is the table (no rowid copy), halving its size and insert cost.
  if (!isPostgres(db)) table = table.modifyEnd(sql`without rowid`);
  await table.execute();
  // Renames replace a resident's grams by resident id.
  await db.schema
    .createIndex('resident_name_grams_resident_idx')
    .on('resident_name_grams')
    .column('resident_id')
    .execute();

  // Backfill in id order, a page at a time.
  let after = 0;
  for (;;) {
    const page: Array<{ id: number; name: string }> = await db
      .selectFrom('residents')
      .select(['id', 'name'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (!page.length) break;
    const rows = page.flatMap((r) => nameGrams(r.name).map((gram) => ({ gram, resident_id: r.id })));
    for (let i = 0; i < rows.length; i += 2000)
      await db
        .insertInto('resident_name_grams')
        .values(rows.slice(i, i + 2000))
        .execute();
    after = page[page.length - 1].id;
  }
  // Name search plans by the gram statistics on PostgreSQL (see registry.repository.ts listResidentsByName).
  if (isPostgres(db)) await sql`analyze resident_name_grams`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resident_name_grams').execute();
}
