import { makeIdNumber } from '../../common/id-number.js';
import { roomLabel } from '../../common/registry.js';
import type { Deps } from '../context.js';
import type { Db, Tx } from '../db/create-db.js';
import { insertMissingDefaultTags, insertNameGrams } from '../modules/registry/registry.repository.js';
import type { NodeRef } from './factories.js';

// Test data for the grid chart, inserted straight into the tables (no audit): buildings with their rooms,
// residents, tag assignments and visits. The registry and visits modules own the real write paths.

type Q = Db | Tx;
const now = (deps: Deps) => deps.clock.now().toISOString();

/** Makes sure every default tag exists in the dictionary; returns code → id. */
export async function ensureTags(db: Q, at = new Date().toISOString()): Promise<Map<string, number>> {
  return (await insertMissingDefaultTags(db, at)).ids;
}

export interface BuildingRef {
  id: number;
  number: string;
  nodeId: number;
  /** household id by `${unit}-${floor}-${room}` */
  rooms: Map<string, number>;
}

/** A building in a micro-grid with one household per unit × floor × room (use 'owner' unless told). */
export async function makeBuilding(
  deps: Deps,
  node: NodeRef,
  opts: { number: string; units?: number; floors?: number; roomsPerFloor?: number; use?: string },
): Promise<BuildingRef> {
  const at = now(deps);
  const units = opts.units ?? 2;
  const floors = opts.floors ?? 3;
  const per = opts.roomsPerFloor ?? 2;
  const b = await deps.db
    .insertInto('buildings')
    .values({
      node_id: node.id,
      number: opts.number,
      name: `${opts.number}号楼`,
      address: null,
      type: 'residential',
      units,
      floors,
      rooms_per_floor: per,
      lat: null,
      lng: null,
      retired_at: null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const values = [];
  for (let u = 1; u <= units; u++)
    for (let f = 1; f <= floors; f++)
      for (let r = 1; r <= per; r++)
        values.push({
          building_id: b.id,
          node_id: node.id,
          unit_no: u,
          floor: f,
          room_no: r,
          room_label: roomLabel(opts.number, u, f, r),
          use: opts.use ?? 'owner',
          householder_id: null,
          created_at: at,
          updated_at: at,
        });
  const rows = await deps.db
    .insertInto('households')
    .values(values)
    .returning(['id', 'unit_no', 'floor', 'room_no'])
    .execute();
  return {
    id: b.id,
    number: opts.number,
    nodeId: node.id,
    rooms: new Map(rows.map((r) => [`${r.unit_no}-${r.floor}-${r.room_no}`, r.id])),
  };
}

let seq = 0;

/** A resident living in a household, with a valid synthetic ID number when a birth date is given. */
export async function makeResident(
  deps: Deps,
  householdId: number,
  opts: {
    name: string;
    birthDate?: string;
    livingHere?: boolean;
    politicalStatus?: string;
    status?: string;
    relation?: string;
  },
): Promise<number> {
  const at = now(deps);
  const h = await deps.db
    .selectFrom('households')
    .select('node_id')
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow();
  const birth = opts.birthDate ?? null;
  const idNumber = birth
    ? makeIdNumber('140302', birth.replaceAll('-', ''), String((seq++ % 900) + 100))
    : null;
  const status = opts.status ?? 'active';
  const r = await deps.db
    .insertInto('residents')
    .values({
      household_id: householdId,
      node_id: status === 'active' ? h.node_id : null,
      name: opts.name,
      id_number_enc: idNumber ? deps.crypto.encrypt(idNumber) : null,
      id_number_bidx: idNumber ? deps.crypto.blindIndex('id_number', idNumber) : null,
      birth_date: birth,
      sex: null,
      phone_enc: null,
      phone_bidx: null,
      relation: opts.relation ?? 'self',
      registered_here: 1,
      living_here: opts.livingHere === false ? 0 : 1,
      political_status: opts.politicalStatus ?? 'masses',
      ethnicity: null,
      education: null,
      marital_status: null,
      occupation: null,
      employer: null,
      notes: null,
      status,
      moved_in_at: null,
      moved_out_at: null,
      created_at: at,
      updated_at: at,
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  await insertNameGrams(deps.db, [r]);
  return r.id;
}

/** Assigns a tag by code to a household, or to one of its residents when residentId is given. */
export async function assignTag(
  deps: Deps,
  tagCode: string,
  target: { householdId: number; residentId?: number; riskLevel?: string },
): Promise<number> {
  const tags = await ensureTags(deps.db, now(deps));
  const tagId = tags.get(tagCode);
  if (!tagId) throw new Error(`unknown tag ${tagCode}`);
  const r = await deps.db
    .insertInto('tag_assignments')
    .values({
      tag_id: tagId,
      household_id: target.householdId,
      resident_id: target.residentId ?? null,
      risk_level: target.riskLevel ?? null,
      note: null,
      since: null,
      actor_id: null,
      created_at: now(deps),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** A visit record; screened by default, at the clock's time unless told. */
export async function makeVisit(
  deps: Deps,
  householdId: number,
  opts: { visitedAt?: string; screened?: boolean; disputeFound?: boolean; resolvedAt?: string | null } = {},
): Promise<number> {
  const h = await deps.db
    .selectFrom('households')
    .select('node_id')
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow();
  const r = await deps.db
    .insertInto('visits')
    .values({
      household_id: householdId,
      node_id: h.node_id,
      resident_id: null,
      plan_id: null,
      visitor_id: null,
      visitor_name: '网格员',
      visited_at: opts.visitedAt ?? now(deps),
      method: 'in_person',
      findings: null,
      screened: opts.screened === false ? 0 : 1,
      dispute_found: opts.disputeFound ? 1 : 0,
      dispute_resolved_at: opts.resolvedAt ?? null,
      follow_up: 0,
      flagged: 0,
      created_at: now(deps),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
