import type { LocalizedText } from '../../../../../common/i18n';
import { isRole, ROLE_LABELS } from '../../../../../common/permissions';
import {
  BUILDING_TYPE_LABELS,
  HOUSEHOLD_USE_LABELS,
  POLITICAL_STATUS_LABELS,
  RELATION_LABELS,
  VISIT_METHOD_LABELS,
} from '../../../../../common/registry';
import { TAG_SENSITIVITY_LABELS } from '../../../../../common/tags';
import type { UiLocale } from '../../../lib/i18n';

function pick(
  table: Readonly<Record<string, LocalizedText>>,
  key: string | null | undefined,
  locale: UiLocale,
) {
  if (!key) return '—';
  const entry = Object.hasOwn(table, key) ? table[key] : undefined;
  if (!entry) return key;
  return locale === 'en' ? entry.en : entry.zh;
}

export const householdUseLabel = (use: string | null | undefined, locale: UiLocale) =>
  pick(HOUSEHOLD_USE_LABELS, use, locale);
export const relationLabel = (relation: string | null | undefined, locale: UiLocale) =>
  pick(RELATION_LABELS, relation, locale);
export const politicalLabel = (status: string | null | undefined, locale: UiLocale) =>
  pick(POLITICAL_STATUS_LABELS, status, locale);
export const buildingTypeLabel = (type: string | null | undefined, locale: UiLocale) =>
  pick(BUILDING_TYPE_LABELS, type, locale);
export const visitMethodLabel = (method: string | null | undefined, locale: UiLocale) =>
  pick(VISIT_METHOD_LABELS, method, locale);
export const sensitivityLabel = (sensitivity: string | null | undefined, locale: UiLocale) =>
  pick(TAG_SENSITIVITY_LABELS, sensitivity, locale);
export const roleName = (role: string, locale: UiLocale) =>
  isRole(role) ? (locale === 'en' ? ROLE_LABELS[role].en : ROLE_LABELS[role].zh) : role;

export const USE_COLORS: Record<string, string> = {
  owner: 'blue',
  rented: 'green',
  vacant: 'default',
  commercial: 'gold',
};

export const SENSITIVITY_COLORS: Record<string, string> = {
  public: 'green',
  restricted: 'orange',
  sensitive: 'red',
};

/** 民族, 学历, 婚姻状况 as offered in the form (GB/T 3304, GB/T 4658, GB/T 2261.2 wording). */
export const ETHNICITIES = [
  '汉族',
  '回族',
  '满族',
  '蒙古族',
  '藏族',
  '维吾尔族',
  '壮族',
  '苗族',
  '彝族',
  '土家族',
  '朝鲜族',
  '畲族',
  '其他',
];
export const EDUCATIONS = ['小学及以下', '初中', '高中/中专', '大专', '本科', '硕士研究生', '博士研究生'];
export const MARITAL_STATUSES = ['未婚', '已婚', '丧偶', '离婚'];
