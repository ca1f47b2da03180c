import { parseIdNumber } from '../../../common/id-number.js';
import { maskIdNumber, maskName, maskPhone } from '../../../common/masking.js';
import { authorize, isInSubtree, type Permission, type Role } from '../../../common/permissions.js';
import { parseMobile } from '../../../common/phone.js';
import { parseRoomLabel, roomLabel } from '../../../common/registry.js';
import { deriveHouseholdTags, derivePersonTags } from '../../../common/tags.js';
import type { CallContext, Deps } from '../../context.js';
import type { Db, Tx } from '../../db/create-db.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { denyOutOfScope, requireGlobal } from '../../plugins/auth.js';
import { type AuditContext, appendAudit, recordAudit } from '../audit/audit.service.js';
import {
  higherRisk,
  minimalPaths,
  scopePaths,
  type TagRecord,
  tagVisibility,
  tagVisibleSomewhere,
  tagVisibleSubtrees,
} from './registry.policy.js';
import {
  type BuildingView,
  type HouseholdRowView,
  type OrganisationView,
  parseTagRow,
  presentBuilding,
  presentEvent,
  presentHouseholdRow,
  presentOrganisation,
  presentResident,
  presentResidentDetail,
  presentTag,
  presentVisit,
  type ResidentRowView,
  type TagRef,
  type TagView,
  tagRef,
  type VisitView,
} from './registry.presenter.js';
import * as repo from './registry.repository.js';
import {
  checkCreditCode,
  checkDate,
  checkPersonIds,
  checkRoomInBuilding,
  errorCodeOf,
} from './registry.validation.js';

/*
 * People and places (人房), tags and their visibility — docs/api-registry.md, docs/domain/ (DOMAIN.md §2.2, §8).
 *
 * Public helpers other modules import (keep these signatures stable; gridchart, visits and imports use them):
 *
 *   loadTags(db: Db | Tx): Promise<TagRecord[]>
 *       The whole dictionary, parsed, in legend order (sort, id). Includes inactive tags (`active: false`).
 *   visibleTagFilter(c: CallContext, nodePath: string, tags?: TagRecord[]): Promise<Set<string>>
 *       Tag codes the caller may see on records under `nodePath` (roles of every assignment covering the
 *       node, through common/tags.ts canSeeTag; inactive tags never).
 *   tagVisibilityFor(c: CallContext, tags: TagRecord[]): (nodePath: string) => Set<string>
 *       The same as a memoised synchronous function, for loops over many rows.
 *   householdTagsFor(c: CallContext, householdIds: number[], tags?: TagRecord[]): Promise<Map<number, TagRef[]>>
 *       Visible tags of each household: assigned household tags + derived household tags (党员户, 独居老人,
 *       出租户/空置房/商户, 矛盾纠纷户) + every active member's person tags (assigned and 高龄老人), each code once
 *       (highest risk level kept), in dictionary order. Ids outside the caller's scope get no entry.
 *   householdTagsUnder(c: CallContext, nodePath: string, tags?: TagRecord[]): Promise<Map<number, TagRef[]>>
 *       The same for every household under a node, in five queries (the grid chart's whole view). The caller
 *       checks that the node is in scope first.
 *   ensureDefaultTags(deps: Deps): Promise<number>
 *       Inserts the DEFAULT_TAGS codes that are missing (sort = list order); returns how many were added.
 *
 * TagRecord is exported from registry.policy.ts, TagRef / TagView from registry.presenter.ts; the pure field
 * checks (ID, phone, credit code, room inside building) from registry.validation.ts.
 */

export type { TagRecord } from './registry.policy.js';
export type { TagRef, TagView } from './registry.presenter.js';

const SYSTEM_AUDIT: AuditContext = { actorId: null, actorName: 'system', ip: null, requestId: null };
const iso = (d: Date) => d.toISOString();
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const LAST_VISITS = 10;

// ---------------------------------------------------------------------------------------------
// shared helpers

function invalid(problems: FieldProblem[]): AppError {
  return new AppError(errorCodeOf(problems), 400, problems);
}

function conflict(code: string, field: string): AppError {
  return new AppError(code, 409, [{ field, code }]);
}

/** Readable but not writable: 403 with an access.denied audit entry. */
async function forbid(c: CallContext, entityType: string, entityId: number, permission: Permission) {
  await recordAudit(
    c.deps.db,
    c.deps.kind,
    c.audit,
    { action: 'access.denied', entityType, entityId, outcome: 'denied', after: { permission } },
    c.deps.clock.now(),
  );
  return new AppError('FORBIDDEN', 403);
}

const inScope = (path: string, scope: readonly string[]) => scope.some((p) => isInSubtree(path, p));

/** Subtrees in which the caller holds `permission`, narrowed to `nodeId` when given (404 + audit outside). */
async function resolveScope(c: CallContext, permission: Permission, nodeId?: number): Promise<string[]> {
  const paths = scopePaths(c.actor, permission);
  if (nodeId) {
    const n = await repo.findNodeBrief(c.deps.db, nodeId);
    if (!n || !inScope(n.path, paths)) throw await denyOutOfScope(c, 'grid_node', nodeId, permission);
    return [n.path];
  }
  if (!paths.length) throw new AppError('FORBIDDEN', 403);
  return paths;
}

function ageCutoffs(today: Date): repo.AgeCutoffs {
  const md = isoDate(today).slice(4);
  const y = today.getUTCFullYear();
  return { c60: `${String(y - 60).padStart(4, '0')}${md}`, c80: `${String(y - 80).padStart(4, '0')}${md}` };
}

function paging(q: { page?: number; pageSize?: number }) {
  const pageSize = Math.min(Math.max(q.pageSize ?? 20, 1), 200);
  const page = Math.max(q.page ?? 1, 1);
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

// ---------------------------------------------------------------------------------------------
// tag visibility (public helpers)

export async function loadTags(db: Db | Tx): Promise<TagRecord[]> {
  return (await repo.listTagRows(db)).map(parseTagRow);
}

export function tagVisibilityFor(c: CallContext, tags: TagRecord[]): (nodePath: string) => Set<string> {
  return tagVisibility(c.actor, tags);
}

export async function visibleTagFilter(c: CallContext, nodePath: string, tags?: TagRecord[]) {
  return tagVisibility(c.actor, tags ?? (await loadTags(c.deps.db)))(nodePath);
}

/** Records a tag on a key, keeping the more serious risk level when it is there twice. */
function addRisk(
  into: Map<number, Map<string, string | null>>,
  key: number,
  t: TagRecord,
  risk: string | null,
) {
  let m = into.get(key);
  if (!m) {
    m = new Map();
    into.set(key, m);
  }
  m.set(t.code, m.has(t.code) ? higherRisk(t, m.get(t.code) ?? null, risk) : risk);
}

/** Folds facts into visible TagRefs per household (see the header). */
function foldHouseholdTags(
  c: CallContext,
  tags: TagRecord[],
  facts: repo.HouseholdFacts,
  today: Date,
): Map<number, TagRef[]> {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const visible = tagVisibility(c.actor, tags);
  const members = new Map<number, repo.HouseholdFacts['members']>();
  for (const m of facts.members) {
    if (m.household_id === null) continue;
    const list = members.get(m.household_id);
    if (list) list.push(m);
    else members.set(m.household_id, [m]);
  }
  const assigned = new Map<number, Map<string, string | null>>();
  const addAssigned = (hid: number | null, tagId: number, risk: string | null) => {
    const t = hid === null ? undefined : byId.get(tagId);
    if (!t || hid === null) return;
    addRisk(assigned, hid, t, risk);
  };
  for (const a of facts.householdTags) addAssigned(a.household_id, a.tag_id, a.risk_level);
  for (const a of facts.personTags) addAssigned(a.household_id, a.tag_id, a.risk_level);
  const disputes = new Map(facts.openDisputes.map((d) => [d.household_id, Number(d.n)]));

  const out = new Map<number, TagRef[]>();
  for (const h of facts.households) {
    const ms = members.get(h.id) ?? [];
    const codes = new Map<string, string | null>(assigned.get(h.id) ?? []);
    const derived = deriveHouseholdTags(
      {
        use: h.use,
        members: ms.map((m) => ({
          birthDate: m.birth_date,
          livingHere: m.living_here === 1,
          politicalStatus: m.political_status,
          status: m.status,
        })),
        openDisputes: disputes.get(h.id) ?? 0,
      },
      today,
    );
    for (const code of derived) if (!codes.has(code)) codes.set(code, null);
    for (const m of ms)
      for (const code of derivePersonTags({ birthDate: m.birth_date, status: m.status }, today))
        if (!codes.has(code)) codes.set(code, null);
    const seen = visible(h.node_path);
    const refs: TagRef[] = [];
    for (const t of tags) if (codes.has(t.code) && seen.has(t.code)) refs.push(tagRef(t, codes.get(t.code)));
    out.set(h.id, refs);
  }
  return out;
}

/** Visible tags per household id; households outside the caller's grid.read scope are left out. */
export async function householdTagsFor(
  c: CallContext,
  householdIds: number[],
  tags?: TagRecord[],
): Promise<Map<number, TagRef[]>> {
  if (!householdIds.length) return new Map();
  const dict = tags ?? (await loadTags(c.deps.db));
  const facts = await repo.householdFactsByIds(c.deps.db, householdIds);
  const scope = scopePaths(c.actor, 'grid.read');
  facts.households = facts.households.filter((h) => inScope(h.node_path, scope));
  return foldHouseholdTags(c, dict, facts, c.deps.clock.now());
}

/** Visible tags of every household under a node already checked to be in scope. */
export async function householdTagsUnder(
  c: CallContext,
  nodePath: string,
  tags?: TagRecord[],
): Promise<Map<number, TagRef[]>> {
  const dict = tags ?? (await loadTags(c.deps.db));
  const facts = await repo.householdFactsUnder(c.deps.db, nodePath);
  return foldHouseholdTags(c, dict, facts, c.deps.clock.now());
}

/** Visible person tags (assigned + 高龄老人) per resident. */
async function personTagsFor(
  c: CallContext,
  residents: repo.ResidentRow[],
  tags: TagRecord[],
): Promise<Map<number, TagRef[]>> {
  const out = new Map<number, TagRef[]>();
  if (!residents.length) return out;
  const today = c.deps.clock.now();
  const byId = new Map(tags.map((t) => [t.id, t]));
  const visible = tagVisibility(c.actor, tags);
  const assigned = new Map<number, Map<string, string | null>>();
  for (const a of await repo.assignmentsOfResidents(
    c.deps.db,
    residents.map((r) => r.id),
  )) {
    const t = byId.get(a.tag_id);
    if (!t || a.resident_id === null) continue;
    addRisk(assigned, a.resident_id, t, a.risk_level);
  }
  for (const r of residents) {
    const codes = new Map<string, string | null>(assigned.get(r.id) ?? []);
    for (const code of derivePersonTags({ birthDate: r.birth_date, status: r.status }, today))
      if (!codes.has(code)) codes.set(code, null);
    const seen = visible(r.node_path);
    out.set(
      r.id,
      tags.filter((t) => codes.has(t.code) && seen.has(t.code)).map((t) => tagRef(t, codes.get(t.code))),
    );
  }
  return out;
}

/** Resolves `?tag=` into a SQL condition restricted to where the caller sees that tag (unknown = nowhere). */
async function tagCondition(c: CallContext, code: string, target: 'household' | 'resident') {
  const tags = await loadTags(c.deps.db);
  const tag = tags.find((t) => t.code === code);
  const cut = ageCutoffs(c.deps.clock.now());
  // An unknown code and a tag the caller may not see answer alike: nothing matches.
  if (!tag) return { cond: repo.householdHasTag({ id: -1, code: '', derived: true }, cut), scope: [] };
  const cond =
    target === 'resident' && tag.appliesTo === 'person'
      ? repo.residentHasTag(tag, cut)
      : repo.householdHasTag(tag, cut);
  return { cond, scope: tagVisibleSubtrees(c.actor, tag) };
}

// ---------------------------------------------------------------------------------------------
// tag dictionary

/** Seeds the default dictionary (issue 3): adds missing codes only, so admins' edits survive restarts. */
export async function ensureDefaultTags(deps: Deps): Promise<number> {
  return deps.db.transaction().execute(async (tx) => {
    const { added } = await repo.insertMissingDefaultTags(tx, iso(deps.clock.now()));
    if (added.length)
      await appendAudit(
        tx,
        deps.kind,
        SYSTEM_AUDIT,
        { action: 'tag.seed', after: { codes: added } },
        deps.clock.now(),
      );
    return added.length;
  });
}

/** Tags the caller may see somewhere; a settings.write holder (who edits the dictionary) sees every definition. */
export async function listTags(c: CallContext): Promise<TagView[]> {
  const tags = await loadTags(c.deps.db);
  const editor = authorize(c.actor, 'settings.write', null);
  return tags.filter((t) => editor || tagVisibleSomewhere(c.actor, t)).map((t) => presentTag(c.actor, t));
}

export interface TagInput {
  code: string;
  name: { zh: string; en: string };
  symbol: string;
  color: string;
  appliesTo: 'household' | 'person';
  sensitivity: 'public' | 'restricted' | 'sensitive';
  visibleRoles?: Role[];
  riskLevels?: string[];
  sort?: number;
  active?: boolean;
}

/** A new hand-assigned tag (derived tags exist only in code). */
export async function createTag(c: CallContext, input: TagInput): Promise<TagView> {
  await requireGlobal(c, 'settings.write');
  const now = c.deps.clock.now();
  const id = await c.deps.db.transaction().execute(async (tx) => {
    if (await repo.findTagByCode(tx, input.code)) throw conflict('TAG_CODE_TAKEN', 'code');
    const sort = input.sort ?? (await repo.maxTagSort(tx)) + 10;
    const newId = await repo.insertTag(tx, {
      code: input.code,
      name_zh: input.name.zh.trim(),
      name_en: input.name.en.trim(),
      symbol: input.symbol,
      color: input.color,
      applies_to: input.appliesTo,
      sensitivity: input.sensitivity,
      visible_roles: (input.visibleRoles ?? []).join(','),
      derived: 0,
      risk_levels: input.riskLevels?.length ? JSON.stringify(input.riskLevels) : null,
      sort,
      active: input.active === false ? 0 : 1,
      created_at: iso(now),
      updated_at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'tag.create', entityType: 'tag', entityId: newId, after: input },
      now,
    );
    return newId;
  });
  const row = await repo.findTagRow(c.deps.db, id);
  return presentTag(c.actor, parseTagRow(row!));
}

export type TagPatch = Partial<Omit<TagInput, 'code' | 'appliesTo'>>;

/** Edits a definition; code, target and derivation stay fixed (assignments and rules depend on them). */
export async function updateTag(c: CallContext, id: number, patch: TagPatch): Promise<TagView> {
  await requireGlobal(c, 'settings.write');
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    const row = await repo.findTagRow(tx, id);
    if (!row) throw new AppError('NOT_FOUND', 404);
    const before = presentTag(c.actor, parseTagRow(row));
    await repo.updateTag(tx, id, {
      ...(patch.name ? { name_zh: patch.name.zh.trim(), name_en: patch.name.en.trim() } : {}),
      ...(patch.symbol !== undefined ? { symbol: patch.symbol } : {}),
      ...(patch.color !== undefined ? { color: patch.color } : {}),
      ...(patch.sensitivity !== undefined ? { sensitivity: patch.sensitivity } : {}),
      ...(patch.visibleRoles !== undefined ? { visible_roles: patch.visibleRoles.join(',') } : {}),
      ...(patch.riskLevels !== undefined
        ? { risk_levels: patch.riskLevels.length ? JSON.stringify(patch.riskLevels) : null }
        : {}),
      ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      updated_at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'tag.update',
        entityType: 'tag',
        entityId: id,
        before: { ...before, allowedActions: undefined },
        after: patch,
      },
      now,
    );
  });
  const row = await repo.findTagRow(c.deps.db, id);
  return presentTag(c.actor, parseTagRow(row!));
}

// ---------------------------------------------------------------------------------------------
// buildings

/**
 * Loads a record only if the caller may read it (else 404 + audit, as if it did not exist), then checks the
 * permission the operation needs (403 + audit when readable but not allowed).
 */
async function loadInScope<T extends { node_path: string }>(
  c: CallContext,
  entityType: string,
  id: number,
  row: T | undefined,
  readPermission: Permission,
  permission: Permission,
): Promise<T> {
  if (!row || !authorize(c.actor, readPermission, { path: row.node_path }))
    throw await denyOutOfScope(c, entityType, id, permission);
  if (permission !== readPermission && !authorize(c.actor, permission, { path: row.node_path }))
    throw await forbid(c, entityType, id, permission);
  return row;
}

const readableBuilding = async (c: CallContext, id: number, permission: Permission = 'grid.read') =>
  loadInScope(c, 'building', id, await repo.findBuilding(c.deps.db, id), 'grid.read', permission);

/** A micro-grid the caller may write people and places in; 404 outside scope, 400 on another level. */
async function writableMicrogrid(c: CallContext, nodeId: number) {
  const n = await repo.findNodeBrief(c.deps.db, nodeId);
  if (!n || !authorize(c.actor, 'grid.read', { path: n.path }))
    throw await denyOutOfScope(c, 'grid_node', nodeId, 'person.write');
  if (!authorize(c.actor, 'person.write', { path: n.path }))
    throw await forbid(c, 'grid_node', nodeId, 'person.write');
  if (n.level !== 'microgrid' || n.retired_at)
    throw invalid([
      {
        field: 'nodeId',
        code: 'NODE_NOT_MICROGRID',
        message: { zh: '请选择一个在用的微网格', en: 'Choose an active micro-grid' },
      },
    ]);
  return n;
}

/** The community a node lies in (the nearest ancestor at community level), for building-number uniqueness. */
async function communityPathOf(db: Db | Tx, path: string): Promise<string> {
  const ids = path.split('/').filter(Boolean).map(Number);
  const nodes = await repo.nodesBrief(db, ids);
  const community = nodes
    .filter((n) => n.level === 'community')
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (community) return community.path;
  return `/${ids.slice(0, -1).join('/')}/`.replace('//', '/');
}

export async function listBuildings(
  c: CallContext,
  q: { nodeId?: number; q?: string },
): Promise<BuildingView[]> {
  const scope = await resolveScope(c, 'grid.read', q.nodeId);
  const rows = await repo.listBuildings(c.deps.db, scope, q.q?.trim() || undefined);
  return rows.map((b) => presentBuilding(c.actor, b));
}

export async function getBuilding(c: CallContext, id: number): Promise<BuildingView> {
  return presentBuilding(c.actor, await readableBuilding(c, id));
}

export interface BuildingInput {
  nodeId: number;
  number: string;
  name?: string | null;
  address?: string | null;
  type: string;
  units: number;
  floors: number;
  roomsPerFloor: number;
  lat?: number | null;
  lng?: number | null;
  createRooms?: boolean;
}

/** A building on a micro-grid; by default one vacant household per unit × floor × room (docs/api-registry.md). */
export async function createBuilding(c: CallContext, input: BuildingInput): Promise<BuildingView> {
  const node = await writableMicrogrid(c, input.nodeId);
  const number = input.number.trim();
  const now = c.deps.clock.now();
  const id = await c.deps.db.transaction().execute(async (tx) => {
    if (await repo.buildingNumberTaken(tx, await communityPathOf(tx, node.path), number))
      throw conflict('BUILDING_NUMBER_TAKEN', 'number');
    const bid = await repo.insertBuilding(tx, {
      node_id: node.id,
      number,
      name: input.name?.trim() || null,
      address: input.address?.trim() || null,
      type: input.type,
      units: input.units,
      floors: input.floors,
      rooms_per_floor: input.roomsPerFloor,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      retired_at: null,
      created_at: iso(now),
      updated_at: iso(now),
    });
    let rooms = 0;
    if (input.createRooms !== false) {
      const rows = [];
      for (let u = 1; u <= input.units; u++)
        for (let f = 1; f <= input.floors; f++)
          for (let r = 1; r <= input.roomsPerFloor; r++)
            rows.push({
              building_id: bid,
              node_id: node.id,
              unit_no: u,
              floor: f,
              room_no: r,
              room_label: roomLabel(number, u, f, r),
              use: 'vacant',
              householder_id: null,
              created_at: iso(now),
              updated_at: iso(now),
            });
      await repo.insertHouseholds(tx, rows);
      rooms = rows.length;
    }
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'building.create',
        entityType: 'building',
        entityId: bid,
        nodeId: node.id,
        after: { ...input, number, rooms },
      },
      now,
    );
    return bid;
  });
  return getBuilding(c, id);
}

export type BuildingPatch = Partial<Omit<BuildingInput, 'nodeId' | 'createRooms'>>;

/** Edits a building; a new number relabels its rooms; dimensions never shrink below registered rooms. */
export async function updateBuilding(
  c: CallContext,
  id: number,
  patch: BuildingPatch,
): Promise<BuildingView> {
  const b = await readableBuilding(c, id, 'person.write');
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    const extent = await repo.buildingExtent(tx, id);
    const problems: FieldProblem[] = [];
    const shrink = (field: string, v: number | undefined, min: number) => {
      if (v !== undefined && v < min)
        problems.push({
          field,
          code: 'ROOM_OUTSIDE_BUILDING',
          message: {
            zh: `已登记的房屋需要至少 ${min}`,
            en: `Registered rooms need at least ${min}`,
          },
        });
    };
    shrink('units', patch.units, extent.units);
    shrink('floors', patch.floors, extent.floors);
    shrink('roomsPerFloor', patch.roomsPerFloor, extent.rooms);
    if (problems.length) throw invalid(problems);
    const number = patch.number?.trim();
    if (number && number !== b.number) {
      if (await repo.buildingNumberTaken(tx, await communityPathOf(tx, b.node_path), number, id))
        throw conflict('BUILDING_NUMBER_TAKEN', 'number');
      for (const h of await repo.householdsOfBuilding(tx, id))
        await repo.relabelHousehold(tx, h.id, roomLabel(number, h.unit_no, h.floor, h.room_no), iso(now));
    }
    await repo.updateBuilding(tx, id, {
      ...(number ? { number } : {}),
      ...(patch.name !== undefined ? { name: patch.name?.trim() || null } : {}),
      ...(patch.address !== undefined ? { address: patch.address?.trim() || null } : {}),
      ...(patch.type !== undefined ? { type: patch.type } : {}),
      ...(patch.units !== undefined ? { units: patch.units } : {}),
      ...(patch.floors !== undefined ? { floors: patch.floors } : {}),
      ...(patch.roomsPerFloor !== undefined ? { rooms_per_floor: patch.roomsPerFloor } : {}),
      ...(patch.lat !== undefined ? { lat: patch.lat } : {}),
      ...(patch.lng !== undefined ? { lng: patch.lng } : {}),
      updated_at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'building.update',
        entityType: 'building',
        entityId: id,
        nodeId: b.node_id,
        before: presentBuilding(c.actor, b),
        after: patch,
      },
      now,
    );
  });
  return getBuilding(c, id);
}

// ---------------------------------------------------------------------------------------------
// households

const readableHousehold = async (c: CallContext, id: number, permission: Permission = 'grid.read') =>
  loadInScope(c, 'household', id, await repo.findHousehold(c.deps.db, id), 'grid.read', permission);

export interface HouseholdQuery {
  nodeId?: number;
  buildingId?: number;
  tag?: string;
  use?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** Households in the caller's subtree, filtered; tags filtered to those the caller may see on each. */
export async function listHouseholds(
  c: CallContext,
  q: HouseholdQuery,
): Promise<{ items: HouseholdRowView[]; total: number; totalCapped: boolean }> {
  const scope = await resolveScope(c, 'grid.read', q.nodeId);
  if (q.buildingId) await readableBuilding(c, q.buildingId);
  const text = q.q?.trim();
  const label = text ? parseRoomLabel(text) : null;
  const { limit, offset } = paging(q);
  const { rows, total } = await repo.listHouseholds(
    c.deps.db,
    {
      scope,
      buildingId: q.buildingId,
      use: q.use,
      roomLabel: label ? roomLabel(label.building, label.unit, label.floor, label.room) : undefined,
      text: text && !label ? text : undefined,
      tag: q.tag ? await tagCondition(c, q.tag, 'household') : undefined,
    },
    limit,
    offset,
  );
  const tags = await householdTagsFor(
    c,
    rows.map((r) => r.id),
  );
  // Household counts are exact (totalCapped is there so both lists answer alike).
  return {
    items: rows.map((h) => presentHouseholdRow(c.actor, h, tags.get(h.id) ?? [])),
    total,
    totalCapped: false,
  };
}

export type HouseholdCard = Omit<HouseholdRowView, 'members'> & {
  memberCount: number;
  members: ResidentRowView[];
  openMatters: VisitView[];
  visits: VisitView[];
};

/** The household card: members (person.read), visible tags, open matters and the last 10 visits. */
export async function getHousehold(c: CallContext, id: number): Promise<HouseholdCard> {
  const h = await readableHousehold(c, id);
  const dict = await loadTags(c.deps.db);
  const tags = (await householdTagsFor(c, [id], dict)).get(id) ?? [];
  const row = presentHouseholdRow(c.actor, h, tags);
  const people = authorize(c.actor, 'person.read', { path: h.node_path });
  let members: ResidentRowView[] = [];
  let openMatters: VisitView[] = [];
  let visits: VisitView[] = [];
  if (people) {
    const rs = await repo.residentsOfHouseholds(c.deps.db, [id]);
    const ptags = await personTagsFor(c, rs, dict);
    const today = c.deps.clock.now();
    members = rs.map((r) => presentResident(c.actor, c.deps.crypto, r, ptags.get(r.id) ?? [], today));
    openMatters = (await repo.openMattersOf(c.deps.db, id)).map(presentVisit);
    visits = (await repo.lastVisitsOf(c.deps.db, id, LAST_VISITS)).map(presentVisit);
  }
  return { ...row, memberCount: row.members, members, openMatters, visits };
}

export interface HouseholdInput {
  buildingId: number;
  unitNo: number;
  floor: number;
  roomNo: number;
  use: string;
}

/** A room inside its building's units, floors and rooms per floor; one household per room. */
export async function createHousehold(c: CallContext, input: HouseholdInput): Promise<HouseholdCard> {
  const b = await readableBuilding(c, input.buildingId, 'person.write');
  const problems = checkRoomInBuilding(b, input);
  if (problems.length) throw invalid(problems);
  const now = c.deps.clock.now();
  const id = await c.deps.db.transaction().execute(async (tx) => {
    if (await repo.findHouseholdByRoom(tx, b.id, input.unitNo, input.floor, input.roomNo))
      throw conflict('HOUSEHOLD_EXISTS', 'roomNo');
    const label = roomLabel(b.number, input.unitNo, input.floor, input.roomNo);
    const hid = await repo.insertHousehold(tx, {
      building_id: b.id,
      node_id: b.node_id,
      unit_no: input.unitNo,
      floor: input.floor,
      room_no: input.roomNo,
      room_label: label,
      use: input.use,
      householder_id: null,
      created_at: iso(now),
      updated_at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'household.create',
        entityType: 'household',
        entityId: hid,
        nodeId: b.node_id,
        after: { ...input, roomLabel: label },
      },
      now,
    );
    return hid;
  });
  return getHousehold(c, id);
}

export interface HouseholdPatch {
  use?: string;
  householderId?: number | null;
}

/** Changes the use or the householder (who must be an active member of this household). */
export async function updateHousehold(
  c: CallContext,
  id: number,
  patch: HouseholdPatch,
): Promise<HouseholdCard> {
  const h = await readableHousehold(c, id, 'person.write');
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    if (patch.householderId) {
      const r = await repo.findResident(tx, patch.householderId);
      if (!r || r.household_id !== id || r.status !== 'active')
        throw invalid([
          {
            field: 'householderId',
            code: 'invalid',
            message: { zh: '户主须是本户在住成员', en: 'The householder must be a current member' },
          },
        ]);
    }
    await repo.updateHousehold(tx, id, {
      ...(patch.use !== undefined ? { use: patch.use } : {}),
      ...(patch.householderId !== undefined ? { householder_id: patch.householderId } : {}),
      updated_at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'household.update',
        entityType: 'household',
        entityId: id,
        nodeId: h.node_id,
        before: { use: h.use, householderId: h.householder_id },
        after: patch,
      },
      now,
    );
  });
  return getHousehold(c, id);
}

// ---------------------------------------------------------------------------------------------
// residents

const readableResident = async (c: CallContext, id: number, permission: Permission = 'person.read') =>
  loadInScope(c, 'resident', id, await repo.findResident(c.deps.db, id), 'person.read', permission);

export interface ResidentQuery {
  nodeId?: number;
  buildingId?: number;
  householdId?: number;
  tag?: string;
  q?: string;
  status?: 'active' | 'moved_out' | 'deceased' | 'all';
  page?: number;
  pageSize?: number;
}

/**
 * Residents in the caller's person.read subtrees. `q` is an exact ID number or mobile (blind index), a room
 * label (3-2-501) or a name fragment.
 */
/** `totalCap`: count name-search matches up to this many (default repo.SEARCH_TOTAL_CAP; exports ask for more). */
export async function listResidents(
  c: CallContext,
  q: ResidentQuery,
  opts: { totalCap?: number } = {},
): Promise<{ items: ResidentRowView[]; total: number; totalCapped: boolean }> {
  const scope = await resolveScope(c, 'person.read', q.nodeId);
  if (q.buildingId) await readableBuilding(c, q.buildingId, 'person.read');
  if (q.householdId) await readableHousehold(c, q.householdId, 'person.read');
  const f: repo.ResidentFilter = {
    scope,
    buildingId: q.buildingId,
    householdId: q.householdId,
    status: q.status === 'all' ? undefined : (q.status ?? 'active'),
    totalCap: opts.totalCap,
  };
  const text = q.q?.trim();
  if (text) {
    const id = parseIdNumber(text, c.deps.clock.now());
    const phone = parseMobile(text);
    const label = parseRoomLabel(text);
    if (id.ok) f.idBidx = c.deps.crypto.blindIndex('id_number', id.value);
    else if (phone.ok) f.phoneBidx = c.deps.crypto.blindIndex('phone', phone.value);
    else if (label) f.roomLabel = roomLabel(label.building, label.unit, label.floor, label.room);
    else f.name = text;
  }
  if (q.tag) f.tag = await tagCondition(c, q.tag, 'resident');
  const { limit, offset } = paging(q);
  const { rows, total, totalCapped } = await repo.listResidents(c.deps.db, f, limit, offset);
  const ptags = await personTagsFor(c, rows, await loadTags(c.deps.db));
  const today = c.deps.clock.now();
  return {
    items: rows.map((r) => presentResident(c.actor, c.deps.crypto, r, ptags.get(r.id) ?? [], today)),
    total,
    totalCapped,
  };
}

export async function getResident(c: CallContext, id: number) {
  const r = await readableResident(c, id);
  const ptags = await personTagsFor(c, [r], await loadTags(c.deps.db));
  const history = (await repo.residentEvents(c.deps.db, id)).map(presentEvent);
  return presentResidentDetail(c.actor, c.deps.crypto, r, ptags.get(id) ?? [], c.deps.clock.now(), history);
}
export type ResidentDetail = Awaited<ReturnType<typeof getResident>>;

export interface ResidentInput {
  householdId: number;
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  birthDate?: string | null;
  sex?: 'male' | 'female' | null;
  relation: string;
  registeredHere?: boolean;
  livingHere?: boolean;
  politicalStatus?: string;
  ethnicity?: string | null;
  education?: string | null;
  maritalStatus?: string | null;
  occupation?: string | null;
  employer?: string | null;
  notes?: string | null;
  movedInAt?: string | null;
}

const trimOrNull = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** What the audit log may hold about a person: masked identifiers only (docs/domain/audit.md). */
function auditPerson(
  v: { name?: string; idNumber?: string | null; phone?: string | null } & Record<string, unknown>,
) {
  const { idNumber, phone, name, ...rest } = v;
  return {
    ...rest,
    ...(name !== undefined ? { name: maskName(name) } : {}),
    ...(idNumber !== undefined ? { idNumber: idNumber ? maskIdNumber(idNumber) : null } : {}),
    ...(phone !== undefined ? { phone: phone ? maskPhone(phone) : null } : {}),
  };
}

/** Registers a person in a household: ID checked (GB 11643), birth date and sex derived, no duplicate ID. */
export async function createResident(c: CallContext, input: ResidentInput): Promise<ResidentDetail> {
  const h = await readableHousehold(c, input.householdId, 'person.write');
  const now = c.deps.clock.now();
  const checked = checkPersonIds(input, now);
  const problems = [...checked.problems, ...checkDate('movedInAt', input.movedInAt, now)];
  if (!input.name.trim())
    problems.push({ field: 'name', code: 'required', message: { zh: '姓名必填', en: 'Name is required' } });
  if (problems.length) throw invalid(problems);
  const { crypto } = c.deps;
  const id = await c.deps.db.transaction().execute(async (tx) => {
    const idBidx = checked.idNumber ? crypto.blindIndex('id_number', checked.idNumber) : null;
    if (idBidx && (await repo.residentByIdBidx(tx, idBidx))) throw conflict('ID_NUMBER_TAKEN', 'idNumber');
    const movedInAt = input.movedInAt ?? isoDate(now);
    const rid = await repo.insertResident(tx, {
      household_id: h.id,
      node_id: h.node_id,
      name: input.name.trim(),
      id_number_enc: checked.idNumber ? crypto.encrypt(checked.idNumber) : null,
      id_number_bidx: idBidx,
      birth_date: checked.birthDate,
      sex: checked.sex,
      phone_enc: checked.phone ? crypto.encrypt(checked.phone) : null,
      phone_bidx: checked.phone ? crypto.blindIndex('phone', checked.phone) : null,
      relation: input.relation,
      registered_here: input.registeredHere === false ? 0 : 1,
      living_here: input.livingHere === false ? 0 : 1,
      political_status: input.politicalStatus ?? 'masses',
      ethnicity: trimOrNull(input.ethnicity),
      education: trimOrNull(input.education),
      marital_status: trimOrNull(input.maritalStatus),
      occupation: trimOrNull(input.occupation),
      employer: trimOrNull(input.employer),
      notes: trimOrNull(input.notes),
      status: 'active',
      moved_in_at: movedInAt,
      moved_out_at: null,
      created_at: iso(now),
      updated_at: iso(now),
    });
    if (input.relation === 'self' && !h.householder_id)
      await repo.updateHousehold(tx, h.id, { householder_id: rid, updated_at: iso(now) });
    await repo.insertResidentEvent(tx, {
      resident_id: rid,
      household_id: h.id,
      kind: 'registered',
      on_date: movedInAt,
      details: JSON.stringify({ roomLabel: h.room_label }),
      actor_id: c.actor.userId,
      at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'resident.create',
        entityType: 'resident',
        entityId: rid,
        nodeId: h.node_id,
        after: auditPerson({ ...input, idNumber: checked.idNumber, phone: checked.phone }),
      },
      now,
    );
    return rid;
  });
  return getResident(c, id);
}

export type ResidentPatch = Partial<Omit<ResidentInput, 'householdId' | 'movedInAt'>>;

const PATCH_COLUMNS: Record<string, string> = {
  relation: 'relation',
  politicalStatus: 'political_status',
  ethnicity: 'ethnicity',
  education: 'education',
  maritalStatus: 'marital_status',
  occupation: 'occupation',
  employer: 'employer',
  notes: 'notes',
};

/** Edits a person; a new ID number is checked and re-derives birth date and sex. */
export async function updateResident(
  c: CallContext,
  id: number,
  patch: ResidentPatch,
): Promise<ResidentDetail> {
  const r = await readableResident(c, id, 'person.write');
  const now = c.deps.clock.now();
  const { crypto } = c.deps;
  const checked = checkPersonIds(
    {
      idNumber: patch.idNumber,
      phone: patch.phone,
      birthDate: patch.birthDate,
      sex: patch.sex,
    },
    now,
  );
  const problems = [...checked.problems];
  if (patch.name !== undefined && !patch.name.trim())
    problems.push({ field: 'name', code: 'required', message: { zh: '姓名必填', en: 'Name is required' } });
  if (problems.length) throw invalid(problems);
  await c.deps.db.transaction().execute(async (tx) => {
    const set: Record<string, unknown> = { updated_at: iso(now) };
    if (patch.name !== undefined) set.name = patch.name.trim();
    for (const [k, col] of Object.entries(PATCH_COLUMNS)) {
      const v = (patch as Record<string, unknown>)[k];
      if (v !== undefined) set[col] = typeof v === 'string' ? v.trim() || null : v;
    }
    if (patch.registeredHere !== undefined) set.registered_here = patch.registeredHere ? 1 : 0;
    if (patch.livingHere !== undefined) set.living_here = patch.livingHere ? 1 : 0;
    if (patch.idNumber !== undefined) {
      const bidx = checked.idNumber ? crypto.blindIndex('id_number', checked.idNumber) : null;
      if (bidx && (await repo.residentByIdBidx(tx, bidx, id))) throw conflict('ID_NUMBER_TAKEN', 'idNumber');
      set.id_number_enc = checked.idNumber ? crypto.encrypt(checked.idNumber) : null;
      set.id_number_bidx = bidx;
      if (checked.idNumber) {
        set.birth_date = checked.birthDate;
        set.sex = checked.sex;
      }
    }
    const hasId = patch.idNumber !== undefined ? !!checked.idNumber : !!r.id_number_enc;
    if (!hasId) {
      if (patch.birthDate !== undefined) set.birth_date = checked.birthDate;
      if (patch.sex !== undefined) set.sex = checked.sex;
    }
    if (patch.phone !== undefined) {
      set.phone_enc = checked.phone ? crypto.encrypt(checked.phone) : null;
      set.phone_bidx = checked.phone ? crypto.blindIndex('phone', checked.phone) : null;
    }
    await repo.updateResident(tx, id, set);
    const fields = Object.keys(patch);
    await repo.insertResidentEvent(tx, {
      resident_id: id,
      household_id: r.household_id,
      kind: 'updated',
      on_date: isoDate(now),
      details: JSON.stringify({ fields }),
      actor_id: c.actor.userId,
      at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'resident.update',
        entityType: 'resident',
        entityId: id,
        nodeId: r.scope_node_id,
        before: { name: maskName(r.name), relation: r.relation, status: r.status },
        after: auditPerson({
          ...patch,
          idNumber: patch.idNumber === undefined ? undefined : checked.idNumber,
          phone: patch.phone === undefined ? undefined : checked.phone,
        }),
      },
      now,
    );
  });
  return getResident(c, id);
}

/** Records a move-out: the person leaves the household's micro-grid but the history stays readable there. */
export async function moveOut(c: CallContext, id: number, input: { date: string; reason: string }) {
  const r = await readableResident(c, id, 'person.write');
  const now = c.deps.clock.now();
  const problems = checkDate('date', input.date, now);
  if (problems.length) throw invalid(problems);
  if (r.status !== 'active') throw new AppError('RESIDENT_NOT_ACTIVE', 409);
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.updateResident(tx, id, {
      status: 'moved_out',
      node_id: null,
      moved_out_at: input.date,
      updated_at: iso(now),
    });
    if (r.household_id) {
      const h = await repo.findHousehold(tx, r.household_id);
      if (h?.householder_id === id)
        await repo.updateHousehold(tx, h.id, { householder_id: null, updated_at: iso(now) });
    }
    await repo.insertResidentEvent(tx, {
      resident_id: id,
      household_id: r.household_id,
      kind: 'moved_out',
      on_date: input.date,
      details: JSON.stringify({ reason: input.reason }),
      actor_id: c.actor.userId,
      at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'resident.move_out',
        entityType: 'resident',
        entityId: id,
        nodeId: r.scope_node_id,
        before: { householdId: r.household_id, status: r.status },
        after: { date: input.date, reason: input.reason },
      },
      now,
    );
  });
  return getResident(c, id);
}

/** Moves a person into a household (a move between households, or a return); both ends must be writable. */
export async function moveIn(c: CallContext, id: number, input: { householdId: number; date: string }) {
  const r = await readableResident(c, id, 'person.write');
  const h = await readableHousehold(c, input.householdId, 'person.write');
  const now = c.deps.clock.now();
  const problems = checkDate('date', input.date, now);
  if (problems.length) throw invalid(problems);
  if (r.status === 'active' && r.household_id === h.id)
    throw invalid([
      {
        field: 'householdId',
        code: 'invalid',
        message: { zh: '此人已住在该户', en: 'This person already lives in this household' },
      },
    ]);
  await c.deps.db.transaction().execute(async (tx) => {
    if (r.status === 'active' && r.household_id) {
      const old = await repo.findHousehold(tx, r.household_id);
      if (old?.householder_id === id)
        await repo.updateHousehold(tx, old.id, { householder_id: null, updated_at: iso(now) });
    }
    await repo.updateResident(tx, id, {
      household_id: h.id,
      node_id: h.node_id,
      status: 'active',
      moved_in_at: input.date,
      moved_out_at: null,
      updated_at: iso(now),
    });
    await repo.insertResidentEvent(tx, {
      resident_id: id,
      household_id: h.id,
      kind: 'moved_in',
      on_date: input.date,
      details: JSON.stringify({
        fromHouseholdId: r.household_id,
        fromRoomLabel: r.room_label,
        roomLabel: h.room_label,
      }),
      actor_id: c.actor.userId,
      at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'resident.move_in',
        entityType: 'resident',
        entityId: id,
        nodeId: h.node_id,
        before: { householdId: r.household_id, status: r.status },
        after: { householdId: h.id, date: input.date },
      },
      now,
    );
  });
  return getResident(c, id);
}

/** Shows one full identifier to a person.reveal holder; audited without the value. */
export async function revealResident(c: CallContext, id: number, field: 'idNumber' | 'phone') {
  const r = await readableResident(c, id, 'person.reveal');
  const stored = field === 'idNumber' ? r.id_number_enc : r.phone_enc;
  const value = stored ? c.deps.crypto.decrypt(stored) : null;
  await recordAudit(
    c.deps.db,
    c.deps.kind,
    c.audit,
    {
      action: 'person.reveal',
      entityType: 'resident',
      entityId: id,
      nodeId: r.scope_node_id,
      after: { field },
    },
    c.deps.clock.now(),
  );
  return { value };
}

// ---------------------------------------------------------------------------------------------
// tag assignments

export interface AssignTagInput {
  tagCode: string;
  residentId?: number;
  riskLevel?: string | null;
  note?: string | null;
}

const tagUnknown = () =>
  invalid([
    {
      field: 'tagCode',
      code: 'TAG_UNKNOWN',
      message: { zh: '标签不存在或已停用', en: 'Unknown or inactive tag' },
    },
  ]);

/** Sets a hand-assigned tag on a household or one of its members; derived tags are refused. */
export async function assignTag(c: CallContext, householdId: number, input: AssignTagInput) {
  const h = await readableHousehold(c, householdId, 'person.write');
  const tags = await loadTags(c.deps.db);
  const tag = tags.find((t) => t.code === input.tagCode);
  if (!tag || !tagVisibility(c.actor, tags)(h.node_path).has(tag.code)) throw tagUnknown();
  if (tag.derived) throw new AppError('TAG_DERIVED', 400, [{ field: 'tagCode', code: 'TAG_DERIVED' }]);
  const problems: FieldProblem[] = [];
  if (tag.appliesTo === 'person' && !input.residentId)
    problems.push({
      field: 'residentId',
      code: 'required',
      message: { zh: '请选择人员', en: 'Choose a person' },
    });
  if (tag.appliesTo === 'household' && input.residentId)
    problems.push({
      field: 'residentId',
      code: 'invalid',
      message: { zh: '该标签用于整户', en: 'This tag applies to the whole household' },
    });
  if (input.riskLevel && !tag.riskLevels.includes(input.riskLevel))
    problems.push({
      field: 'riskLevel',
      code: 'enum',
      message: { zh: '风险等级不在该标签的取值中', en: 'Not a risk level of this tag' },
    });
  if (problems.length) throw invalid(problems);
  if (input.residentId) {
    const r = await repo.findResident(c.deps.db, input.residentId);
    if (!r || r.household_id !== householdId || r.status !== 'active')
      throw invalid([
        {
          field: 'residentId',
          code: 'invalid',
          message: { zh: '须是本户在住成员', en: 'Must be a current member of this household' },
        },
      ]);
  }
  const now = c.deps.clock.now();
  const assignmentId = await c.deps.db.transaction().execute(async (tx) => {
    const target = input.residentId ? { residentId: input.residentId } : { householdId };
    if (await repo.assignmentExists(tx, tag.id, target)) throw conflict('TAG_ALREADY_ASSIGNED', 'tagCode');
    const aid = await repo.insertAssignment(tx, {
      tag_id: tag.id,
      household_id: input.residentId ? null : householdId,
      resident_id: input.residentId ?? null,
      risk_level: input.riskLevel ?? null,
      note: trimOrNull(input.note),
      since: isoDate(now),
      actor_id: c.actor.userId,
      created_at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'tag.assign',
        entityType: input.residentId ? 'resident' : 'household',
        entityId: input.residentId ?? householdId,
        nodeId: h.node_id,
        after: { assignmentId: aid, tagCode: tag.code, householdId, riskLevel: input.riskLevel ?? null },
      },
      now,
    );
    return aid;
  });
  return { id: assignmentId, household: await getHousehold(c, householdId) };
}

/** Removes a hand-assigned tag; the caller must be able to write the household and see the tag there. */
export async function unassignTag(c: CallContext, assignmentId: number) {
  const a = await repo.findAssignment(c.deps.db, assignmentId);
  let householdId: number | null = a?.household_id ?? null;
  if (a?.resident_id) householdId = (await repo.findResident(c.deps.db, a.resident_id))?.household_id ?? null;
  const h = householdId ? await repo.findHousehold(c.deps.db, householdId) : undefined;
  const tags = await loadTags(c.deps.db);
  const tag = a ? tags.find((t) => t.id === a.tag_id) : undefined;
  if (
    !a ||
    !h ||
    !tag ||
    !authorize(c.actor, 'person.read', { path: h.node_path }) ||
    !tagVisibility(c.actor, tags)(h.node_path).has(tag.code)
  )
    throw await denyOutOfScope(c, 'tag_assignment', assignmentId, 'person.write');
  if (!authorize(c.actor, 'person.write', { path: h.node_path }))
    throw await forbid(c, 'tag_assignment', assignmentId, 'person.write');
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.deleteAssignment(tx, assignmentId);
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'tag.unassign',
        entityType: a.resident_id ? 'resident' : 'household',
        entityId: a.resident_id ?? h.id,
        nodeId: h.node_id,
        before: { assignmentId, tagCode: tag.code, householdId: h.id, riskLevel: a.risk_level },
      },
      now,
    );
  });
}

/** Hand-assigned tags of a household and its members that the caller may see (for the tag editor). */
export async function listAssignments(c: CallContext, householdId: number) {
  const h = await readableHousehold(c, householdId, 'person.read');
  const tags = await loadTags(c.deps.db);
  const byId = new Map(tags.map((t) => [t.id, t]));
  const seen = tagVisibility(c.actor, tags)(h.node_path);
  const members = await repo.residentsOfHouseholds(c.deps.db, [householdId]);
  const rows = [
    ...(await repo.assignmentsOfHouseholds(c.deps.db, [householdId])).filter((a) => a.resident_id === null),
    ...(await repo.assignmentsOfResidents(
      c.deps.db,
      members.map((m) => m.id),
    )),
  ];
  return rows
    .filter((a) => {
      const t = byId.get(a.tag_id);
      return t && seen.has(t.code);
    })
    .map((a) => {
      const t = byId.get(a.tag_id)!;
      return {
        id: a.id,
        tag: tagRef(t, a.risk_level),
        householdId,
        residentId: a.resident_id,
        note: a.note,
        since: a.since,
      };
    });
}

// ---------------------------------------------------------------------------------------------
// organisations

export async function listOrganisations(c: CallContext, q: { nodeId?: number }): Promise<OrganisationView[]> {
  const scope = await resolveScope(c, 'grid.read', q.nodeId);
  const rows = await repo.listOrganisations(c.deps.db, minimalPaths(scope));
  return rows.map((o) => presentOrganisation(c.actor, c.deps.crypto, o));
}

export interface OrganisationInput {
  nodeId: number;
  name: string;
  kind: string;
  creditCode?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  address?: string | null;
  buildingId?: number | null;
}

/** A shop or organisation on a micro-grid; its credit code is checked per GB 32100. */
export async function createOrganisation(
  c: CallContext,
  input: OrganisationInput,
): Promise<OrganisationView> {
  const node = await writableMicrogrid(c, input.nodeId);
  const credit = checkCreditCode(input.creditCode);
  const problems = [...credit.problems];
  let phone: string | null = null;
  if (input.contactPhone) {
    const p = parseMobile(input.contactPhone);
    if (p.ok) phone = p.value;
    else
      problems.push({
        field: 'contactPhone',
        code: 'PHONE_INVALID',
        message: { zh: '手机号码不正确，请核对', en: 'Invalid mobile number' },
      });
  }
  if (!input.name.trim())
    problems.push({ field: 'name', code: 'required', message: { zh: '名称必填', en: 'Name is required' } });
  if (input.buildingId) {
    const b = await repo.findBuilding(c.deps.db, input.buildingId);
    if (!b || b.node_id !== node.id)
      problems.push({
        field: 'buildingId',
        code: 'invalid',
        message: { zh: '楼栋须在所选微网格内', en: 'The building must be on the chosen micro-grid' },
      });
  }
  if (problems.length) throw invalid(problems);
  const now = c.deps.clock.now();
  const id = await c.deps.db.transaction().execute(async (tx) => {
    const oid = await repo.insertOrganisation(tx, {
      node_id: node.id,
      building_id: input.buildingId ?? null,
      household_id: null,
      name: input.name.trim(),
      kind: input.kind,
      credit_code: credit.value,
      contact_name: trimOrNull(input.contactName),
      contact_phone_enc: phone ? c.deps.crypto.encrypt(phone) : null,
      contact_phone_bidx: phone ? c.deps.crypto.blindIndex('phone', phone) : null,
      address: trimOrNull(input.address),
      created_at: iso(now),
      updated_at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'organisation.create',
        entityType: 'organisation',
        entityId: oid,
        nodeId: node.id,
        after: { ...input, contactPhone: phone ? maskPhone(phone) : null, creditCode: credit.value },
      },
      now,
    );
    return oid;
  });
  const row = await repo.findOrganisation(c.deps.db, id);
  return presentOrganisation(c.actor, c.deps.crypto, row!);
}
