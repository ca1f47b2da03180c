import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMigrator } from '../../../db/migrate.js';
import { createTestDb, TEST_DB_KIND, type TestDb } from '../../../test/dialects.js';

describe(`cases migration (${TEST_DB_KIND})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('when migrated, then every case table exists and 0006 goes down and up again cleanly', async () => {
    const tables = (await t.handle.db.introspection.getTables()).map((x) => x.name);
    for (const name of [
      'case_categories',
      'units',
      'unit_nodes',
      'unit_members',
      'calendar_days',
      'case_counters',
      'cases',
      'case_assignments',
      'case_events',
      'case_files',
      'case_meetings',
      'case_extensions',
      'case_followers',
      'case_ratings',
    ])
      expect(tables).toContain(name);
    const m = makeMigrator(t.handle.db);
    const down = await m.migrateDown();
    expect(down.error).toBeUndefined();
    expect((await t.handle.db.introspection.getTables()).map((x) => x.name)).not.toContain('cases');
    const up = await m.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect((await t.handle.db.introspection.getTables()).map((x) => x.name)).toContain('cases');
  });
});
