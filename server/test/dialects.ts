import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DbHandle, type DbKind, openPostgres, openSqlite } from '../db/create-db.js';
import { migrateToLatest } from '../db/migrate.js';

/**
 * Which engine this test run uses: the vitest projects `server-sqlite` and `server-pg` set
 * ONEGRID_TEST_DB, so every repository and route suite runs once per engine.
 */
export const TEST_DB_KIND: DbKind = process.env.ONEGRID_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export const PG_ADMIN_URL = process.env.ONEGRID_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb {
  handle: DbHandle;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the run's engine; PostgreSQL gets a database of its own, dropped after. */
export async function createTestDb(kind: DbKind = TEST_DB_KIND): Promise<TestDb> {
  if (kind === 'sqlite') {
    const handle = openSqlite(':memory:');
    await migrateToLatest(handle.db);
    return { handle, drop: () => handle.close() };
  }
  const name = `og_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), 4);
  await migrateToLatest(handle.db);
  return {
    handle,
    drop: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
