import type { TimeUnit, Urgency } from '../../../common/cases.js';
import { toHalfWidth } from '../../../common/half-width.js';
import type { LocalizedText } from '../../../common/i18n.js';
import { parseMobile } from '../../../common/phone.js';
import type { CellValue, RowProblem } from '../imports/import-rows.js';
import { cellText } from '../imports/import-rows.js';
import { EXAMPLE_ID, HOTLINE_COLUMNS, type HotlineColumnKey, hotlineColumn } from './hotline-columns.js';

// PURE: one 12345 work-order row → clean values, or every problem in it (row, column, reason in zh and en). Checks
// that need the database (工单号 already imported, the grid code, the scope) are the service's.

/** China has one time zone and no daylight saving: hotline times are Beijing wall-clock time. */
export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The hotline's own handling deadline: a moment, or an amount of time counted from the call. */
export type HotlineLimit = { kind: 'at'; at: string } | { kind: 'limit'; amount: number; unit: TimeUnit };

export interface HotlineRow {
  externalId: string;
  /** ISO-8601 UTC */
  calledAt: string;
  reporterName: string | null;
  /** digits only; a mobile or a fixed-line number */
  phone: string | null;
  content: string;
  title: string;
  address: string | null;
  categoryText: string;
  categoryId: number;
  limit: HotlineLimit | null;
  urgency: Urgency;
  nodeCode: string | null;
}

export interface CategoryRef {
  id: number;
  code: string;
  parentId: number | null;
  nameZh: string;
  nameEn: string;
  /** has no active subcategory: cases are filed under leaves only */
  leaf: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

export const HOTLINE_MSG = {
  required: (h: string): LocalizedText => ({ zh: `“${h}”不能为空`, en: `${h} is required` }),
  tooLong: (max: number): LocalizedText => ({ zh: `不能超过 ${max} 个字`, en: `At most ${max} characters` }),
  idAsNumber: {
    zh: '工单号被 Excel 存成了数字，末几位可能已丢失；请把该列设为“文本”后重新导出',
    en: 'Excel stored the work order number as a number and may have lost digits; format the column as text',
  },
  exampleRow: { zh: '这是模板的示例行，请删除后再导入', en: 'This is the template example row; delete it' },
  duplicateInFile: (row: number): LocalizedText => ({
    zh: `与第 ${row} 行的工单号重复（同一工单只导入一次）`,
    en: `Same work order number as row ${row} (each order is imported once)`,
  }),
  time: {
    zh: '来电时间无法识别：应为 2026-03-05 09:12 这样的日期时间',
    en: 'The call time cannot be read; write it like 2026-03-05 09:12',
  },
  timeFuture: { zh: '来电时间晚于当前时间', en: 'The call time is in the future' },
  timeOld: { zh: '来电时间早于 2000 年，请核对', en: 'The call time is before 2000; check it' },
  phone: {
    zh: '电话号码不正确：应为 11 位手机号或带区号的固定电话（如 0353-1234567）',
    en: 'Not a valid phone number: an 11-digit mobile or a fixed line with area code (e.g. 0353-1234567)',
  },
  phoneMasked: {
    zh: '电话号码已脱敏（含 *），无法用于回访：请向 12345 索取完整号码，或留空',
    en: 'The phone number is masked (contains *) and cannot be called back; get the full number or leave it empty',
  },
  categoryUnknown: (text: string): LocalizedText => ({
    zh: `分类“${text}”不是本系统的事件分类：请填写分类编码（如 MS01）或名称（如 房屋漏水），可在“事件分类”中查看`,
    en: `"${text}" is not one of our case categories; use a category code (e.g. MS01) or name (e.g. 房屋漏水)`,
  }),
  categoryAmbiguous: (text: string, codes: string[]): LocalizedText => ({
    zh: `分类“${text}”对应多个事件分类（${codes.join(' / ')}），请改填编码`,
    en: `"${text}" matches several categories (${codes.join(' / ')}); use the code instead`,
  }),
  categoryNotLeaf: (name: string, kids: string[]): LocalizedText => ({
    zh: `分类“${name}”下还有小类，请写到具体小类（如 ${kids.join('、')}）`,
    en: `"${name}" has subcategories; name one of them (e.g. ${kids.join(', ')})`,
  }),
  limit: {
    zh: '办理时限无法识别：应为日期（2026-03-12 或 2026-03-12 17:30），或“5个工作日”“7天”“24小时”',
    en: 'The deadline cannot be read; use a date (2026-03-12, 2026-03-12 17:30) or 5个工作日 / 7天 / 24小时',
  },
  limitNoUnit: (n: string): LocalizedText => ({
    zh: `办理时限“${n}”缺少单位：请写成“${n}个工作日”“${n}天”或“${n}小时”`,
    en: `The deadline "${n}" has no unit; write ${n}个工作日 (working days), ${n}天 (days) or ${n}小时 (hours)`,
  }),
  limitRange: {
    zh: '办理时限超出范围：天数应为 1–365，小时数应为 1–720',
    en: 'The deadline is out of range: 1–365 days or 1–720 hours',
  },
  limitBeforeCall: {
    zh: '办理时限早于来电时间，请核对',
    en: 'The deadline is before the call time; check it',
  },
  urgency: {
    zh: '紧急程度应为：一般 / 紧急 / 特急',
    en: 'Urgency must be 一般 (normal) / 紧急 (urgent) / 特急 (emergency)',
  },
  nodeUnknown: { zh: '找不到该编码的社区或网格', en: 'No community or grid has this code' },
  nodeRetired: { zh: '该社区或网格已撤销', en: 'This community or grid has been retired' },
  nodeOutOfScope: { zh: '该社区或网格不在您的管辖范围内', en: 'This community or grid is outside your area' },
  nodeMissing: {
    zh: '未填写所属社区/网格编码，导入时也没有选择目标网格：请二选一',
    en: 'No community / grid code and no target grid chosen for the import; give one of them',
  },
} as const;

// ---------------------------------------------------------------------------------------------
// times

/** A Beijing wall-clock time → the UTC instant; null when the parts do not make a real moment. */
export function beijingToUtc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return new Date(wall - BEIJING_OFFSET_MS);
}

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export function beijingDate(at: Date): string {
  const w = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
}

/** "2026-03-05 09:12" in Beijing time. */
export function beijingText(at: Date): string {
  const w = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return `${beijingDate(at)} ${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Excel day serials from 1954 to 9999 (smaller numbers are more likely counts than dates). */
const isSerial = (n: number) => Number.isFinite(n) && n > 20_000 && n < 2_958_466;

export interface ParsedMoment {
  at: Date;
  /** the cell gave a date without a time of day */
  dateOnly: boolean;
}

const DATE_TIME =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:\s*[T\s]?\s*(\d{1,2})\s*[:：时點点]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}(?:\.\d+)?)\s*秒?|\s*分)?\s*(?:\+08:?00)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;

/**
 * Reads a Beijing date-time as people and hotline systems write it: Excel dates (day serials or Date cells),
 * 2026-03-05 09:12[:33], 2026/3/5 9:12, 2026.03.05, 2026年3月5日 9时12分, 20260305091233.
 */
export function parseBeijingTime(raw: CellValue): ParsedMoment | null {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Date) {
    // exceljs hands Excel's wall-clock time over as if it were UTC; near the ends of what a Date holds the shift
    // leaves no valid time at all
    const at = new Date(raw.getTime() - BEIJING_OFFSET_MS);
    if (Number.isNaN(at.getTime())) return null;
    return { at, dateOnly: raw.getTime() % 86_400_000 === 0 };
  }
  if (typeof raw === 'number') {
    if (!isSerial(raw)) return null;
    const wall = EXCEL_EPOCH + Math.round(raw * 86_400) * 1000;
    return { at: new Date(wall - BEIJING_OFFSET_MS), dateOnly: Number.isInteger(raw) };
  }
  const text = toHalfWidth(String(raw)).trim();
  if (/^\d+(\.\d+)?$/.test(text) && !COMPACT.test(text)) return parseBeijingTime(Number(text));
  const m = DATE_TIME.exec(text) ?? COMPACT.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hasTime = m[4] !== undefined;
  const at = beijingToUtc(
    y,
    mo,
    d,
    hasTime ? Number(m[4]) : 0,
    hasTime ? Number(m[5]) : 0,
    m[6] !== undefined ? Math.floor(Number(m[6])) : 0,
  );
  return at ? { at, dateOnly: !hasTime } : null;
}

// ---------------------------------------------------------------------------------------------
// deadlines

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 3, 十, 十五, 二十, 二十四, 三百六十五 → the number; null otherwise. */
export function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = DIGIT[ch];
  }
  return total + digit;
}

const LIMIT_UNITS: Array<[RegExp, TimeUnit, number]> = [
  [/^(.+?)个?工作日$/, 'work_days', 365],
  [/^(.+?)个?(?:工作小时|工作时)$/, 'work_hours', 720],
  [/^(.+?)个?(?:自然日|日历日|天|日)$/, 'natural_days', 365],
  [/^(.+?)个?(?:小时|钟头|h|H|hours?)$/, 'urgent_hours', 720],
];

export type LimitResult =
  | { ok: true; value: HotlineLimit | null }
  | { ok: false; code: 'HOTLINE_LIMIT_INVALID' | 'HOTLINE_LIMIT_BEFORE_CALL'; message: LocalizedText };

const badLimit = (message: LocalizedText): LimitResult => ({
  ok: false,
  code: 'HOTLINE_LIMIT_INVALID',
  message,
});

/**
 * The hotline's handling deadline: a date or date-time (a bare date means the end of that day, Beijing time), or
 * "N个工作日" / "N天" / "N小时" / "N个工作时" counted from the call. Must not be before the call.
 */
export function parseHotlineLimit(raw: CellValue, calledAt: Date | null): LimitResult {
  if (raw === null || raw === undefined || cellText(raw) === '') return { ok: true, value: null };
  if (typeof raw === 'number' && !isSerial(raw)) return badLimit(HOTLINE_MSG.limitNoUnit(cellText(raw)));
  const text = typeof raw === 'string' ? toHalfWidth(raw).replace(/\s+/g, '') : '';
  if (/^\d{1,3}$/.test(text)) return badLimit(HOTLINE_MSG.limitNoUnit(text));
  for (const [re, unit, max] of LIMIT_UNITS) {
    const m = re.exec(text);
    if (!m) continue;
    const n = chineseNumber(m[1]);
    if (n === null) break;
    if (n < 1 || n > max) return badLimit(HOTLINE_MSG.limitRange);
    return { ok: true, value: { kind: 'limit', amount: n, unit } };
  }
  const t = parseBeijingTime(raw);
  if (!t) return badLimit(HOTLINE_MSG.limit);
  // a bare date: the whole of that day (当日 24 时前)
  const at = t.dateOnly ? new Date(t.at.getTime() + 86_400_000 - 1000) : t.at;
  // An Excel date far outside any work order's life (or past what a Date can hold) is a typing error, not a limit.
  const year = at.getUTCFullYear();
  if (Number.isNaN(year) || year < 2000 || year > 2100) return badLimit(HOTLINE_MSG.limit);
  if (calledAt && at.getTime() <= calledAt.getTime())
    return { ok: false, code: 'HOTLINE_LIMIT_BEFORE_CALL', message: HOTLINE_MSG.limitBeforeCall };
  return { ok: true, value: { kind: 'at', at: at.toISOString() } };
}

// ---------------------------------------------------------------------------------------------
// phones, urgency, titles

export type PhoneResult =
  | { ok: true; value: string | null }
  | { ok: false; code: 'HOTLINE_PHONE_INVALID' | 'HOTLINE_PHONE_MASKED'; message: LocalizedText };

/** A caller's number: a mobile, a fixed line with area code (0353-1234567), or a local 7–8 digit line. */
export function parseCallerPhone(raw: CellValue): PhoneResult {
  const text = toHalfWidth(cellText(raw)).trim();
  if (text === '') return { ok: true, value: null };
  if (/[*＊xX]{2,}/.test(text))
    return { ok: false, code: 'HOTLINE_PHONE_MASKED', message: HOTLINE_MSG.phoneMasked };
  const mobile = parseMobile(text);
  if (mobile.ok) return { ok: true, value: mobile.value };
  let digits = text.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+86')) digits = `0${digits.slice(3)}`;
  if (/^0[1-9]\d{8,10}$/.test(digits) || /^[2-9]\d{6,7}$/.test(digits)) return { ok: true, value: digits };
  return { ok: false, code: 'HOTLINE_PHONE_INVALID', message: HOTLINE_MSG.phone };
}

const URGENCY_WORDS: Record<string, Urgency> = {
  一般: 'normal',
  普通: 'normal',
  正常: 'normal',
  normal: 'normal',
  紧急: 'urgent',
  急: 'urgent',
  加急: 'urgent',
  urgent: 'urgent',
  特急: 'emergency',
  特别紧急: 'emergency',
  非常紧急: 'emergency',
  emergency: 'emergency',
};

/** The case title: the request's first sentence, at most 40 characters. */
export function titleOf(content: string): string {
  const first =
    content
      .split(/[。！？!?\n；;]/)
      .map((s) => s.trim())
      .find((s) => s !== '') ?? content.trim();
  const chars = Array.from(first);
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : first;
}

// ---------------------------------------------------------------------------------------------
// categories

export type CategoryMatch =
  | { ok: true; id: number }
  | {
      ok: false;
      code: 'HOTLINE_CATEGORY_UNKNOWN' | 'HOTLINE_CATEGORY_AMBIGUOUS' | 'HOTLINE_CATEGORY_NOT_LEAF';
      message: LocalizedText;
    };

/**
 * Maps the hotline's 分类 onto our category tree: a code (MS01) or a name (房屋漏水), or a path of them as hotline
 * systems write it ("民生工程-房屋漏水", "城乡建设/房屋管理/房屋漏水") — the most specific part we know wins, and a name
 * shared by several categories is settled by the parts before it.
 */
export class CategoryMatcher {
  private readonly byCode = new Map<string, CategoryRef>();
  private readonly byName = new Map<string, CategoryRef[]>();
  private readonly byId = new Map<number, CategoryRef>();
  private readonly cache = new Map<string, CategoryMatch>();

  constructor(categories: readonly CategoryRef[]) {
    for (const c of categories) {
      this.byId.set(c.id, c);
      this.byCode.set(c.code.toUpperCase(), c);
      for (const name of new Set([norm(c.nameZh), norm(c.nameEn).toLowerCase()]))
        if (name) this.byName.set(name, [...(this.byName.get(name) ?? []), c]);
    }
  }

  match(text: string): CategoryMatch {
    let hit = this.cache.get(text);
    if (!hit) {
      hit = this.leafOnly(this.find(text));
      if (this.cache.size < 10_000) this.cache.set(text, hit);
    }
    return hit;
  }

  /** Cases are filed under the most specific categories; a parent is named with its children. */
  private leafOnly(m: CategoryMatch): CategoryMatch {
    if (!m.ok) return m;
    const c = this.byId.get(m.id)!;
    if (c.leaf) return m;
    const kids = [...this.byId.values()].filter((k) => k.parentId === c.id);
    return {
      ok: false,
      code: 'HOTLINE_CATEGORY_NOT_LEAF',
      message: HOTLINE_MSG.categoryNotLeaf(
        c.nameZh,
        kids.slice(0, 5).map((k) => `${k.code} ${k.nameZh}`),
      ),
    };
  }

  private lookup(part: string): CategoryRef[] {
    const code = this.byCode.get(part.toUpperCase());
    if (code) return [code];
    return this.byName.get(part) ?? this.byName.get(part.toLowerCase()) ?? [];
  }

  private ancestors(c: CategoryRef): Set<number> {
    const out = new Set<number>();
    for (let p = c.parentId; p !== null && !out.has(p); p = this.byId.get(p)?.parentId ?? null) out.add(p);
    return out;
  }

  private find(text: string): CategoryMatch {
    const whole = norm(text);
    const parts = [whole, ...whole.split(/[-—/\\>＞→|｜]+/).map((p) => p.trim())].filter(Boolean);
    // most specific first: the whole text, then the last part, then the ones before it
    const order = [parts[0], ...parts.slice(1).reverse()];
    for (const [i, part] of order.entries()) {
      const found = this.lookup(part);
      if (found.length === 1) return { ok: true, id: found[0].id };
      if (found.length > 1) {
        const before = order.slice(i + 1).flatMap((p) => this.lookup(p).map((c) => c.id));
        const settled = found.filter((c) => {
          const up = this.ancestors(c);
          return before.some((id) => up.has(id));
        });
        if (settled.length === 1) return { ok: true, id: settled[0].id };
        return {
          ok: false,
          code: 'HOTLINE_CATEGORY_AMBIGUOUS',
          message: HOTLINE_MSG.categoryAmbiguous(
            part,
            found.map((c) => c.code),
          ),
        };
      }
    }
    return { ok: false, code: 'HOTLINE_CATEGORY_UNKNOWN', message: HOTLINE_MSG.categoryUnknown(text) };
  }
}

function norm(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, '').trim();
}

// ---------------------------------------------------------------------------------------------
// one row

export interface ParseContext {
  now: Date;
  categories: CategoryMatcher;
  /** first row each 工单号 was seen on in this file */
  seen: Map<string, number>;
}

/**
 * Validates one work-order row. Returns the clean row when it has no problem, and every problem found otherwise.
 */
export function parseHotlineRow(
  index: ReadonlyMap<HotlineColumnKey, number>,
  cells: readonly CellValue[],
  rowNumber: number,
  ctx: ParseContext,
): { row: HotlineRow | null; externalId: string | null; nodeCode: string | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const add = (key: HotlineColumnKey, code: string, message: LocalizedText) =>
    problems.push({ row: rowNumber, column: hotlineColumn(key).header, code, message });
  const raw = (key: HotlineColumnKey): CellValue => {
    const at = index.get(key);
    return at === undefined ? undefined : cells[at];
  };
  const text = (key: HotlineColumnKey): string | null => {
    const col = hotlineColumn(key);
    const v = cellText(raw(key)).replace(/\r\n?/g, '\n');
    if (v === '') {
      if (col.required) add(key, 'HOTLINE_REQUIRED', HOTLINE_MSG.required(col.header));
      return null;
    }
    if (col.max && Array.from(v).length > col.max) {
      add(key, 'HOTLINE_TOO_LONG', HOTLINE_MSG.tooLong(col.max));
      return null;
    }
    return v;
  };

  // 工单号
  let externalId: string | null = null;
  const idRaw = raw('externalId');
  if (typeof idRaw === 'number' && String(Math.trunc(idRaw)).length > 15)
    add('externalId', 'HOTLINE_ID_AS_NUMBER', HOTLINE_MSG.idAsNumber);
  else {
    const id = text('externalId');
    if (id !== null) {
      externalId = toHalfWidth(id).replace(/\s+/g, '');
      const first = ctx.seen.get(externalId);
      if (externalId === EXAMPLE_ID) add('externalId', 'HOTLINE_EXAMPLE_ROW', HOTLINE_MSG.exampleRow);
      else if (first !== undefined)
        add('externalId', 'HOTLINE_DUPLICATE_IN_FILE', HOTLINE_MSG.duplicateInFile(first));
      else ctx.seen.set(externalId, rowNumber);
    }
  }

  // 来电时间
  let calledAt: Date | null = null;
  const timeRaw = raw('calledAt');
  if (cellText(timeRaw) === '') add('calledAt', 'HOTLINE_REQUIRED', HOTLINE_MSG.required('来电时间'));
  else {
    const t = parseBeijingTime(timeRaw);
    if (!t) add('calledAt', 'HOTLINE_TIME_INVALID', HOTLINE_MSG.time);
    else if (t.at.getTime() > ctx.now.getTime() + 5 * 60_000)
      add('calledAt', 'HOTLINE_TIME_FUTURE', HOTLINE_MSG.timeFuture);
    else if (t.at.getTime() < Date.UTC(2000, 0, 1)) add('calledAt', 'HOTLINE_TIME_OLD', HOTLINE_MSG.timeOld);
    else calledAt = t.at;
  }

  const reporterName = text('reporterName');
  const phone = parseCallerPhone(raw('phone'));
  if (!phone.ok) add('phone', phone.code, phone.message);
  const content = text('content');
  const address = text('address');

  // 分类
  const categoryText = text('category');
  let categoryId: number | null = null;
  if (categoryText !== null) {
    const m = ctx.categories.match(categoryText);
    if (m.ok) categoryId = m.id;
    else add('category', m.code, m.message);
  }

  // 办理时限
  const limit = parseHotlineLimit(raw('limit'), calledAt);
  if (!limit.ok) add('limit', limit.code, limit.message);

  // 紧急程度
  let urgency: Urgency = 'normal';
  const u = cellText(raw('urgency'));
  if (u !== '') {
    const found = URGENCY_WORDS[u] ?? URGENCY_WORDS[u.toLowerCase()];
    if (found) urgency = found;
    else add('urgency', 'HOTLINE_URGENCY_INVALID', HOTLINE_MSG.urgency);
  }

  const code = text('nodeCode');
  const nodeCode = code ? toHalfWidth(code).replace(/\s+/g, '') : null;

  if (problems.length || externalId === null || calledAt === null || content === null || categoryId === null)
    return { row: null, externalId, nodeCode, problems };
  return {
    externalId,
    nodeCode,
    problems,
    row: {
      externalId,
      calledAt: calledAt.toISOString(),
      reporterName,
      phone: phone.ok ? phone.value : null,
      content,
      title: titleOf(content),
      address,
      categoryText: categoryText!,
      categoryId,
      limit: limit.ok ? limit.value : null,
      urgency,
      nodeCode,
    },
  };
}

/**
 * The hotline's own fields of a row, as compared on a re-import: a 工单号 seen before whose fields differ is
 * reported as changed, never silently overwritten. The values are hashed before they are stored.
 */
export function comparableFields(row: HotlineRow): Record<string, string> {
  const limit = row.limit
    ? row.limit.kind === 'at'
      ? row.limit.at
      : `${row.limit.amount} ${row.limit.unit}`
    : '';
  return {
    calledAt: row.calledAt,
    reporterName: row.reporterName ?? '',
    phone: row.phone ?? '',
    content: row.content,
    address: row.address ?? '',
    category: String(row.categoryId),
    limit,
    urgency: row.urgency,
    nodeCode: row.nodeCode ?? '',
  };
}

/** The template header of a compared field. */
export const FIELD_HEADER: Readonly<Record<string, string>> = Object.fromEntries(
  HOTLINE_COLUMNS.map((c) => [c.key, c.header]),
);
