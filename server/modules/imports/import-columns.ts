import type { LocalizedText } from '../../../common/i18n.js';
import {
  BUILDING_TYPE_LABELS,
  BUILDING_TYPES,
  HOUSEHOLD_USE_LABELS,
  HOUSEHOLD_USES,
  POLITICAL_STATUS_LABELS,
  POLITICAL_STATUSES,
  RELATION_LABELS,
  RELATIONS,
} from '../../../common/registry.js';

// PURE: the columns of the three import templates (docs/api-registry.md "Import / export"). Headers are Chinese,
// as community workers keep their 台账; the English key travels in a cell comment of the template.

export const IMPORT_KINDS = ['buildings', 'households', 'residents'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const isImportKind = (v: unknown): v is ImportKind =>
  typeof v === 'string' && (IMPORT_KINDS as readonly string[]).includes(v);

export const IMPORT_KIND_LABELS: Readonly<Record<ImportKind, LocalizedText>> = {
  buildings: { zh: '楼栋', en: 'Buildings' },
  households: { zh: '房屋（户）', en: 'Households' },
  residents: { zh: '居民', en: 'Residents' },
};

export type ColumnType = 'text' | 'int' | 'enum' | 'bool' | 'date' | 'id' | 'phone' | 'room' | 'number';

export interface ColumnSpec {
  key: string;
  header: string;
  /** English header, recognised only to say "this template is in the wrong language". */
  en: string;
  type: ColumnType;
  required: boolean;
  max?: number;
  min?: number;
  /** enum: accepted Chinese labels (and the English codes) → code */
  values?: Readonly<Record<string, LocalizedText>>;
  hint: string;
  example: string;
  width?: number;
}

const yesNo = { '1': { zh: '是', en: 'Yes' }, '0': { zh: '否', en: 'No' } } as const;

export const COLUMNS: Readonly<Record<ImportKind, readonly ColumnSpec[]>> = {
  buildings: [
    {
      key: 'number',
      header: '楼栋号',
      en: 'Building number',
      type: 'text',
      required: true,
      max: 20,
      hint: '如 3 或 A3，同一微网格内不可重复',
      example: '3',
    },
    {
      key: 'name',
      header: '楼栋名称',
      en: 'Name',
      type: 'text',
      required: false,
      max: 100,
      hint: '可不填',
      example: '3号楼',
    },
    {
      key: 'address',
      header: '地址',
      en: 'Address',
      type: 'text',
      required: false,
      max: 200,
      hint: '可不填',
      example: '北大街12号',
      width: 24,
    },
    {
      key: 'type',
      header: '类型',
      en: 'Type',
      type: 'enum',
      required: false,
      values: BUILDING_TYPE_LABELS,
      hint: '住宅 / 商业 / 商住混合，默认住宅',
      example: '住宅',
    },
    {
      key: 'units',
      header: '单元数',
      en: 'Units',
      type: 'int',
      required: true,
      min: 1,
      max: 20,
      hint: '1–20',
      example: '2',
    },
    {
      key: 'floors',
      header: '层数',
      en: 'Floors',
      type: 'int',
      required: true,
      min: 1,
      max: 99,
      hint: '1–99',
      example: '6',
    },
    {
      key: 'roomsPerFloor',
      header: '每层户数',
      en: 'Rooms per floor',
      type: 'int',
      required: true,
      min: 1,
      max: 99,
      hint: '1–99；导入时按 单元×层×户 生成房屋',
      example: '2',
    },
    {
      key: 'nodeCode',
      header: '所属微网格编码',
      en: 'Micro-grid code',
      type: 'text',
      required: true,
      max: 32,
      hint: '微网格的编码，见“网格管理”',
      example: '140302002001001001',
      width: 22,
    },
    {
      key: 'lng',
      header: '经度',
      en: 'Longitude',
      type: 'number',
      required: false,
      min: -180,
      max: 180,
      hint: '可不填',
      example: '',
    },
    {
      key: 'lat',
      header: '纬度',
      en: 'Latitude',
      type: 'number',
      required: false,
      min: -90,
      max: 90,
      hint: '可不填',
      example: '',
    },
  ],
  households: [
    {
      key: 'roomLabel',
      header: '房号',
      en: 'Room',
      type: 'room',
      required: true,
      hint: '楼栋-单元-层户，如 3-2-501 = 3号楼2单元5层01户',
      example: '3-2-501',
    },
    {
      key: 'use',
      header: '用途',
      en: 'Use',
      type: 'enum',
      required: true,
      values: HOUSEHOLD_USE_LABELS,
      hint: '自住 / 出租 / 空置 / 商用；已有房屋则更新用途',
      example: '自住',
    },
    {
      key: 'nodeCode',
      header: '所属微网格编码',
      en: 'Micro-grid code',
      type: 'text',
      required: false,
      max: 32,
      hint: '楼栋号在本范围内重名时填写',
      example: '',
      width: 22,
    },
  ],
  residents: [
    {
      key: 'name',
      header: '姓名',
      en: 'Name',
      type: 'text',
      required: true,
      max: 100,
      hint: '',
      example: '张三',
    },
    {
      key: 'idNumber',
      header: '公民身份号码',
      en: 'ID number',
      type: 'id',
      required: false,
      hint: '18 位，出生日期和性别由号码自动得出；请保持文本格式',
      example: '110105194912310021',
      width: 22,
    },
    {
      key: 'phone',
      header: '手机号',
      en: 'Mobile phone',
      type: 'phone',
      required: false,
      hint: '11 位手机号',
      example: '13812341234',
      width: 15,
    },
    {
      key: 'roomLabel',
      header: '房号',
      en: 'Room',
      type: 'room',
      required: true,
      hint: '如 3-2-501；房屋不存在但在楼栋范围内时自动建立',
      example: '3-2-501',
    },
    {
      key: 'relation',
      header: '与户主关系',
      en: 'Relation to householder',
      type: 'enum',
      required: true,
      values: RELATION_LABELS,
      hint: Object.values(RELATION_LABELS)
        .map((l) => l.zh)
        .join(' / '),
      example: '户主',
    },
    {
      key: 'politicalStatus',
      header: '政治面貌',
      en: 'Political status',
      type: 'enum',
      required: false,
      values: POLITICAL_STATUS_LABELS,
      hint: '默认群众',
      example: '中共党员',
    },
    {
      key: 'registeredHere',
      header: '户籍在此',
      en: 'Registered here',
      type: 'bool',
      required: false,
      values: yesNo,
      hint: '是 / 否，默认是',
      example: '是',
    },
    {
      key: 'livingHere',
      header: '居住在此',
      en: 'Living here',
      type: 'bool',
      required: false,
      values: yesNo,
      hint: '是 / 否，默认是',
      example: '是',
    },
    {
      key: 'ethnicity',
      header: '民族',
      en: 'Ethnicity',
      type: 'text',
      required: false,
      max: 20,
      hint: '',
      example: '汉族',
    },
    {
      key: 'education',
      header: '文化程度',
      en: 'Education',
      type: 'text',
      required: false,
      max: 20,
      hint: '',
      example: '大学本科',
    },
    {
      key: 'maritalStatus',
      header: '婚姻状况',
      en: 'Marital status',
      type: 'text',
      required: false,
      max: 20,
      hint: '',
      example: '已婚',
    },
    {
      key: 'occupation',
      header: '职业',
      en: 'Occupation',
      type: 'text',
      required: false,
      max: 100,
      hint: '',
      example: '',
    },
    {
      key: 'employer',
      header: '工作单位',
      en: 'Employer',
      type: 'text',
      required: false,
      max: 100,
      hint: '',
      example: '',
    },
    {
      key: 'movedInAt',
      header: '迁入日期',
      en: 'Moved in',
      type: 'date',
      required: false,
      hint: 'YYYY-MM-DD',
      example: '2020-05-01',
      width: 12,
    },
    {
      key: 'notes',
      header: '备注',
      en: 'Notes',
      type: 'text',
      required: false,
      max: 500,
      hint: '',
      example: '',
      width: 24,
    },
    {
      key: 'nodeCode',
      header: '所属微网格编码',
      en: 'Micro-grid code',
      type: 'text',
      required: false,
      max: 32,
      hint: '楼栋号在本范围内重名时填写',
      example: '',
      width: 22,
    },
  ],
};

export const ENUM_CODES: Readonly<Record<string, readonly string[]>> = {
  type: BUILDING_TYPES,
  use: HOUSEHOLD_USES,
  relation: RELATIONS,
  politicalStatus: POLITICAL_STATUSES,
};

/** Cleans a header cell: spaces, a trailing required-mark, full-width brackets, a leading BOM. */
export function normaliseHeader(raw: unknown): string {
  return String(raw ?? '')
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[*＊]$/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\(.*\)$/, '');
}

export type HeaderMatch =
  | { ok: true; index: Map<string, number> }
  | { ok: false; reason: 'language' | 'missing'; missing: string[] };

/** Maps template columns to positions in the first row; every required column must be there. */
export function matchHeader(kind: ImportKind, headerCells: readonly unknown[]): HeaderMatch {
  const cols = COLUMNS[kind];
  const cleaned = headerCells.map(normaliseHeader);
  const index = new Map<string, number>();
  for (const col of cols) {
    const at = cleaned.indexOf(col.header);
    if (at >= 0) index.set(col.key, at);
  }
  const missing = cols.filter((c) => c.required && !index.has(c.key)).map((c) => c.header);
  if (missing.length === 0) return { ok: true, index };
  const lower = headerCells.map((h) =>
    String(h ?? '')
      .trim()
      .toLowerCase(),
  );
  const english = cols.filter(
    (c) => c.required && (lower.includes(c.en.toLowerCase()) || lower.includes(c.key.toLowerCase())),
  );
  return { ok: false, reason: english.length > 0 ? 'language' : 'missing', missing };
}
