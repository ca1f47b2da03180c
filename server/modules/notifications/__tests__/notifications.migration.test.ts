import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMigrator } from '../../../db/migrate.js';
import { createTestDb, TEST_DB_KIND, type TestDb } from '../../../test/dialects.js';

const TABLES = ['notifications', 'case_deadline_alerts', 'webhook_endpoints', 'webhook_deliveries'];

describe(`notifications and webhooks migration (${TEST_DB_KIND})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  const tableNames = async () => (await t.handle.db.introspection.getTables()).map((x) => x.name);

  it('when migrated, then the four tables exist, and 0009 goes down and up again cleanly', async () => {
    for (const name of TABLES) expect(await tableNames()).toContain(name);
    const m = makeMigrator(t.handle.db);
    const down = await m.migrateTo('0006-cases');
    expect(down.error).toBeUndefined();
    for (const name of TABLES) expect(await tableNames()).not.toContain(name);
    expect(await tableNames()).toContain('cases');
    const up = await m.migrateToLatest();
    expect(up.error).toBeUndefined();
    for (const name of TABLES) expect(await tableNames()).toContain(name);
  });
});
