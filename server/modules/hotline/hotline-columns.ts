import { normaliseHeader } from '../imports/import-columns.js';

// PURE: the columns of a 12345 work-order file (docs/hotline-12345.md). Hotline centres export their own sheets, so
// each column is recognised under the names those exports commonly use; the template uses the first name.

export type HotlineColumnKey =
  | 'externalId'
  | 'calledAt'
  | 'reporterName'
  | 'phone'
  | 'content'
  | 'address'
  | 'category'
  | 'limit'
  | 'urgency'
  | 'nodeCode';

export interface HotlineColumn {
  key: HotlineColumnKey;
  /** The template's header (Chinese, as the hotline's own export). */
  header: string;
  /** Other headers meaning the same column. */
  aliases: readonly string[];
  /** English header, recognised only to say "this file is in the wrong language". */
  en: string;
  /** The header must be present in the file. */
  inHeader: boolean;
  /** Every row must have a value. */
  required: boolean;
  max?: number;
  hint: string;
  example: string;
  width: number;
}

export const HOTLINE_COLUMNS: readonly HotlineColumn[] = [
  {
    key: 'externalId',
    header: '工单号',
    aliases: ['工单编号', '工单号码', '受理编号'],
    en: 'Work order no.',
    inHeader: true,
    required: true,
    max: 64,
    hint: '12345 工单编号，同一工单号只导入一次',
    example: 'BJ2026030500123',
    width: 20,
  },
  {
    key: 'calledAt',
    header: '来电时间',
    aliases: ['受理时间', '来电日期', '登记时间'],
    en: 'Call time',
    inHeader: true,
    required: true,
    hint: '如 2026-03-05 09:12（北京时间）',
    example: '2026-03-05 09:12',
    width: 18,
  },
  {
    key: 'reporterName',
    header: '诉求人',
    aliases: ['来电人', '诉求人姓名', '联系人'],
    en: 'Caller',
    inHeader: true,
    required: false,
    max: 50,
    hint: '可空（匿名来电）',
    example: '王女士',
    width: 12,
  },
  {
    key: 'phone',
    header: '电话',
    aliases: ['联系电话', '来电号码', '诉求人电话'],
    en: 'Phone',
    inHeader: true,
    required: false,
    hint: '手机号或带区号的固定电话；存储时加密',
    example: '13812341234',
    width: 15,
  },
  {
    key: 'content',
    header: '诉求内容',
    aliases: ['来电内容', '工单内容', '问题描述'],
    en: 'Request',
    inHeader: true,
    required: true,
    max: 4000,
    hint: '不超过 4000 字；首句作为事件标题',
    example: '家中卫生间屋顶漏水，楼上住户联系不上，请求协调维修。',
    width: 40,
  },
  {
    key: 'address',
    header: '地址',
    aliases: ['诉求地址', '事发地址', '问题地址'],
    en: 'Address',
    inHeader: true,
    required: false,
    max: 200,
    hint: '事发地址',
    example: '虎尾沟社区 3 号楼 2 单元 501',
    width: 28,
  },
  {
    key: 'category',
    header: '分类',
    aliases: ['诉求分类', '问题分类', '工单分类', '事项分类'],
    en: 'Category',
    inHeader: true,
    required: true,
    max: 200,
    hint: '本系统事件分类的编码或名称，如 MS01 或 房屋漏水；可写“民生工程-房屋漏水”',
    example: '民生工程-房屋漏水',
    width: 20,
  },
  {
    key: 'limit',
    header: '办理时限',
    aliases: ['办结时限', '办理期限', '截止时间'],
    en: 'Deadline',
    inHeader: true,
    required: false,
    hint: '日期（2026-03-12 或 2026-03-12 17:30）或“5个工作日”“7天”“24小时”；空则按分类时限',
    example: '5个工作日',
    width: 14,
  },
  {
    key: 'urgency',
    header: '紧急程度',
    aliases: ['紧急度', '缓急程度'],
    en: 'Urgency',
    inHeader: false,
    required: false,
    hint: '一般 / 紧急 / 特急，默认一般',
    example: '一般',
    width: 10,
  },
  {
    key: 'nodeCode',
    header: '所属社区/网格编码',
    aliases: ['所属网格编码', '网格编码', '所属社区编码', '社区编码', '所属社区网格编码'],
    en: 'Community / grid code',
    inHeader: false,
    required: false,
    max: 32,
    hint: '社区或网格的编码，见“网格管理”；空则用导入时选择的网格',
    example: '',
    width: 22,
  },
];

/** The template's example 工单号: a row still carrying it is reported, never imported. */
export const EXAMPLE_ID = '示例-导入前请删除此行';

export const hotlineColumn = (key: HotlineColumnKey): HotlineColumn =>
  HOTLINE_COLUMNS.find((c) => c.key === key)!;

export type HotlineHeaderMatch =
  | { ok: true; index: Map<HotlineColumnKey, number> }
  | { ok: false; reason: 'language' | 'missing'; missing: string[] };

const clean = (h: unknown) => normaliseHeader(h).replace(/[／]/g, '/');

/** Maps the columns to positions in a header row; every column the hotline always sends must be there. */
export function matchHotlineHeader(cells: readonly unknown[]): HotlineHeaderMatch {
  const cleaned = cells.map(clean);
  const index = new Map<HotlineColumnKey, number>();
  for (const col of HOTLINE_COLUMNS) {
    const names = [col.header, ...col.aliases].map(clean);
    const at = cleaned.findIndex((h) => names.includes(h));
    if (at >= 0) index.set(col.key, at);
  }
  const missing = HOTLINE_COLUMNS.filter((c) => c.inHeader && !index.has(c.key)).map((c) => c.header);
  if (missing.length === 0) return { ok: true, index };
  const lower = cells.map((h) =>
    String(h ?? '')
      .trim()
      .toLowerCase(),
  );
  const english = HOTLINE_COLUMNS.filter((c) => c.inHeader && lower.includes(c.en.toLowerCase()));
  return { ok: false, reason: english.length > 1 ? 'language' : 'missing', missing };
}
