import type { LocalizedText } from './i18n';
import { type Permission, ROLE_PERMISSIONS, type Role } from './permissions';

/** Sensitivity classes of DOMAIN.md §8.1 (PIPL 第28条). */
export const TAG_SENSITIVITIES = ['public', 'restricted', 'sensitive'] as const;
export type TagSensitivity = (typeof TAG_SENSITIVITIES)[number];
export const TAG_SENSITIVITY_LABELS: Readonly<Record<TagSensitivity, LocalizedText>> = {
  public: { zh: '公开', en: 'Public' },
  restricted: { zh: '受限', en: 'Restricted' },
  sensitive: { zh: '敏感', en: 'Sensitive' },
};

export type TagTarget = 'household' | 'person';

export interface TagDefinition {
  code: string;
  name: LocalizedText;
  symbol: string;
  color: string;
  appliesTo: TagTarget;
  sensitivity: TagSensitivity;
  /** Roles that may see the tag; empty = the default for its sensitivity (see canSeeTag). */
  visibleRoles: readonly Role[];
  /** Computed from other facts, never typed in. */
  derived: boolean;
  riskLevels?: readonly string[];
}

const WORKERS: readonly Role[] = ['grid_worker', 'community_staff'];

/**
 * The default dictionary (issue 3). Sensitive special-population tags are seen only by the grid worker and
 * community staff who follow the person up; public ones by anyone who may read the grid.
 */
export const DEFAULT_TAGS: readonly TagDefinition[] = [
  {
    code: 'party_household',
    name: { zh: '党员户', en: 'Party member household' },
    symbol: '★',
    color: '#c8161d',
    appliesTo: 'household',
    sensitivity: 'public',
    visibleRoles: [],
    derived: true,
  },
  {
    code: 'elderly_alone',
    name: { zh: '独居老人', en: 'Elderly living alone' },
    symbol: '◉',
    color: '#d46b08',
    appliesTo: 'household',
    sensitivity: 'restricted',
    visibleRoles: [],
    derived: true,
  },
  {
    code: 'empty_nest',
    name: { zh: '空巢老人', en: 'Empty-nest elderly' },
    symbol: '◎',
    color: '#d48806',
    appliesTo: 'person',
    sensitivity: 'restricted',
    visibleRoles: [],
    derived: false,
  },
  {
    code: 'very_old',
    name: { zh: '高龄老人', en: 'Aged 80+' },
    symbol: '寿',
    color: '#ad6800',
    appliesTo: 'person',
    sensitivity: 'restricted',
    visibleRoles: [],
    derived: true,
  },
  {
    code: 'disabled',
    name: { zh: '残疾人', en: 'Person with disability' },
    symbol: '♿',
    color: '#1677ff',
    appliesTo: 'person',
    sensitivity: 'sensitive',
    visibleRoles: WORKERS,
    derived: false,
  },
  {
    code: 'dibao',
    name: { zh: '低保户', en: 'Minimum living allowance' },
    symbol: '保',
    color: '#08979c',
    appliesTo: 'household',
    sensitivity: 'sensitive',
    visibleRoles: WORKERS,
    derived: false,
  },
  {
    code: 'tekun',
    name: { zh: '特困供养', en: 'Extreme-poverty support' },
    symbol: '困',
    color: '#006d75',
    appliesTo: 'person',
    sensitivity: 'sensitive',
    visibleRoles: WORKERS,
    derived: false,
  },
  {
    code: 'veteran',
    name: { zh: '退役军人', en: 'Veteran' },
    symbol: '军',
    color: '#389e0d',
    appliesTo: 'person',
    sensitivity: 'restricted',
    visibleRoles: [],
    derived: false,
  },
  {
    code: 'entitled_group',
    name: { zh: '优抚对象', en: 'Entitled group' },
    symbol: '抚',
    color: '#237804',
    appliesTo: 'person',
    sensitivity: 'restricted',
    visibleRoles: [],
    derived: false,
  },
  {
    code: 'left_behind_child',
    name: { zh: '留守儿童', en: 'Left-behind child' },
    symbol: '童',
    color: '#eb2f96',
    appliesTo: 'person',
    sensitivity: 'sensitive',
    visibleRoles: WORKERS,
    derived: false,
  },
  {
    code: 'key_youth',
    name: { zh: '重点青少年', en: 'Youth needing attention' },
    symbol: '青',
    color: '#c41d7f',
    appliesTo: 'person',
    sensitivity: 'sensitive',
    visibleRoles: WORKERS,
    derived: false,
  },
  {
    code: 'rented',
    name: { zh: '出租户', en: 'Rented' },
    symbol: '租',
    color: '#7cb305',
    appliesTo: 'household',
    sensitivity: 'public',
    visibleRoles: [],
    derived: true,
  },
  {
    code: 'vacant',
    name: { zh: '空置房', en: 'Vacant' },
    symbol: '空',
    color: '#8c8c8c',
    appliesTo: 'household',
    sensitivity: 'public',
    visibleRoles: [],
    derived: true,
  },
  {
    code: 'business',
    name: { zh: '商户', en: 'Business' },
    symbol: '商',
    color: '#d4b106',
    appliesTo: 'household',
    sensitivity: 'public',
    visibleRoles: [],
    derived: true,
  },
  {
    code: 'volunteer',
    name: { zh: '志愿者', en: 'Volunteer' },
    symbol: '♥',
    color: '#f5222d',
    appliesTo: 'person',
    sensitivity: 'public',
    visibleRoles: [],
    derived: false,
  },
  {
    code: 'petition_agent',
    name: { zh: '信访代理人', en: 'Petition agent' },
    symbol: '代',
    color: '#531dab',
    appliesTo: 'person',
    sensitivity: 'public',
    visibleRoles: [],
    derived: false,
  },
  {
    code: 'safe_family',
    name: { zh: '平安家庭', en: 'Safe family' },
    symbol: '安',
    color: '#13c2c2',
    appliesTo: 'household',
    sensitivity: 'public',
    visibleRoles: [],
    derived: false,
  },
  {
    code: 'dispute_household',
    name: { zh: '矛盾纠纷户', en: 'Open dispute' },
    symbol: '⚠',
    color: '#fa541c',
    appliesTo: 'household',
    sensitivity: 'restricted',
    visibleRoles: [],
    derived: true,
  },
  {
    code: 'community_correction',
    name: { zh: '社区矫正', en: 'Community correction' },
    symbol: '矫',
    color: '#5c0011',
    appliesTo: 'person',
    sensitivity: 'sensitive',
    visibleRoles: WORKERS,
    derived: false,
    riskLevels: ['管制', '缓刑', '假释', '暂予监外执行'],
  },
  {
    code: 'released_prisoner',
    name: { zh: '刑满释放', en: 'Released from prison' },
    symbol: '释',
    color: '#820014',
    appliesTo: 'person',
    sensitivity: 'sensitive',
    visibleRoles: WORKERS,
    derived: false,
  },
  {
    code: 'severe_mental',
    name: { zh: '严重精神障碍', en: 'Severe mental disorder' },
    symbol: '⊕',
    color: '#9e1068',
    appliesTo: 'person',
    sensitivity: 'sensitive',
    visibleRoles: WORKERS,
    derived: false,
    riskLevels: ['0级', '1级', '2级', '3级', '4级', '5级'],
  },
  {
    code: 'drug_user',
    name: { zh: '吸毒', en: 'Drug use' },
    symbol: '毒',
    color: '#391085',
    appliesTo: 'person',
    sensitivity: 'sensitive',
    visibleRoles: WORKERS,
    derived: false,
  },
];

const DEFAULT_PERMISSION_FOR: Record<TagSensitivity, Permission> = {
  public: 'grid.read',
  restricted: 'person.read',
  sensitive: 'person.reveal',
};

/**
 * Whether someone holding these roles on a node may see a tag there. A tag with explicit roles is seen only by
 * them; otherwise public tags need grid.read, restricted ones person.read, sensitive ones person.reveal.
 */
export function canSeeTag(
  rolesOnNode: readonly Role[],
  tag: { sensitivity: TagSensitivity; visibleRoles: readonly Role[] },
): boolean {
  if (tag.visibleRoles.length) return rolesOnNode.some((r) => tag.visibleRoles.includes(r));
  const needed = DEFAULT_PERMISSION_FOR[tag.sensitivity];
  return rolesOnNode.some((r) => ROLE_PERMISSIONS[r].includes(needed));
}

/** Default follow-up frequencies for visit plans (issue 3 / DOMAIN.md §0). */
export const DEFAULT_VISIT_PLANS = [
  {
    name: { zh: '独居老人每周走访', en: 'Elderly living alone, weekly' },
    tagCode: 'elderly_alone',
    everyDays: 7,
  },
  // 国家基本公共卫生服务规范: stable patients at least every 3 months; unstable (risk 3–5) within 2 weeks.
  {
    name: {
      zh: '严重精神障碍随访（稳定，每季度）',
      en: 'Severe mental disorder follow-up (stable, quarterly)',
    },
    tagCode: 'severe_mental',
    everyDays: 90,
  },
  {
    name: {
      zh: '严重精神障碍随访（不稳定，两周）',
      en: 'Severe mental disorder follow-up (unstable, 2 weeks)',
    },
    tagCode: 'severe_mental',
    riskLevels: ['3级', '4级', '5级'],
    everyDays: 14,
  },
  {
    name: { zh: '全部住户矛盾纠纷排查（每季度）', en: 'Dispute screening, every household, quarterly' },
    tagCode: null,
    everyDays: 91,
  },
] as const;

/** Facts a household's derived tags are computed from. */
export interface DerivationInput {
  use: string;
  members: ReadonlyArray<{
    birthDate: string | null;
    livingHere: boolean;
    politicalStatus: string;
    status: string;
  }>;
  openDisputes: number;
}

const age = (birthDate: string, on: Date) => {
  const [y, m, d] = birthDate.split('-').map(Number);
  const md = (on.getUTCMonth() + 1) * 100 + on.getUTCDate();
  return on.getUTCFullYear() - y - (md < m * 100 + d ? 1 : 0);
};

/**
 * Derived household tags (never typed): 党员户 (a CPC member lives here), 独居老人 (exactly one resident living
 * here and aged ≥ 60), 出租户 / 空置房 / 商户 (from the use), 矛盾纠纷户 (an open dispute).
 */
export function deriveHouseholdTags(h: DerivationInput, today: Date): string[] {
  const out: string[] = [];
  const living = h.members.filter((m) => m.status === 'active' && m.livingHere);
  if (living.some((m) => m.politicalStatus === 'cpc_member' || m.politicalStatus === 'cpc_probationary'))
    out.push('party_household');
  if (living.length === 1 && living[0].birthDate && age(living[0].birthDate, today) >= 60)
    out.push('elderly_alone');
  if (h.use === 'rented') out.push('rented');
  if (h.use === 'vacant') out.push('vacant');
  if (h.use === 'commercial') out.push('business');
  if (h.openDisputes > 0) out.push('dispute_household');
  return out;
}

/** Derived person tags: 高龄老人 from age ≥ 80. */
export function derivePersonTags(p: { birthDate: string | null; status: string }, today: Date): string[] {
  return p.status === 'active' && p.birthDate && age(p.birthDate, today) >= 80 ? ['very_old'] : [];
}
