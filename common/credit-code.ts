import { toHalfWidth } from './half-width';
import type { LocalizedText } from './i18n';

// GB 32100-2015 charset: digits and capitals without I, O, Z, S, V; index = numeric value.
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// Wi = 3^(i-1) mod 31 (DOMAIN §7.2).
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const CREDIT_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export interface CreditDepartment {
  label: LocalizedText;
  categories: Readonly<Record<string, LocalizedText>>;
}

const OTHER: LocalizedText = { zh: '其他', en: 'Other' };

/**
 * 登记管理部门 → 机构类别 (DOMAIN §7.2, osuse.cn table; some blogs carry a wrong mapping).
 * Used to reject impossible codes and to show what kind of organisation a code belongs to.
 */
export const CREDIT_DEPARTMENTS: Readonly<Record<string, CreditDepartment>> = {
  '1': {
    label: { zh: '机构编制', en: 'Institutional staffing' },
    categories: {
      '1': { zh: '机关', en: 'Government organ' },
      '2': { zh: '事业单位', en: 'Public institution' },
      '3': {
        zh: '中央编办直接管理机构编制的群众团体',
        en: 'Mass organisation staffed by the central staffing office',
      },
      '9': OTHER,
    },
  },
  '2': {
    label: { zh: '外交', en: 'Foreign affairs' },
    categories: { '1': { zh: '外国常住新闻机构', en: 'Resident foreign news agency' }, '9': OTHER },
  },
  '3': {
    label: { zh: '司法行政', en: 'Judicial administration' },
    categories: {
      '1': { zh: '律师执业机构', en: 'Law firm' },
      '2': { zh: '公证处', en: 'Notary office' },
      '3': { zh: '基层法律服务所', en: 'Grassroots legal service office' },
      '4': { zh: '司法鉴定机构', en: 'Forensic appraisal institution' },
      '5': { zh: '仲裁委员会', en: 'Arbitration commission' },
      '9': OTHER,
    },
  },
  '4': {
    label: { zh: '文化', en: 'Culture' },
    categories: { '1': { zh: '外国在华文化中心', en: 'Foreign cultural centre in China' }, '9': OTHER },
  },
  '5': {
    label: { zh: '民政', en: 'Civil affairs' },
    categories: {
      '1': { zh: '社会团体', en: 'Social organisation' },
      '2': { zh: '民办非企业单位', en: 'Private non-enterprise unit' },
      '3': { zh: '基金会', en: 'Foundation' },
      '9': OTHER,
    },
  },
  '6': {
    label: { zh: '旅游', en: 'Tourism' },
    categories: {
      '1': { zh: '外国旅游部门常驻代表机构', en: 'Resident office of a foreign tourism authority' },
      '2': {
        zh: '港澳台旅游部门常驻内地代表机构',
        en: 'Resident office of a Hong Kong, Macao or Taiwan tourism authority',
      },
      '9': OTHER,
    },
  },
  '7': {
    label: { zh: '宗教', en: 'Religious affairs' },
    categories: {
      '1': { zh: '宗教活动场所', en: 'Religious venue' },
      '2': { zh: '宗教院校', en: 'Religious school' },
      '9': OTHER,
    },
  },
  '8': {
    label: { zh: '工会', en: 'Trade union' },
    categories: { '1': { zh: '基层工会', en: 'Grassroots trade union' }, '9': OTHER },
  },
  '9': {
    label: { zh: '工商', en: 'Market regulation (industry and commerce)' },
    categories: {
      '1': { zh: '企业', en: 'Enterprise' },
      '2': { zh: '个体工商户', en: 'Individual business' },
      '3': { zh: '农民专业合作社', en: "Farmers' specialised cooperative" },
    },
  },
  A: {
    label: { zh: '中央军委改革和编制办公室', en: 'CMC Reform and Organisation Office' },
    categories: { '1': { zh: '军队事业单位', en: 'Military public institution' }, '9': OTHER },
  },
  N: {
    label: { zh: '农业', en: 'Agriculture' },
    categories: {
      '1': { zh: '组级集体经济组织', en: 'Group-level collective economic organisation' },
      '2': { zh: '村级集体经济组织', en: 'Village-level collective economic organisation' },
      '3': { zh: '乡镇级集体经济组织', en: 'Township-level collective economic organisation' },
      '9': OTHER,
    },
  },
  Y: {
    label: OTHER,
    categories: { '1': OTHER },
  },
};

export type CreditCodeResult =
  | {
      ok: true;
      value: string;
      /** 登记管理部门代码, e.g. '9' (工商). */
      registrationDept: string;
      /** 机构类别代码, e.g. '1' (企业). */
      orgCategory: string;
      regionCode: string;
      registrationDeptLabel: LocalizedText;
      orgCategoryLabel: LocalizedText;
    }
  | { ok: false; reason: 'format' | 'checksum' | 'category' };

/** The 18th character for 17 leading characters. Throws on foreign characters: callers check format first. */
export function creditCheckChar(s17: string): string {
  if (s17.length !== 17) throw new RangeError('creditCheckChar expects exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const v = CREDIT_CHARSET.indexOf(s17[i]);
    if (v < 0) throw new RangeError(`creditCheckChar: '${s17[i]}' is not in the GB 32100 charset`);
    sum += v * CREDIT_WEIGHTS[i];
  }
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * Validates a 统一社会信用代码. The checksum is tested before the department/category table:
 * a mistyped character almost always breaks the checksum, and "check for typos" is the more
 * helpful message; a code that sums correctly but has an unknown category is genuinely odd.
 */
export function parseCreditCode(input: string): CreditCodeResult {
  if (typeof input !== 'string') return { ok: false, reason: 'format' };
  const value = toHalfWidth(input)
    .replace(/[\s-]+/g, '')
    .toUpperCase();
  if (!CREDIT_PATTERN.test(value)) return { ok: false, reason: 'format' };
  if (creditCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, reason: 'checksum' };
  const dept = Object.hasOwn(CREDIT_DEPARTMENTS, value[0]) ? CREDIT_DEPARTMENTS[value[0]] : undefined;
  const category = dept && Object.hasOwn(dept.categories, value[1]) ? dept.categories[value[1]] : undefined;
  if (!dept || !category) return { ok: false, reason: 'category' };
  return {
    ok: true,
    value,
    registrationDept: value[0],
    orgCategory: value[1],
    regionCode: value.slice(2, 8),
    registrationDeptLabel: dept.label,
    orgCategoryLabel: category,
  };
}

export function isValidCreditCode(s: string): boolean {
  return parseCreditCode(s).ok;
}

/** Appends the check character; for demo data and tests. Throws if `first17` is malformed. */
export function makeCreditCode(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}$/.test(first17)) {
    throw new RangeError('first17 must be 2 code chars, 6 digits and 9 code chars from the GB 32100 charset');
  }
  return first17 + creditCheckChar(first17);
}
