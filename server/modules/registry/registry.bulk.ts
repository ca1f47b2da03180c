import type Database from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { parseIdNumber } from '../../../common/id-number.js';
import { parseMobile } from '../../../common/phone.js';
import {
  BUILDING_TYPES,
  HOUSEHOLD_USES,
  nameGrams,
  POLITICAL_STATUSES,
  RELATIONS,
  roomLabel,
} from '../../../common/registry.js';
import type { Deps } from '../../context.js';
import type { DbKind, Tx } from '../../db/create-db.js';
import { AppError, type FieldProblem } from '../../errors.js';
import type { FieldCrypto } from '../../lib/field-crypto.js';
import { type AuditContext, appendAudit } from '../audit/audit.service.js';

// Bulk writes of people and places for imports (docs/api-registry.md "Import / export"): validated rows go in as
// prepared multi-row INSERTs, chunked under each engine's bound-parameter limit, all inside ONE transaction that
// also carries ONE summary audit row (counts only, never values). ID numbers and phones are encrypted with a blind
// index for exact search, and birth date and sex come from the ID number, exactly as single writes do.

/** SQLITE_MAX_VARIABLE_NUMBER since SQLite 3.32. */
export const SQLITE_MAX_PARAMS = 32_766;
/** PostgreSQL's wire protocol counts parameters in an Int16. */
export const PG_MAX_PARAMS = 65_535;

export function rowsPerStatement(kind: DbKind, columns: number): number {
  return Math.floor((kind === 'sqlite' ? SQLITE_MAX_PARAMS : PG_MAX_PARAMS) / columns);
}

type Param = string | number | null;

/** Residents in one import from which PostgreSQL's planner statistics are refreshed at the end. */
const ANALYZE_AFTER_ROWS = 10_000;

const sqlCache = new Map<string, string>();

function insertSql(kind: DbKind, table: string, columns: readonly string[], rows: number, returning: string) {
  const key = `${kind}|${table}|${rows}|${returning}`;
  let text = sqlCache.get(key);
  if (text) return text;
  const width = columns.length;
  const tuples: string[] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const ph: string[] = new Array(width);
    for (let c = 0; c < width; c++) ph[c] = kind === 'sqlite' ? '?' : `$${r * width + c + 1}`;
    tuples[r] = `(${ph.join(',')})`;
  }
  text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values ${tuples.join(',')}${
    returning ? ` returning ${returning}` : ''
  }`;
  if (sqlCache.size > 200) sqlCache.clear();
  sqlCache.set(key, text);
  return text;
}

/** The raw SQLite connection of an open bulk transaction: its INSERTs are prepared once and reused across chunks. */
const rawSqlite = new WeakMap<Tx, Database.Database>();
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function statement(db: Database.Database, text: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let stmt = cache.get(text);
  if (!stmt) {
    if (cache.size >= 16) cache.clear();
    stmt = db.prepare(text);
    cache.set(text, stmt);
  }
  return stmt;
}

/** Inserts rows (arrays in `columns` order) in as few statements as the engine allows. */
async function insertMany<R = never>(
  tx: Tx,
  kind: DbKind,
  table: string,
  columns: readonly string[],
  rows: readonly Param[][],
  returning = '',
): Promise<R[]> {
  const per = rowsPerStatement(kind, columns.length);
  const out: R[] = [];
  for (let start = 0; start < rows.length; start += per) {
    const slice = rows.slice(start, start + per);
    const params: Param[] = new Array(slice.length * columns.length);
    let k = 0;
    for (const row of slice) for (const v of row) params[k++] = v;
    const raw = rawSqlite.get(tx);
    if (raw) {
      // same connection and transaction as `tx` (better-sqlite3 is synchronous), minus a prepare per chunk
      const stmt = statement(raw, insertSql(kind, table, columns, slice.length, returning));
      if (returning) for (const r of stmt.all(params) as R[]) out.push(r);
      else stmt.run(params);
      continue;
    }
    const res = await tx.executeQuery<R>(
      CompiledQuery.raw(insertSql(kind, table, columns, slice.length, returning), params),
    );
    if (returning) out.push(...res.rows);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// rows

export interface BulkBuilding {
  nodeId: number;
  number: string;
  name: string | null;
  address: string | null;
  type: string;
  units: number;
  floors: number;
  roomsPerFloor: number;
  lat: number | null;
  lng: number | null;
}

export interface BulkHousehold {
  buildingId: number;
  buildingNumber: string;
  nodeId: number;
  unitNo: number;
  floor: number;
  roomNo: number;
  use: string;
}

/** A resident as typed: plain ID number and phone (checked and encrypted by prepareResident). */
export interface BulkResidentInput {
  name: string;
  idNumber: string | null;
  phone: string | null;
  relation: string;
  registeredHere: boolean;
  livingHere: boolean;
  politicalStatus: string;
  ethnicity: string | null;
  education: string | null;
  maritalStatus: string | null;
  occupation: string | null;
  employer: string | null;
  notes: string | null;
  movedInAt: string | null;
}

/** A resident ready to write: sensitive values only as ciphertext and blind index. */
export interface PreparedResident {
  name: string;
  idNumberEnc: string | null;
  idNumberBidx: string | null;
  birthDate: string | null;
  sex: string | null;
  phoneEnc: string | null;
  phoneBidx: string | null;
  relation: string;
  registeredHere: number;
  livingHere: number;
  politicalStatus: string;
  ethnicity: string | null;
  education: string | null;
  maritalStatus: string | null;
  occupation: string | null;
  employer: string | null;
  notes: string | null;
  movedInAt: string | null;
}

export interface BulkResident extends PreparedResident {
  householdId: number;
  nodeId: number;
}

const problem = (field: string, code: string, zh: string, en: string): FieldProblem => ({
  field,
  code,
  message: { zh, en },
});

function reject(problems: FieldProblem[]): never {
  throw new AppError('VALIDATION_FAILED', 400, problems);
}

/** The blind index of an ID number as every module computes it (normalised, upper-case X). */
export function idNumberBlindIndex(crypto: FieldCrypto, idNumber: string): string {
  return crypto.blindIndex('id_number', idNumber);
}

/**
 * Checks a resident (GB 11643 ID number, mobile number, vocabularies) and turns it into the stored form: ID and
 * phone encrypted with their blind indexes, birth date and sex derived from the ID. Throws a 400 listing every
 * problem.
 */
export function prepareResident(crypto: FieldCrypto, r: BulkResidentInput, today: Date): PreparedResident {
  const problems: FieldProblem[] = [];
  let id: { value: string; birthDate: string; sex: string } | null = null;
  if (r.idNumber) {
    const parsed = parseIdNumber(r.idNumber, today);
    if (parsed.ok) id = parsed;
    else problems.push(problem('idNumber', 'ID_NUMBER_INVALID', '身份证号码不正确', 'Invalid ID number'));
  }
  let phone: string | null = null;
  if (r.phone) {
    const parsed = parseMobile(r.phone);
    if (parsed.ok) phone = parsed.value;
    else problems.push(problem('phone', 'PHONE_INVALID', '手机号不正确', 'Invalid mobile number'));
  }
  if (!r.name.trim()) problems.push(problem('name', 'required', '姓名不能为空', 'Name is required'));
  if (!(RELATIONS as readonly string[]).includes(r.relation))
    problems.push(problem('relation', 'enum', '与户主关系不正确', 'Unknown relation'));
  if (!(POLITICAL_STATUSES as readonly string[]).includes(r.politicalStatus))
    problems.push(problem('politicalStatus', 'enum', '政治面貌不正确', 'Unknown political status'));
  if (problems.length) reject(problems);
  return {
    name: r.name.trim(),
    idNumberEnc: id ? crypto.encrypt(id.value) : null,
    idNumberBidx: id ? idNumberBlindIndex(crypto, id.value) : null,
    birthDate: id?.birthDate ?? null,
    sex: id?.sex ?? null,
    phoneEnc: phone ? crypto.encrypt(phone) : null,
    phoneBidx: phone ? crypto.blindIndex('phone', phone) : null,
    relation: r.relation,
    registeredHere: r.registeredHere ? 1 : 0,
    livingHere: r.livingHere ? 1 : 0,
    politicalStatus: r.politicalStatus,
    ethnicity: r.ethnicity,
    education: r.education,
    maritalStatus: r.maritalStatus,
    occupation: r.occupation,
    employer: r.employer,
    notes: r.notes,
    movedInAt: r.movedInAt,
  };
}

function checkBuilding(b: BulkBuilding, i: number) {
  const ok =
    b.number.trim() !== '' &&
    (BUILDING_TYPES as readonly string[]).includes(b.type) &&
    [b.units, b.floors, b.roomsPerFloor].every((n) => Number.isInteger(n) && n >= 1 && n <= 99);
  if (!ok) reject([problem(`buildings[${i}]`, 'invalid', '楼栋数据不正确', 'Invalid building row')]);
}

function checkHousehold(h: BulkHousehold, i: number) {
  const ok =
    (HOUSEHOLD_USES as readonly string[]).includes(h.use) &&
    [h.unitNo, h.floor, h.roomNo].every((n) => Number.isInteger(n) && n >= 1 && n <= 99);
  if (!ok) reject([problem(`households[${i}]`, 'invalid', '房屋数据不正确', 'Invalid household row')]);
}

const BUILDING_COLUMNS = [
  'node_id',
  'number',
  'name',
  'address',
  'type',
  'units',
  'floors',
  'rooms_per_floor',
  'lat',
  'lng',
  'created_at',
  'updated_at',
] as const;

const HOUSEHOLD_COLUMNS = [
  'building_id',
  'node_id',
  'unit_no',
  'floor',
  'room_no',
  'room_label',
  'use',
  'created_at',
  'updated_at',
] as const;

const GRAM_COLUMNS = ['gram', 'resident_id'] as const;

const RESIDENT_COLUMNS = [
  'household_id',
  'node_id',
  'name',
  'id_number_enc',
  'id_number_bidx',
  'birth_date',
  'sex',
  'phone_enc',
  'phone_bidx',
  'relation',
  'registered_here',
  'living_here',
  'political_status',
  'ethnicity',
  'education',
  'marital_status',
  'occupation',
  'employer',
  'notes',
  'status',
  'moved_in_at',
  'created_at',
  'updated_at',
] as const;

export interface BulkCounts {
  buildings: number;
  households: number;
  householdsUpdated: number;
  residents: number;
}

/** What a bulk import may write, all inside the one transaction `bulkImport` opens. */
export interface BulkWriter {
  readonly tx: Tx;
  readonly counts: BulkCounts;
  /** Inserts buildings; returns their ids in input order. */
  buildings(rows: readonly BulkBuilding[]): Promise<number[]>;
  /** Inserts households (rooms); returns their ids in input order. */
  households(rows: readonly BulkHousehold[]): Promise<number[]>;
  /** Changes the use of existing households. */
  householdUses(rows: ReadonlyArray<{ id: number; use: string }>): Promise<void>;
  residents(rows: readonly BulkResident[]): Promise<void>;
}

export interface BulkImportMeta {
  /** buildings | households | residents */
  kind: string;
  nodeId: number | null;
  /** Rows in the file, including bad ones (counts only; never values). */
  fileRows?: number;
  rejectedRows?: number;
  source?: 'web' | 'cli';
}

/**
 * Runs `fn` in ONE transaction with a bulk writer and appends one `registry.import` audit row with the counts;
 * anything thrown rolls every row back. Households that got a 户主 (relation self) and had no householder get one.
 */
export async function bulkImport<T>(
  deps: Deps,
  audit: AuditContext,
  meta: BulkImportMeta,
  fn: (w: BulkWriter) => Promise<T>,
): Promise<{ result: T; counts: BulkCounts }> {
  const now = deps.clock.now();
  const kind = deps.kind;
  const raw = kind === 'sqlite' ? deps.handle.sqlite : undefined;
  // A bulk write touches index pages all over each B-tree (ID and phone blind indexes are random keys): a larger
  // page cache for its duration keeps them in memory (bench/imports.ts: about a third off the commit).
  const cacheBefore = raw?.pragma('cache_size', { simple: true });
  if (raw) raw.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  try {
    return await bulkTransaction(deps, audit, meta, fn, now, raw);
  } finally {
    if (raw) raw.pragma(`cache_size = ${Number(cacheBefore)}`);
  }
}

/** Page cache of the SQLite connection while a bulk import runs, in KiB. */
const BULK_CACHE_KIB = 256 * 1024;

function bulkTransaction<T>(
  deps: Deps,
  audit: AuditContext,
  meta: BulkImportMeta,
  fn: (w: BulkWriter) => Promise<T>,
  now: Date,
  raw: Database.Database | undefined,
): Promise<{ result: T; counts: BulkCounts }> {
  const at = now.toISOString();
  const kind = deps.kind;
  return deps.db.transaction().execute(async (tx) => {
    if (raw) rawSqlite.set(tx, raw);
    const counts: BulkCounts = { buildings: 0, households: 0, householdsUpdated: 0, residents: 0 };
    const touched = new Set<number>();
    const writer: BulkWriter = {
      tx,
      counts,
      async buildings(rows) {
        rows.forEach(checkBuilding);
        const out = await insertMany<{ id: number }>(
          tx,
          kind,
          'buildings',
          BUILDING_COLUMNS,
          rows.map((b) => [
            b.nodeId,
            b.number.trim(),
            b.name,
            b.address,
            b.type,
            b.units,
            b.floors,
            b.roomsPerFloor,
            b.lat,
            b.lng,
            at,
            at,
          ]),
          'id',
        );
        counts.buildings += rows.length;
        return out.map((r) => Number(r.id));
      },
      async households(rows) {
        rows.forEach(checkHousehold);
        const out = await insertMany<{ id: number }>(
          tx,
          kind,
          'households',
          HOUSEHOLD_COLUMNS,
          rows.map((h) => [
            h.buildingId,
            h.nodeId,
            h.unitNo,
            h.floor,
            h.roomNo,
            roomLabel(h.buildingNumber, h.unitNo, h.floor, h.roomNo),
            h.use,
            at,
            at,
          ]),
          'id',
        );
        counts.households += rows.length;
        return out.map((r) => Number(r.id));
      },
      async householdUses(rows) {
        const byUse = new Map<string, number[]>();
        for (const [i, r] of rows.entries()) {
          if (!(HOUSEHOLD_USES as readonly string[]).includes(r.use))
            reject([problem(`households[${i}].use`, 'enum', '用途不正确', 'Unknown use')]);
          byUse.set(r.use, [...(byUse.get(r.use) ?? []), r.id]);
        }
        for (const [use, ids] of byUse) {
          for (let s = 0; s < ids.length; s += 5000) {
            await tx
              .updateTable('households')
              .set({ use, updated_at: at })
              .where('id', 'in', ids.slice(s, s + 5000))
              .execute();
          }
        }
        counts.householdsUpdated += rows.length;
      },
      async residents(rows) {
        const inserted = await insertMany<{ id: number; name: string }>(
          tx,
          kind,
          'residents',
          RESIDENT_COLUMNS,
          rows.map((r) => {
            if (r.relation === 'self') touched.add(r.householdId);
            return [
              r.householdId,
              r.nodeId,
              r.name,
              r.idNumberEnc,
              r.idNumberBidx,
              r.birthDate,
              r.sex,
              r.phoneEnc,
              r.phoneBidx,
              r.relation,
              r.registeredHere,
              r.livingHere,
              r.politicalStatus,
              r.ethnicity,
              r.education,
              r.maritalStatus,
              r.occupation,
              r.employer,
              r.notes,
              'active',
              r.movedInAt,
              at,
              at,
            ];
          }),
          'id, name',
        );
        // Name-search grams (common/registry.ts nameGrams, as registry.repository.ts insertNameGrams writes them),
        // next to their residents (order-free: each returned row names its resident), through the same cached
        // multi-row statements as the residents.
        const grams: Param[][] = [];
        for (const r of inserted) for (const g of nameGrams(r.name)) grams.push([g, Number(r.id)]);
        await insertMany(tx, kind, 'resident_name_grams', GRAM_COLUMNS, grams);
        counts.residents += rows.length;
      },
    };
    const result = await fn(writer);
    // A large import leaves PostgreSQL's statistics behind until autovacuum catches up, and name search plans by
    // them (gram candidates vs. walking residents in list order): refresh them with the rows (ANALYZE is allowed
    // in a transaction; SQLite plans without them).
    if (kind === 'postgres' && counts.residents >= ANALYZE_AFTER_ROWS)
      await tx.executeQuery(CompiledQuery.raw('analyze residents, resident_name_grams, households'));
    const ids = [...touched];
    for (let s = 0; s < ids.length; s += 5000) {
      const slice = ids.slice(s, s + 5000);
      await tx
        .updateTable('households')
        .set((eb) => ({
          householder_id: eb
            .selectFrom('residents')
            .select((e) => e.fn.min('residents.id').as('first'))
            .whereRef('residents.household_id', '=', 'households.id')
            .where('residents.relation', '=', 'self')
            .where('residents.status', '=', 'active'),
        }))
        .where('householder_id', 'is', null)
        .where('id', 'in', slice)
        .execute();
    }
    await appendAudit(
      tx,
      kind,
      audit,
      {
        action: 'registry.import',
        entityType: meta.kind,
        nodeId: meta.nodeId,
        after: { ...counts, fileRows: meta.fileRows, rejectedRows: meta.rejectedRows, source: meta.source },
      },
      now,
    );
    return { result, counts };
  });
}
