import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KIND, type TestDb } from '../../../test/dialects.js';

describe(`cases migration (${TEST_DB_KIND})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('when migrated, then every case table exists with its indexes', async () => {
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
  });
});
