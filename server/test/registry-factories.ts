import { makeIdNumber } from '../../common/id-number.js';
import { roomLabel } from '../../common/registry.js';
import type { Deps } from '../context.js';
import { insertNameGrams } from '../modules/registry/registry.repository.js';
import { ensureDefaultTags } from '../modules/registry/registry.service.js';
import type { NodeRef } from './factories.js';

// Test data for people and places, inserted straight into the tables (no audit), plus the default tag
// dictionary. Route tests make their own writes through the API.

export { ensureDefaultTags };

const at = (deps: Deps) => deps.clock.now().toISOString();

export interface BuildingRef {
  id: number;
  nodeId: number;
  number: string;
}

/** A building on a micro-grid; with `rooms` one household per unit × floor × room (use 'owner'). */
export async function makeBuilding(
  deps: Deps,
  node: NodeRef,
  number: string,
  dims: { units?: number; floors?: number; roomsPerFloor?: number; rooms?: boolean } = {},
): Promise<BuildingRef> {
  const units = dims.units ?? 1;
  const floors = dims.floors ?? 6;
  const roomsPerFloor = dims.roomsPerFloor ?? 2;
  const b = await deps.db
    .insertInto('buildings')
    .values({
      node_id: node.id,
      number,
      name: `${number}号楼`,
      address: null,
      type: 'residential',
      units,
      floors,
      rooms_per_floor: roomsPerFloor,
      lat: null,
      lng: null,
      retired_at: null,
      created_at: at(deps),
      updated_at: at(deps),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ref = { id: b.id, nodeId: node.id, number };
  if (dims.rooms)
    for (let u = 1; u <= units; u++)
      for (let f = 1; f <= floors; f++)
        for (let r = 1; r <= roomsPerFloor; r++) await makeHousehold(deps, ref, u, f, r);
  return ref;
}

export async function makeHousehold(
  deps: Deps,
  b: BuildingRef,
  unit: number,
  floor: number,
  room: number,
  use = 'owner',
): Promise<{ id: number; roomLabel: string; nodeId: number }> {
  const label = roomLabel(b.number, unit, floor, room);
  const h = await deps.db
    .insertInto('households')
    .values({
      building_id: b.id,
      node_id: b.nodeId,
      unit_no: unit,
      floor,
      room_no: room,
      room_label: label,
      use,
      householder_id: null,
      created_at: at(deps),
      updated_at: at(deps),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: h.id, roomLabel: label, nodeId: b.nodeId };
}

let idSeq = 100;
/** A fresh valid ID number for a birth date (YYYYMMDD). */
export function nextIdNumber(birth8 = '19800101'): string {
  idSeq = (idSeq + 1) % 1000;
  return makeIdNumber('140302', birth8, String(idSeq).padStart(3, '0'));
}

export interface ResidentOpts {
  idNumber?: string | null;
  phone?: string | null;
  birthDate?: string | null;
  sex?: string | null;
  relation?: string;
  politicalStatus?: string;
  livingHere?: boolean;
  status?: string;
}

/** A resident of a household, with encrypted ID and phone as the service stores them. */
export async function makeResident(
  deps: Deps,
  household: { id: number; nodeId: number },
  name: string,
  opts: ResidentOpts = {},
): Promise<{ id: number; idNumber: string | null; phone: string | null }> {
  const { crypto } = deps;
  const idNumber = opts.idNumber === undefined ? nextIdNumber() : opts.idNumber;
  const phone = opts.phone ?? null;
  const birth =
    opts.birthDate ??
    (idNumber ? `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}` : null);
  const r = await deps.db
    .insertInto('residents')
    .values({
      household_id: household.id,
      node_id: opts.status && opts.status !== 'active' ? null : household.nodeId,
      name,
      id_number_enc: idNumber ? crypto.encrypt(idNumber) : null,
      id_number_bidx: idNumber ? crypto.blindIndex('id_number', idNumber) : null,
      birth_date: birth,
      sex: opts.sex ?? (idNumber ? (Number(idNumber[16]) % 2 ? 'male' : 'female') : null),
      phone_enc: phone ? crypto.encrypt(phone) : null,
      phone_bidx: phone ? crypto.blindIndex('phone', phone) : null,
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
      status: opts.status ?? 'active',
      moved_in_at: null,
      moved_out_at: null,
      created_at: at(deps),
      updated_at: at(deps),
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  await insertNameGrams(deps.db, [r]);
  return { id: r.id, idNumber, phone };
}

async function tagId(deps: Deps, code: string) {
  const t = await deps.db.selectFrom('tags').select('id').where('code', '=', code).executeTakeFirst();
  if (!t) throw new Error(`no tag ${code}: call ensureDefaultTags first`);
  return t.id;
}

export async function tagResident(
  deps: Deps,
  residentId: number,
  code: string,
  riskLevel: string | null = null,
) {
  const r = await deps.db
    .insertInto('tag_assignments')
    .values({
      tag_id: await tagId(deps, code),
      household_id: null,
      resident_id: residentId,
      risk_level: riskLevel,
      note: null,
      since: null,
      actor_id: null,
      created_at: at(deps),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function tagHousehold(deps: Deps, householdId: number, code: string) {
  const r = await deps.db
    .insertInto('tag_assignments')
    .values({
      tag_id: await tagId(deps, code),
      household_id: householdId,
      resident_id: null,
      risk_level: null,
      note: null,
      since: null,
      actor_id: null,
      created_at: at(deps),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function makeVisit(
  deps: Deps,
  household: { id: number; nodeId: number },
  opts: {
    visitedAt?: string;
    disputeFound?: boolean;
    resolvedAt?: string | null;
    flagged?: boolean;
    findings?: string;
  } = {},
) {
  const r = await deps.db
    .insertInto('visits')
    .values({
      household_id: household.id,
      node_id: household.nodeId,
      resident_id: null,
      plan_id: null,
      visitor_id: null,
      visitor_name: '网格员',
      visited_at: opts.visitedAt ?? at(deps),
      method: 'in_person',
      findings: opts.findings ?? null,
      screened: 1,
      dispute_found: opts.disputeFound ? 1 : 0,
      dispute_resolved_at: opts.resolvedAt ?? null,
      follow_up: 0,
      flagged: opts.flagged ? 1 : 0,
      created_at: at(deps),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
