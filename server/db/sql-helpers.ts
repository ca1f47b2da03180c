import { type RawBuilder, sql } from 'kysely';

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (m) => `\\${m}`);

/**
 * Case-insensitive "column contains text", the same on SQLite and PostgreSQL: wildcards typed by the user are
 * escaped with an explicit ESCAPE clause (SQLite has no default escape character).
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${`%${escapeLike(text.toLowerCase())}%`} escape '\\'`;
}

/** "column starts with prefix", for materialised paths and action prefixes. */
export function startsWith(column: string, prefix: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`${escapeLike(prefix)}%`} escape '\\'`;
}
