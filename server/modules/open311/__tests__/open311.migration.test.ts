import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m0007 from '../../../db/migrations/0007-open311.js';
import { createTestDb, TEST_DB_KIND, type TestDb } from '../../../test/dialects.js';

describe(`open311 migration (${TEST_DB_KIND})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('when migrated, then the three Open311 tables exist, and 0007 goes down and up again cleanly', async () => {
    const tables = async () => (await t.handle.db.introspection.getTables()).map((x) => x.name);
    for (const name of ['open311_keys', 'open311_requests', 'open311_attributes'])
      expect(await tables()).toContain(name);
    await m0007.down(t.handle.db);
    expect((await tables()).filter((n) => n.startsWith('open311_'))).toEqual([]);
    await m0007.up(t.handle.db);
    expect((await tables()).filter((n) => n.startsWith('open311_')).sort()).toEqual([
      'open311_attributes',
      'open311_keys',
      'open311_requests',
    ]);
  });
});
