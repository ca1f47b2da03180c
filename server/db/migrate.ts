import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001-core.js';
import * as m0002 from './migrations/0002-registry.js';
import * as m0003 from './migrations/0003-resident-name-grams.js';
import * as m0004 from './migrations/0004-gridchart-indexes.js';
import * as m0005 from './migrations/0005-lean-resident-indexes.js';
import * as m0006 from './migrations/0006-cases.js';
import * as m0007 from './migrations/0007-open311.js';
import * as m0008 from './migrations/0008-hotline.js';
import * as m0009 from './migrations/0009-notifications-webhooks.js';
import * as m0010 from './migrations/0010-resident-accounts.js';
import * as m0011 from './migrations/0011-case-order-indexes.js';
import * as m0012 from './migrations/0012-case-running-due.js';
import * as m0013 from './migrations/0013-case-staff-task.js';

/** Migrations are bundled statically so the same list runs from source, tests and the CLI. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-core': m0001,
  '0002-registry': m0002,
  '0003-resident-name-grams': m0003,
  '0004-gridchart-indexes': m0004,
  '0005-lean-resident-indexes': m0005,
  '0006-cases': m0006,
  '0007-open311': m0007,
  '0008-hotline': m0008,
  '0009-notifications-webhooks': m0009,
  '0010-resident-accounts': m0010,
  '0011-case-order-indexes': m0011,
  '0012-case-running-due': m0012,
  '0013-case-staff-task': m0013,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return MIGRATIONS;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export function makeMigrator(db: Kysely<any>) {
  return new Migrator({ db, provider: new StaticProvider() });
}

/** Runs pending migrations; throws on the first failure. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await makeMigrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export async function migrationsCurrent(db: Kysely<any>): Promise<boolean> {
  const list = await makeMigrator(db).getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}
