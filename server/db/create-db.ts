import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
export type DbKind = 'sqlite' | 'postgres';

// COUNT(*) and BIGINT come back from pg as strings; our counts always fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** Raw SQLite handle, for online backup. */
  sqlite?: Database.Database;
  close(): Promise<void>;
}

/** Opens SQLite with WAL, foreign keys and a busy timeout. */
export function openSqlite(file: string): DbHandle {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // 64 MiB of page cache (SQLite's default is 2 MiB): the registry's indexes of a large city stay in memory.
  sqlite.pragma('cache_size = -65536');
  // Materialised-path scopes are `path LIKE '/1/5/%'` everywhere; with a case-sensitive LIKE (paths are digits and
  // slashes) SQLite answers them from the path index instead of scanning every node. Text search does not rely on
  // LIKE's case folding: it lower-cases both sides (sql-helpers.ts containsText).
  sqlite.pragma('case_sensitive_like = ON');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, kind: 'sqlite', sqlite, close: () => db.destroy() };
}

/** Prepared statements kept per connection (by SQL text); beyond this many the oldest is dropped. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely sees it, with its prepared statements reused: Kysely prepares every query afresh, and
 * preparing costs as much as running a small indexed query (bench/cases.ts). A statement still busy (an iterator
 * not yet drained) is never handed out twice: such a call gets a fresh one.
 */
export function withStatementCache(sqlite: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        // refresh its place in the insertion order (least recently used goes first)
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = sqlite.prepare(text);
      if (!hit) {
        cache.set(text, stmt);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      return stmt;
    },
  };
}

/** Opens a PostgreSQL pool. */
export function openPostgres(connectionString: string, max = 10): DbHandle {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client killed by the server (restart, failover, dropped test database) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

export function openDb(cfg: { dbKind: DbKind; databaseUrl: string | null; sqlitePath: string }): DbHandle {
  return cfg.dbKind === 'postgres' ? openPostgres(cfg.databaseUrl!) : openSqlite(cfg.sqlitePath);
}
