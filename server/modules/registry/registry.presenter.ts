import type { Selectable } from 'kysely';
import { maskIdNumber, maskName, maskPhone } from '../../../common/masking.js';
import { type Actor, authorize, isRole, type Role } from '../../../common/permissions.js';
import { ageOn } from '../../../common/registry.js';
import { TAG_SENSITIVITIES, type TagSensitivity } from '../../../common/tags.js';
import type { TagsTable, VisitsTable } from '../../db/schema.js';
import type { FieldCrypto } from '../../lib/field-crypto.js';
import {
  buildingActions,
  can,
  householdActions,
  residentActions,
  type TagRecord,
} from './registry.policy.js';
import type { BuildingRow, HouseholdRow, OrganisationRow, ResidentRow } from './registry.repository.js';

// Rows → API shapes (docs/api-registry.md). Masking happens here, on the server: full ID and phone numbers
// never leave except through the audited reveal; names are shown in full only to person.read holders.

export interface TagRef {
  code: string;
  symbol: string;
  color: string;
  name: { zh: string; en: string };
  riskLevel?: string;
}

export interface TagView {
  id: number;
  code: string;
  name: { zh: string; en: string };
  symbol: string;
  color: string;
  appliesTo: 'household' | 'person';
  sensitivity: TagSensitivity;
  visibleRoles: Role[];
  derived: boolean;
  riskLevels: string[];
  sort: number;
  active: boolean;
  allowedActions: string[];
}

export function parseTagRow(r: Selectable<TagsTable>): TagRecord {
  let riskLevels: string[] = [];
  if (r.risk_levels) {
    try {
      const parsed: unknown = JSON.parse(r.risk_levels);
      if (Array.isArray(parsed)) riskLevels = parsed.map(String);
    } catch {
      riskLevels = [];
    }
  }
  return {
    id: r.id,
    code: r.code,
    name: { zh: r.name_zh, en: r.name_en },
    symbol: r.symbol,
    color: r.color,
    appliesTo: r.applies_to === 'person' ? 'person' : 'household',
    sensitivity: (TAG_SENSITIVITIES as readonly string[]).includes(r.sensitivity)
      ? (r.sensitivity as TagSensitivity)
      : 'sensitive',
    visibleRoles: r.visible_roles.split(',').filter(isRole),
    derived: r.derived === 1,
    riskLevels,
    sort: r.sort,
    active: r.active === 1,
  };
}

export function presentTag(actor: Actor, t: TagRecord): TagView {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    symbol: t.symbol,
    color: t.color,
    appliesTo: t.appliesTo,
    sensitivity: t.sensitivity,
    visibleRoles: t.visibleRoles,
    derived: t.derived,
    riskLevels: t.riskLevels,
    sort: t.sort,
    active: t.active,
    allowedActions: authorize(actor, 'settings.write', null) ? ['edit'] : [],
  };
}

export function tagRef(t: TagRecord, riskLevel?: string | null): TagRef {
  const ref: TagRef = { code: t.code, symbol: t.symbol, color: t.color, name: t.name };
  if (riskLevel) ref.riskLevel = riskLevel;
  return ref;
}

const num = (v: number | string | null | undefined) => Number(v ?? 0);

export function presentBuilding(actor: Actor, b: BuildingRow) {
  return {
    id: b.id,
    nodeId: b.node_id,
    nodeName: b.node_name,
    number: b.number,
    name: b.name,
    address: b.address,
    type: b.type,
    units: b.units,
    floors: b.floors,
    roomsPerFloor: b.rooms_per_floor,
    lat: b.lat,
    lng: b.lng,
    households: num(b.households),
    allowedActions: buildingActions(actor, b.node_path),
  };
}
export type BuildingView = ReturnType<typeof presentBuilding>;

export function presentHouseholdRow(actor: Actor, h: HouseholdRow, tags: TagRef[]) {
  const fullNames = can(actor, 'person.read', h.node_path);
  return {
    id: h.id,
    buildingId: h.building_id,
    buildingNumber: h.building_number,
    nodeId: h.node_id,
    roomLabel: h.room_label,
    unitNo: h.unit_no,
    floor: h.floor,
    roomNo: h.room_no,
    use: h.use,
    householderName: h.householder_name
      ? fullNames
        ? h.householder_name
        : maskName(h.householder_name)
      : null,
    members: num(h.member_count),
    tags,
    lastVisitAt: h.last_visit_at,
    allowedActions: householdActions(actor, h.node_path),
  };
}
export type HouseholdRowView = ReturnType<typeof presentHouseholdRow>;

export function presentResident(
  actor: Actor,
  crypto: FieldCrypto,
  r: ResidentRow,
  tags: TagRef[],
  today: Date,
) {
  const reveal = can(actor, 'person.reveal', r.node_path);
  const fullName = can(actor, 'person.read', r.node_path);
  return {
    id: r.id,
    householdId: r.household_id,
    roomLabel: r.room_label,
    name: fullName ? r.name : maskName(r.name),
    sex: r.sex,
    age: r.birth_date ? ageOn(r.birth_date, today) : null,
    birthDate: r.birth_date ? (reveal ? r.birth_date : r.birth_date.slice(0, 7)) : null,
    idNumberMasked: r.id_number_enc ? maskIdNumber(crypto.decrypt(r.id_number_enc)) : null,
    phoneMasked: r.phone_enc ? maskPhone(crypto.decrypt(r.phone_enc)) : null,
    relation: r.relation,
    registeredHere: r.registered_here === 1,
    livingHere: r.living_here === 1,
    politicalStatus: r.political_status,
    status: r.status,
    tags,
    allowedActions: residentActions(actor, r.node_path, {
      status: r.status,
      hasIdNumber: !!r.id_number_enc,
      hasPhone: !!r.phone_enc,
    }),
  };
}
export type ResidentRowView = ReturnType<typeof presentResident>;

export interface ResidentEventView {
  id: number;
  kind: string;
  date: string | null;
  householdId: number | null;
  roomLabel: string | null;
  details: unknown;
  actorName: string | null;
  at: string;
}

export function presentEvent(e: {
  id: number;
  kind: string;
  on_date: string | null;
  details: string | null;
  household_id: number | null;
  room_label: string | null;
  actor_name: string | null;
  at: string;
}): ResidentEventView {
  let details: unknown = null;
  if (e.details) {
    try {
      details = JSON.parse(e.details);
    } catch {
      details = null;
    }
  }
  return {
    id: e.id,
    kind: e.kind,
    date: e.on_date,
    householdId: e.household_id,
    roomLabel: e.room_label,
    details,
    actorName: e.actor_name,
    at: e.at,
  };
}

export function presentResidentDetail(
  actor: Actor,
  crypto: FieldCrypto,
  r: ResidentRow,
  tags: TagRef[],
  today: Date,
  history: ResidentEventView[],
) {
  return {
    ...presentResident(actor, crypto, r, tags, today),
    ethnicity: r.ethnicity,
    education: r.education,
    maritalStatus: r.marital_status,
    occupation: r.occupation,
    employer: r.employer,
    notes: r.notes,
    movedInAt: r.moved_in_at,
    movedOutAt: r.moved_out_at,
    history,
  };
}

export function presentVisit(v: Selectable<VisitsTable>) {
  return {
    id: v.id,
    householdId: v.household_id,
    nodeId: v.node_id,
    residentId: v.resident_id,
    planId: v.plan_id,
    visitorId: v.visitor_id,
    visitorName: v.visitor_name,
    visitedAt: v.visited_at,
    method: v.method,
    findings: v.findings,
    screened: v.screened === 1,
    disputeFound: v.dispute_found === 1,
    disputeResolvedAt: v.dispute_resolved_at,
    followUp: v.follow_up === 1,
    flagged: v.flagged === 1,
    createdAt: v.created_at,
  };
}
export type VisitView = ReturnType<typeof presentVisit>;

export function presentOrganisation(actor: Actor, crypto: FieldCrypto, o: OrganisationRow) {
  const fullNames = can(actor, 'person.read', o.node_path);
  return {
    id: o.id,
    nodeId: o.node_id,
    nodeName: o.node_name,
    buildingId: o.building_id,
    householdId: o.household_id,
    name: o.name,
    kind: o.kind,
    creditCode: o.credit_code,
    contactName: o.contact_name ? (fullNames ? o.contact_name : maskName(o.contact_name)) : null,
    contactPhoneMasked: o.contact_phone_enc ? maskPhone(crypto.decrypt(o.contact_phone_enc)) : null,
    address: o.address,
    allowedActions: can(actor, 'person.write', o.node_path) ? ['edit'] : [],
  };
}
export type OrganisationView = ReturnType<typeof presentOrganisation>;
