import type { LocalizedText } from './i18n';

/** Vocabularies of people and places (人房), DOMAIN.md §2.2. */
export const BUILDING_TYPES = ['residential', 'commercial', 'mixed'] as const;
export type BuildingType = (typeof BUILDING_TYPES)[number];
export const BUILDING_TYPE_LABELS: Readonly<Record<BuildingType, LocalizedText>> = {
  residential: { zh: '住宅', en: 'Residential' },
  commercial: { zh: '商业', en: 'Commercial' },
  mixed: { zh: '商住混合', en: 'Mixed' },
};

export const HOUSEHOLD_USES = ['owner', 'rented', 'vacant', 'commercial'] as const;
export type HouseholdUse = (typeof HOUSEHOLD_USES)[number];
export const HOUSEHOLD_USE_LABELS: Readonly<Record<HouseholdUse, LocalizedText>> = {
  owner: { zh: '自住', en: 'Owner-occupied' },
  rented: { zh: '出租', en: 'Rented' },
  vacant: { zh: '空置', en: 'Vacant' },
  commercial: { zh: '商用', en: 'Commercial' },
};

export const RELATIONS = [
  'self',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'grandparent',
  'sibling',
  'tenant',
  'other',
] as const;
export type Relation = (typeof RELATIONS)[number];
export const RELATION_LABELS: Readonly<Record<Relation, LocalizedText>> = {
  self: { zh: '户主', en: 'Householder' },
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '子女', en: 'Child' },
  parent: { zh: '父母', en: 'Parent' },
  grandchild: { zh: '孙辈', en: 'Grandchild' },
  grandparent: { zh: '祖父母', en: 'Grandparent' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  tenant: { zh: '租户', en: 'Tenant' },
  other: { zh: '其他', en: 'Other' },
};

export const POLITICAL_STATUSES = [
  'masses',
  'cpc_member',
  'cpc_probationary',
  'cyl_member',
  'democratic_party',
] as const;
export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];
export const POLITICAL_STATUS_LABELS: Readonly<Record<PoliticalStatus, LocalizedText>> = {
  masses: { zh: '群众', en: 'No affiliation' },
  cpc_member: { zh: '中共党员', en: 'CPC member' },
  cpc_probationary: { zh: '中共预备党员', en: 'CPC probationary member' },
  cyl_member: { zh: '共青团员', en: 'CYL member' },
  democratic_party: { zh: '民主党派', en: 'Democratic party member' },
};

export const VISIT_METHODS = ['in_person', 'phone', 'wechat'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];
export const VISIT_METHOD_LABELS: Readonly<Record<VisitMethod, LocalizedText>> = {
  in_person: { zh: '入户', en: 'In person' },
  phone: { zh: '电话', en: 'Phone' },
  wechat: { zh: '微信', en: 'WeChat' },
};

export const ORG_KINDS = ['shop', 'enterprise', 'social_org', 'public_institution', 'other'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/**
 * 房号 3-2-501 = building 3, unit 2, floor 5, room 01. The room part is floor × 100 + room,
 * so floors above 99 are not representable (none exist in a community).
 */
export function roomLabel(building: string, unit: number, floor: number, room: number): string {
  return `${building}-${unit}-${floor}${String(room).padStart(2, '0')}`;
}

export function parseRoomLabel(
  label: string,
): { building: string; unit: number; floor: number; room: number } | null {
  const m = /^\s*([0-9A-Za-z\u4e00-\u9fff]+)-(\d{1,2})-(\d{1,2})(\d{2})\s*$/.exec(label);
  if (!m) return null;
  const unit = Number(m[2]);
  const floor = Number(m[3]);
  const room = Number(m[4]);
  if (unit < 1 || floor < 1 || room < 1) return null;
  return { building: m[1], unit, floor, room };
}

/** Age in whole years on a date (birth date YYYY-MM-DD). */
export function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = on.getUTCFullYear() - y;
  const md = (on.getUTCMonth() + 1) * 100 + on.getUTCDate();
  if (md < m * 100 + d) age--;
  return age;
}

/**
 * The search grams of a person's name: every character and every pair of adjacent characters of the lower-cased
 * name (by code point), without repeats. A name fragment of one or two characters is itself a gram; a longer one
 * contains only names that hold all of its pairs (see `fragmentGrams`).
 */
export function nameGrams(name: string): string[] {
  const cs = Array.from(name.toLowerCase());
  const out = new Set<string>(cs);
  for (let i = 0; i + 1 < cs.length; i++) out.add(cs[i] + cs[i + 1]);
  return [...out];
}

/** The grams every name containing `fragment` must carry: the fragment itself (1–2 characters), else its pairs. */
export function fragmentGrams(fragment: string): string[] {
  const cs = Array.from(fragment.toLowerCase());
  if (cs.length <= 2) return cs.length ? [cs.join('')] : [];
  const out = new Set<string>();
  for (let i = 0; i + 1 < cs.length; i++) out.add(cs[i] + cs[i + 1]);
  return [...out];
}
