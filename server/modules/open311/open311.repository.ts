import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../db/create-db.js';
import type { Open311AttributesTable, Open311RequestsTable } from '../../db/schema.js';

// One function per query on the Open311 tables (migration 0007). First argument: the db or a transaction.

type Q = Db | Tx;

// ---- keys

export const findKeyByHash = (db: Q, keyHash: string) =>
  db.selectFrom('open311_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();

export const findKey = (db: Q, id: number) =>
  db.selectFrom('open311_keys').selectAll().where('id', '=', id).executeTakeFirst();

export function listKeys(db: Q) {
  return db
    .selectFrom('open311_keys as k')
    .innerJoin('grid_nodes as n', 'n.id', 'k.node_id')
    .select([
      'k.id',
      'k.name',
      'k.key_prefix',
      'k.node_id',
      'n.name as node_name',
      'k.mode',
      'k.active',
      'k.created_at',
      'k.updated_at',
      'k.last_used_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('open311_requests as r')
        .select(eb.fn.countAll<number>().as('c'))
        .whereRef('r.key_id', '=', 'k.id')
        .as('request_count'),
    )
    .orderBy('k.id')
    .execute();
}

export async function insertKey(
  db: Q,
  k: {
    name: string;
    keyHash: string;
    keyPrefix: string;
    nodeId: number;
    mode: string;
    createdBy: number;
    at: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('open311_keys')
    .values({
      name: k.name,
      key_hash: k.keyHash,
      key_prefix: k.keyPrefix,
      node_id: k.nodeId,
      mode: k.mode,
      active: 1,
      created_by: k.createdBy,
      created_at: k.at,
      updated_at: k.at,
      last_used_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateKey(
  db: Q,
  id: number,
  patch: { name?: string; nodeId?: number; mode?: string; active?: boolean },
  at: string,
) {
  await db
    .updateTable('open311_keys')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.nodeId !== undefined ? { node_id: patch.nodeId } : {}),
      ...(patch.mode !== undefined ? { mode: patch.mode } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function touchKey(db: Q, id: number, at: string) {
  await db.updateTable('open311_keys').set({ last_used_at: at }).where('id', '=', id).execute();
}

// ---- requests submitted over Open311

export async function insertRequest(db: Q, row: Insertable<Open311RequestsTable>) {
  await db.insertInto('open311_requests').values(row).execute();
}

export const findRequestByToken = (db: Q, token: string) =>
  db.selectFrom('open311_requests').selectAll().where('token', '=', token).executeTakeFirst();

export const findRequestByNumber = (db: Q, caseNumber: string) =>
  db.selectFrom('open311_requests').selectAll().where('case_number', '=', caseNumber).executeTakeFirst();

export function findRequestsByNumbers(db: Q, caseNumbers: string[]) {
  if (caseNumbers.length === 0) return Promise.resolve([]);
  return db.selectFrom('open311_requests').selectAll().where('case_number', 'in', caseNumbers).execute();
}

/**
 * Requests made in [start, end], newest first, optionally of some service codes; `after` continues a scan
 * from the last row seen (keyset: requested_at, case_id descending). Served by open311_requests_requested_idx /
 * open311_requests_service_idx.
 */
export function scanRequests(
  db: Q,
  f: {
    start: string;
    end: string;
    serviceCodes: string[] | null;
    limit: number;
    after?: { at: string; caseId: number };
  },
) {
  let q = db
    .selectFrom('open311_requests')
    .selectAll()
    .where('requested_at', '>=', f.start)
    .where('requested_at', '<=', f.end);
  if (f.serviceCodes) q = q.where('service_code', 'in', f.serviceCodes);
  if (f.after) {
    const { at, caseId } = f.after;
    q = q.where((eb) =>
      eb.or([eb('requested_at', '<', at), eb.and([eb('requested_at', '=', at), eb('case_id', '<', caseId)])]),
    );
  }
  return q.orderBy('requested_at', 'desc').orderBy('case_id', 'desc').limit(f.limit).execute();
}

// ---- service attributes

export function listAttributes(db: Q, serviceCodes?: string[]) {
  let q = db.selectFrom('open311_attributes').selectAll();
  if (serviceCodes) {
    if (serviceCodes.length === 0) return Promise.resolve([]);
    q = q.where('service_code', 'in', serviceCodes);
  }
  return q.orderBy('service_code').orderBy('sort').orderBy('id').execute();
}

export async function replaceAttributes(
  db: Q,
  serviceCode: string,
  rows: Array<Omit<Insertable<Open311AttributesTable>, 'service_code' | 'id'>>,
) {
  await db.deleteFrom('open311_attributes').where('service_code', '=', serviceCode).execute();
  if (rows.length) {
    await db
      .insertInto('open311_attributes')
      .values(rows.map((r) => ({ ...r, service_code: serviceCode })))
      .execute();
  }
}

const CHANGESET_KEY = 'open311.definitions_changed_at';

/** Records that a service definition changed (the discovery changeset), in the caller's transaction. */
export async function markDefinitionsChanged(db: Q, at: string) {
  await db
    .insertInto('settings')
    .values({ key: CHANGESET_KEY, value: at, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: at, updated_at: at }))
    .execute();
}

export async function definitionsChangedAt(db: Q): Promise<string | null> {
  const r = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', CHANGESET_KEY)
    .executeTakeFirst();
  return r?.value ?? null;
}
