import { sql } from 'kysely';
import type { Db, Tx } from '../../db/create-db.js';
import { startsWith } from '../../db/sql-helpers.js';

// Look-ups the import dry run needs, in bulk: nodes, buildings and rooms of the target subtree, and which blind
// indexes of ID numbers are already registered. The module reads registry tables read-only here for speed
// (one query per batch instead of one service call per row); writes go through registry.bulk.ts.

type Q = Db | Tx;
const CHUNK = 900;

export function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export interface NodeInfo {
  id: number;
  code: string;
  path: string;
  level: string;
  retired: boolean;
}

export interface BuildingInfo {
  id: number;
  nodeId: number;
  number: string;
  units: number;
  floors: number;
  roomsPerFloor: number;
}

export interface RoomInfo {
  id: number;
  use: string;
}

const toNode = (r: { id: number; code: string; path: string; level: string; retired_at: string | null }) => ({
  id: Number(r.id),
  code: r.code,
  path: r.path,
  level: r.level,
  retired: r.retired_at !== null,
});

export async function nodesUnder(db: Q, paths: readonly string[]): Promise<NodeInfo[]> {
  const out: NodeInfo[] = [];
  for (const p of paths) {
    const rows = await db
      .selectFrom('grid_nodes')
      .select(['id', 'code', 'path', 'level', 'retired_at'])
      .where(startsWith('path', p))
      .execute();
    out.push(...rows.map(toNode));
  }
  return out;
}

export async function nodeByCode(db: Q, code: string): Promise<NodeInfo | undefined> {
  const r = await db
    .selectFrom('grid_nodes')
    .select(['id', 'code', 'path', 'level', 'retired_at'])
    .where('code', '=', code)
    .executeTakeFirst();
  return r ? toNode(r) : undefined;
}

export async function nodeById(db: Q, id: number): Promise<NodeInfo | undefined> {
  const r = await db
    .selectFrom('grid_nodes')
    .select(['id', 'code', 'path', 'level', 'retired_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? toNode(r) : undefined;
}

export async function nodesByIds(db: Q, ids: readonly number[]): Promise<NodeInfo[]> {
  const out: NodeInfo[] = [];
  for (const part of chunks(ids)) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom('grid_nodes')
      .select(['id', 'code', 'path', 'level', 'retired_at'])
      .where('id', 'in', part)
      .execute();
    out.push(...rows.map(toNode));
  }
  return out;
}

export async function buildingsOfNodes(db: Q, nodeIds: readonly number[]): Promise<BuildingInfo[]> {
  const out: BuildingInfo[] = [];
  for (const part of chunks(nodeIds)) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom('buildings')
      .select(['id', 'node_id', 'number', 'units', 'floors', 'rooms_per_floor'])
      .where('node_id', 'in', part)
      .where('retired_at', 'is', null)
      .execute();
    for (const r of rows)
      out.push({
        id: Number(r.id),
        nodeId: Number(r.node_id),
        number: r.number,
        units: r.units,
        floors: r.floors,
        roomsPerFloor: r.rooms_per_floor,
      });
  }
  return out;
}

/** Rooms of these buildings keyed `buildingId:unit:floor:room`. */
export async function roomsOfBuildings(db: Q, buildingIds: readonly number[], into: Map<string, RoomInfo>) {
  for (const part of chunks(buildingIds)) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom('households')
      .select(['id', 'building_id', 'unit_no', 'floor', 'room_no', 'use'])
      .where('building_id', 'in', part)
      .execute();
    for (const r of rows)
      into.set(`${r.building_id}:${r.unit_no}:${r.floor}:${r.room_no}`, { id: Number(r.id), use: r.use });
  }
}

/** The id of the newest audit row (0 when there is none). */
export async function lastAuditId(db: Q): Promise<number> {
  const r = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(r?.seq ?? 0);
}

/** Which of these ID-number blind indexes are already on a resident (anywhere: one person, one record). */
export async function registeredIdIndexes(db: Q, bidx: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(bidx)) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom('residents')
      .select('id_number_bidx')
      .where('id_number_bidx', 'in', part)
      .execute();
    for (const r of rows) if (r.id_number_bidx) found.add(r.id_number_bidx);
  }
  return found;
}

/** Building numbers already used in each community (numbers are unique per community, as single writes check). */
export async function buildingNumbersUnder(db: Q, communityPath: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('buildings as b')
    .innerJoin('grid_nodes as n', 'n.id', 'b.node_id')
    .select('b.number')
    .where('b.retired_at', 'is', null)
    .where(sql<boolean>`${sql.ref('n.path')} like ${`${communityPath}%`}`)
    .execute();
  return new Set(rows.map((r) => r.number));
}

/** Ciphertexts and scoping path of residents (for an audited bulk reveal in an export). */
export async function sensitiveOfResidents(db: Q, ids: readonly number[]) {
  const out: Array<{ id: number; idEnc: string | null; phoneEnc: string | null; path: string }> = [];
  for (const part of chunks(ids)) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom('residents as r')
      .innerJoin('households as h', 'h.id', 'r.household_id')
      .innerJoin('grid_nodes as n', 'n.id', 'h.node_id')
      .select(['r.id', 'r.id_number_enc', 'r.phone_enc', 'n.path'])
      .where('r.id', 'in', part)
      .execute();
    for (const r of rows)
      out.push({ id: Number(r.id), idEnc: r.id_number_enc, phoneEnc: r.phone_enc, path: r.path });
  }
  return out;
}
