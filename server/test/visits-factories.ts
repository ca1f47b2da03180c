import type { Deps } from '../context.js';
import type { Db, Tx } from '../db/create-db.js';
import { insertMissingDefaultTags, insertNameGrams } from '../modules/registry/registry.repository.js';
import type { NodeRef } from './factories.js';

// Test data for visits, inserted straight into the tables (no audit): tags, a building with rooms, residents,
// tag assignments, plans and past visits. The registry and visits modules own the real write paths.

type Q = Db | Tx;
const at = (deps: Deps) => deps.clock.now().toISOString();

/** Every default tag in the dictionary (roles comma-separated, risk levels as JSON); returns code → id. */
export async function ensureVisitTags(
  db: Q,
  when = '2026-01-01T00:00:00.000Z',
): Promise<Map<string, number>> {
  return (await insertMissingDefaultTags(db, when)).ids;
}

/** A building in a micro-grid with `rooms` households on floor 1.. of unit 1 (room label `${number}-1-${floor}01`). */
export async function makeRooms(
  deps: Deps,
  node: NodeRef,
  number: string,
  rooms: number,
  opts: { use?: string; createdAt?: string } = {},
): Promise<number[]> {
  const when = opts.createdAt ?? at(deps);
  const b = await deps.db
    .insertInto('buildings')
    .values({
      node_id: node.id,
      number,
      name: `${number}号楼`,
      address: null,
      type: 'residential',
      units: 1,
      floors: Math.max(rooms, 1),
      rooms_per_floor: 1,
      lat: null,
      lng: null,
      retired_at: null,
      created_at: when,
      updated_at: when,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (let f = 1; f <= rooms; f++) {
    const h = await deps.db
      .insertInto('households')
      .values({
        building_id: b.id,
        node_id: node.id,
        unit_no: 1,
        floor: f,
        room_no: 1,
        room_label: `${number}-1-${f}01`,
        use: opts.use ?? 'owner',
        householder_id: null,
        created_at: when,
        updated_at: when,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(h.id);
  }
  return ids;
}

/** A resident living in a household. */
export async function makeResident(
  deps: Deps,
  householdId: number,
  opts: { name?: string; birthDate?: string; livingHere?: boolean; status?: string } = {},
): Promise<number> {
  const h = await deps.db
    .selectFrom('households')
    .select('node_id')
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow();
  const when = at(deps);
  const r = await deps.db
    .insertInto('residents')
    .values({
      household_id: householdId,
      node_id: h.node_id,
      name: opts.name ?? '王建国',
      id_number_enc: null,
      id_number_bidx: null,
      birth_date: opts.birthDate ?? '1980-05-01',
      sex: 'male',
      phone_enc: null,
      phone_bidx: null,
      relation: 'self',
      registered_here: 1,
      living_here: opts.livingHere === false ? 0 : 1,
      political_status: 'masses',
      ethnicity: null,
      education: null,
      marital_status: null,
      occupation: null,
      employer: null,
      notes: null,
      status: opts.status ?? 'active',
      moved_in_at: null,
      moved_out_at: null,
      created_at: when,
      updated_at: when,
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  await insertNameGrams(deps.db, [r]);
  return r.id;
}

/** Tags a resident (or, without a resident, a household) with a stored tag. */
export async function tagResident(
  deps: Deps,
  tagCode: string,
  target: { residentId?: number; householdId?: number },
  riskLevel: string | null = null,
) {
  const tags = await ensureVisitTags(deps.db);
  await deps.db
    .insertInto('tag_assignments')
    .values({
      tag_id: tags.get(tagCode)!,
      household_id: target.residentId ? null : (target.householdId ?? null),
      resident_id: target.residentId ?? null,
      risk_level: riskLevel,
      note: null,
      since: null,
      actor_id: null,
      created_at: at(deps),
    })
    .execute();
}

/** A plan on a node; created at `createdAt` (default: the clock's now). */
export async function makePlan(
  deps: Deps,
  node: NodeRef,
  p: { name: string; tagCode: string | null; everyDays: number; riskLevels?: string[]; createdAt?: string },
): Promise<number> {
  const when = p.createdAt ?? at(deps);
  const r = await deps.db
    .insertInto('visit_plans')
    .values({
      node_id: node.id,
      name: p.name,
      tag_code: p.tagCode,
      risk_levels: p.riskLevels?.length ? JSON.stringify(p.riskLevels) : null,
      every_days: p.everyDays,
      active: 1,
      created_at: when,
      updated_at: when,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** A past visit of a household. */
export async function makeVisit(
  deps: Deps,
  householdId: number,
  visitedAt: string,
  opts: { disputeFound?: boolean; resolvedAt?: string | null; screened?: boolean } = {},
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
      visitor_name: '测试网格员',
      visited_at: visitedAt,
      method: 'in_person',
      findings: null,
      screened: opts.screened === false ? 0 : 1,
      dispute_found: opts.disputeFound ? 1 : 0,
      dispute_resolved_at: opts.resolvedAt ?? null,
      follow_up: 0,
      flagged: 0,
      created_at: visitedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export const daysBefore = (deps: Deps, days: number) =>
  new Date(deps.clock.now().getTime() - days * 86_400_000).toISOString();
