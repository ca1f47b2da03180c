import type { TimeLimit } from './case-deadlines';
import type { Urgency } from './cases';
import type { LocalizedText } from './i18n';

/**
 * Seed data of the case loop: the category tree (table `case_categories`) and the handling units (table
 * `case_units`). Both are editable by admins afterwards; these are the starting values.
 */

export interface CategorySeed {
  code: string;
  parentCode: string | null;
  name: LocalizedText;
  /** Order among siblings, from 1. */
  sort: number;
  /** Signed and the reporter contacted (响应). */
  responseLimits: Record<Urgency, TimeLimit>;
  /** Result recorded (处置). */
  handlingLimits: Record<Urgency, TimeLimit>;
  defaultUnitCode: string | null;
}

export interface UnitSeed {
  code: string;
  name: LocalizedText;
  kind: 'government' | 'company' | 'public_service' | 'community';
}

export const UNIT_KINDS = ['government', 'company', 'public_service', 'community'] as const;
export const UNIT_KIND_LABELS: Readonly<Record<UnitSeed['kind'], LocalizedText>> = {
  government: { zh: '政府部门', en: 'Government department' },
  company: { zh: '企业', en: 'Company' },
  public_service: { zh: '公共服务单位', en: 'Public service provider' },
  community: { zh: '社区', en: 'Community' },
};

export const UNIT_SEED: readonly UnitSeed[] = [
  {
    code: 'ZJJ',
    name: { zh: '住建局', en: 'Housing and Urban-Rural Development Bureau' },
    kind: 'government',
  },
  { code: 'WYGS', name: { zh: '物业公司', en: 'Property management company' }, kind: 'company' },
  { code: 'CGZF', name: { zh: '城管执法', en: 'Urban management enforcement' }, kind: 'government' },
  { code: 'PCS', name: { zh: '派出所', en: 'Police station' }, kind: 'government' },
  { code: 'SFS', name: { zh: '司法所', en: 'Judicial office' }, kind: 'government' },
  { code: 'GRGS', name: { zh: '供热公司', en: 'Heating company' }, kind: 'public_service' },
  { code: 'GSGS', name: { zh: '供水公司', en: 'Water supply company' }, kind: 'public_service' },
  { code: 'MZJ', name: { zh: '民政局', en: 'Civil Affairs Bureau' }, kind: 'government' },
  { code: 'XFJ', name: { zh: '信访局', en: 'Letters and Visits Bureau' }, kind: 'government' },
  { code: 'GDGS', name: { zh: '供电公司', en: 'Power supply company' }, kind: 'public_service' },
  { code: 'SQJWH', name: { zh: '社区居委会', en: "Residents' committee" }, kind: 'community' },
];

type Limits = Record<Urgency, TimeLimit>;
const wd = (amount: number): TimeLimit => ({ amount, unit: 'work_days' });
const wh = (amount: number): TimeLimit => ({ amount, unit: 'work_hours' });
const uh = (amount: number): TimeLimit => ({ amount, unit: 'urgent_hours' });
const nd = (amount: number): TimeLimit => ({ amount, unit: 'natural_days' });
const limits = (normal: TimeLimit, urgent: TimeLimit, emergency: TimeLimit): Limits => ({
  normal,
  urgent,
  emergency,
});

/**
 * Response (signed + reporter contacted): by the next working day for ordinary matters, within half a working
 * day when urgent, within 2 hours round the clock for emergencies. This follows the 12345 practice of
 * "响应率 = 在规定时限内签收并联系诉求人" (DOMAIN §5) with the 数字城管 units of §1.5; the hotline's own
 * figures are [UNVERIFIED], so they are data an admin may change.
 */
const RESPONSE = limits(wd(1), wh(4), uh(2));

/** Ordinary community matters: two working weeks; urgent three working days; emergencies within 24 hours. */
const STANDARD = limits(wd(10), wd(3), uh(24));

/**
 * 矛盾纠纷 (人民调解): 调结期限 一般 1 个月内 (《人民调解工作若干规定》第33条, DOMAIN §0) → 30 natural days;
 * a dispute at risk of escalating (紧急) within a working week; an emergency (激化, 民转刑 risk) within 24 hours.
 */
const DISPUTE = limits(nd(30), wd(5), uh(24));

/**
 * 信访: 办结 自受理之日起 60 日 (《信访工作条例》, DOMAIN §0; whether holidays count is [UNVERIFIED], so natural
 * days, the stricter reading); urgent matters within the 15-day 转送/告知 window; emergencies within 24 hours.
 */
const PETITION = limits(nd(60), nd(15), uh(24));

/**
 * 城管 events: 数字城管 practice sets 处置时限 per 小类 in 工作日 / 工作时 / 紧急工作时 (DOMAIN §1.3, 大英县:
 * 机动车乱停放 3 紧急工作时, 路面不平 5 工作日). Street clutter and small ads are quick jobs; building sites take
 * longer; 突发事件 (pipe bursts, road collapse, flooding, fire) run on wall-clock hours throughout.
 */
const CITY = limits(wd(5), wd(1), uh(4));
const CITY_QUICK = limits(wd(2), wh(8), uh(4));
const CITY_SWIFT = limits(wd(3), wh(8), uh(4));
const CITY_INCIDENT = limits(uh(8), uh(3), uh(1));
const CITY_INCIDENT_RESPONSE = limits(uh(2), uh(1), uh(1));

/**
 * 民生工程: a leaking flat needs the responsible party settled and the repair done (two working weeks, the
 * seed story's "closed quickly" is well inside it); no heating or no water are felt at once, so shorter.
 */
const LEAK = limits(wd(10), wd(2), uh(24));
const HEATING = limits(wd(3), wd(1), uh(8));
const WATER = limits(wd(2), wh(8), uh(4));
const PROPERTY = limits(wd(5), wd(2), uh(24));

/** Party building and civil affairs work (低保, 救助 applications) run longer in the ordinary case. */
const PARTY = limits(wd(15), wd(5), wd(2));
const CIVIL = limits(wd(15), wd(3), uh(24));

interface Node {
  code: string;
  zh: string;
  en: string;
  unit: string | null;
  handling: Limits;
  response?: Limits;
}

function tree(parent: Node, children: readonly Node[] = []): CategorySeed[] {
  return [parent, ...children].map((n, i) => ({
    code: n.code,
    parentCode: i === 0 ? null : parent.code,
    name: { zh: n.zh, en: n.en },
    sort: i, // replaced below for the parents
    responseLimits: n.response ?? RESPONSE,
    handlingLimits: n.handling,
    defaultUnitCode: n.unit,
  }));
}

/** The 15 dispute types of the 司法部 人民调解 statistics (DOMAIN §2.3), in that order. */
const DISPUTE_TYPES: ReadonlyArray<readonly [string, string, string | null]> = [
  ['婚姻家庭', 'Marriage and family', 'SQJWH'], // the residents' committee's 人民调解委员会 first
  ['邻里', 'Neighbours', 'SQJWH'],
  ['房屋宅基地', 'Housing and homestead', 'ZJJ'],
  ['合同', 'Contract', 'SFS'],
  ['生产经营', 'Production and business', 'SFS'],
  ['损害赔偿', 'Damage compensation', 'SFS'],
  ['山林土地', 'Forest and land', 'SFS'],
  ['征地拆迁', 'Land requisition and demolition', 'ZJJ'],
  ['环境污染', 'Environmental pollution', 'CGZF'],
  ['劳动争议', 'Labour dispute', 'SFS'],
  ['消费', 'Consumer', 'SFS'],
  ['医疗', 'Medical', 'SFS'],
  ['道路交通事故', 'Road traffic accident', 'PCS'],
  ['物业', 'Property management', 'WYGS'],
  ['其他', 'Other', 'SFS'],
];

const ROOTS: ReadonlyArray<[Node, readonly Node[]]> = [
  [{ code: 'DJ', zh: '党建', en: 'Party building', unit: 'SQJWH', handling: PARTY }, []],
  [
    { code: 'ZZ', zh: '综治', en: 'Comprehensive governance', unit: 'SQJWH', handling: STANDARD },
    DISPUTE_TYPES.map(([zh, en, unit], i) => ({
      code: `ZZ${String(i + 1).padStart(2, '0')}`,
      zh,
      en,
      unit,
      handling: DISPUTE,
    })),
  ],
  [{ code: 'MZ', zh: '民政', en: 'Civil affairs', unit: 'MZJ', handling: CIVIL }, []],
  [{ code: 'XF', zh: '信访', en: 'Petitions (letters and visits)', unit: 'XFJ', handling: PETITION }, []],
  [
    // 城管 event classes of DOMAIN §1.3 (事件 01–06); 城管执法 leads, other units assist case by case.
    { code: 'CG', zh: '城管', en: 'Urban management', unit: 'CGZF', handling: CITY },
    [
      {
        code: 'CG01',
        zh: '市容环境',
        en: 'City appearance and environment',
        unit: 'CGZF',
        handling: CITY_SWIFT,
      },
      { code: 'CG02', zh: '宣传广告', en: 'Advertising and posters', unit: 'CGZF', handling: CITY_QUICK },
      { code: 'CG03', zh: '施工管理', en: 'Construction sites', unit: 'CGZF', handling: CITY },
      {
        code: 'CG04',
        zh: '突发事件',
        en: 'Sudden incidents',
        unit: 'CGZF',
        handling: CITY_INCIDENT,
        response: CITY_INCIDENT_RESPONSE,
      },
      { code: 'CG05', zh: '街面秩序', en: 'Street order', unit: 'CGZF', handling: CITY_QUICK },
      { code: 'CG06', zh: '扩展事件', en: 'Other city events', unit: 'CGZF', handling: CITY },
    ],
  ],
  [
    { code: 'MS', zh: '民生工程', en: "People's livelihood works", unit: 'ZJJ', handling: STANDARD },
    [
      { code: 'MS01', zh: '房屋漏水', en: 'Leaking flat', unit: 'ZJJ', handling: LEAK },
      { code: 'MS02', zh: '供暖', en: 'Heating', unit: 'GRGS', handling: HEATING },
      { code: 'MS03', zh: '供水', en: 'Water supply', unit: 'GSGS', handling: WATER },
      { code: 'MS04', zh: '物业服务', en: 'Property services', unit: 'WYGS', handling: PROPERTY },
    ],
  ],
  [{ code: 'QT', zh: '其他', en: 'Other', unit: null, handling: STANDARD }, []],
];

export const CATEGORY_SEED: readonly CategorySeed[] = ROOTS.flatMap(([root, children], i) =>
  tree(root, children).map((c, j) => (j === 0 ? { ...c, sort: i + 1 } : c)),
);

/** The 15 dispute-type category codes ZZ01..ZZ15, in the 司法部 order. */
export const DISPUTE_CATEGORY_CODES: readonly string[] = CATEGORY_SEED.filter(
  (c) => c.parentCode === 'ZZ',
).map((c) => c.code);

export function findCategorySeed(code: string): CategorySeed | undefined {
  return CATEGORY_SEED.find((c) => c.code === code);
}
