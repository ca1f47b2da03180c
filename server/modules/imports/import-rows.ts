import type { LocalizedText } from '../../../common/i18n.js';
import { parseIdNumber } from '../../../common/id-number.js';
import { parseMobile } from '../../../common/phone.js';
import { parseRoomLabel } from '../../../common/registry.js';
import { COLUMNS, type ColumnSpec, type ImportKind } from './import-columns.js';

// PURE: turns one spreadsheet row into clean values, or lists every problem in it (row, column, reason). Checks that
// need the database (duplicates, buildings, scope) are done by the service on whole batches.

export type CellValue = string | number | boolean | Date | null | undefined;

export interface RowProblem {
  row: number;
  column: string;
  code: string;
  message: LocalizedText;
}

export type CleanValue = string | number | null;
export type CleanRow = Record<string, CleanValue>;

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as text; Excel dates become YYYY-MM-DD. */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date)
    return Number.isNaN(v.getTime())
      ? ''
      : `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return String(v).trim();
}

export const MSG = {
  required: (h: string): LocalizedText => ({ zh: `“${h}”不能为空`, en: `${h} is required` }),
  tooLong: (max: number): LocalizedText => ({ zh: `不能超过 ${max} 个字`, en: `At most ${max} characters` }),
  integer: (min: number, max: number): LocalizedText => ({
    zh: `应为 ${min}–${max} 之间的整数`,
    en: `Must be a whole number from ${min} to ${max}`,
  }),
  number: (min: number, max: number): LocalizedText => ({
    zh: `应为 ${min}–${max} 之间的数字`,
    en: `Must be a number from ${min} to ${max}`,
  }),
  enumValue: (labels: string[], en: string[]): LocalizedText => ({
    zh: `不是可选值，应为：${labels.join(' / ')}`,
    en: `Not an allowed value; use one of: ${en.join(' / ')}`,
  }),
  bool: { zh: '应填“是”或“否”', en: 'Must be 是 (yes) or 否 (no)' },
  date: { zh: '日期应为 YYYY-MM-DD，且不晚于今天', en: 'Use a date as YYYY-MM-DD, not in the future' },
  idFormat: {
    zh: '身份证号格式不正确（应为 18 位）',
    en: 'The ID number has the wrong format (18 characters)',
  },
  idDate: { zh: '身份证号中的出生日期不存在', en: 'The birth date inside the ID number does not exist' },
  idChecksum: {
    zh: '身份证号校验位不正确，请核对',
    en: 'The ID number check digit is wrong; check the number',
  },
  idAsNumber: {
    zh: '身份证号被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”后重新录入',
    en: 'Excel stored the ID number as a number and lost its last digits; format the column as text and retype it',
  },
  phone: { zh: '手机号不正确（应为 11 位）', en: 'Not a valid 11-digit mobile number' },
  room: {
    zh: '房号格式应为 楼栋-单元-层户，如 3-2-501',
    en: 'Room must look like building-unit-floorRoom, e.g. 3-2-501',
  },
  duplicateIdInFile: (row: number): LocalizedText => ({
    zh: `与第 ${row} 行的身份证号重复`,
    en: `Same ID number as row ${row}`,
  }),
  duplicateIdInDb: { zh: '该身份证号已登记在册', en: 'This ID number is already registered' },
  unknownNode: { zh: '找不到该编码的网格', en: 'No grid has this code' },
  notMicrogrid: { zh: '该编码不是微网格', en: 'This code is not a micro-grid' },
  outOfScope: { zh: '不在您的管辖范围内', en: 'Outside your area' },
  unknownBuilding: (b: string): LocalizedText => ({
    zh: `在所选范围内找不到 ${b} 号楼`,
    en: `No building ${b} in the chosen area`,
  }),
  ambiguousBuilding: (b: string): LocalizedText => ({
    zh: `所选范围内有多个 ${b} 号楼，请填写“所属微网格编码”`,
    en: `Several buildings numbered ${b} here; fill in the micro-grid code`,
  }),
  roomOutside: (units: number, floors: number, rooms: number): LocalizedText => ({
    zh: `超出楼栋范围：该楼共 ${units} 个单元、${floors} 层、每层 ${rooms} 户`,
    en: `Outside the building: it has ${units} units, ${floors} floors, ${rooms} rooms per floor`,
  }),
  duplicateRoomInFile: (row: number): LocalizedText => ({
    zh: `与第 ${row} 行的房号重复`,
    en: `Same room as row ${row}`,
  }),
  buildingExists: {
    zh: '该微网格内已有同号楼栋',
    en: 'This micro-grid already has a building with this number',
  },
  duplicateBuildingInFile: (row: number): LocalizedText => ({
    zh: `与第 ${row} 行的楼栋重复`,
    en: `Same building as row ${row}`,
  }),
} as const;

function enumLookup(col: ColumnSpec): Map<string, string> {
  const m = new Map<string, string>();
  for (const [code, label] of Object.entries(col.values ?? {})) {
    m.set(label.zh, code);
    m.set(label.en.toLowerCase(), code);
    m.set(code.toLowerCase(), code);
  }
  if (col.type === 'bool')
    for (const [k, v] of [
      ['y', '1'],
      ['yes', '1'],
      ['n', '0'],
      ['no', '0'],
      ['true', '1'],
      ['false', '0'],
      ['√', '1'],
      ['×', '0'],
    ])
      m.set(k, v);
  return m;
}

const LOOKUPS = new Map<ColumnSpec, Map<string, string>>();
function lookupFor(col: ColumnSpec) {
  let m = LOOKUPS.get(col);
  if (!m) {
    m = enumLookup(col);
    LOOKUPS.set(col, m);
  }
  return m;
}

function isoToday(today: Date) {
  return `${today.getUTCFullYear()}-${pad(today.getUTCMonth() + 1)}-${pad(today.getUTCDate())}`;
}

function realDate(s: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/**
 * Validates the cells of one row against the template. Returns the clean row (codes, numbers, normalised ID and
 * phone, derived birth date and sex) and every problem found; an empty problem list means the row is good so far.
 */
export function parseRow(
  kind: ImportKind,
  index: ReadonlyMap<string, number>,
  cells: readonly CellValue[],
  rowNumber: number,
  today: Date,
): { values: CleanRow; problems: RowProblem[] } {
  const values: CleanRow = {};
  const problems: RowProblem[] = [];
  const add = (col: ColumnSpec, code: string, message: LocalizedText) =>
    problems.push({ row: rowNumber, column: col.header, code, message });
  for (const col of COLUMNS[kind]) {
    const at = index.get(col.key);
    const raw = at === undefined ? undefined : cells[at];
    // Excel keeps dates as day serials; with styles skipped (faster streaming) they arrive as plain numbers.
    const text =
      col.type === 'date' && typeof raw === 'number' && raw > 0 && raw < 2_958_466
        ? cellText(new Date(Date.UTC(1899, 11, 30) + Math.round(raw) * 86_400_000))
        : cellText(raw);
    if (text === '') {
      if (col.required) add(col, 'IMPORT_REQUIRED', MSG.required(col.header));
      values[col.key] = null;
      continue;
    }
    switch (col.type) {
      case 'text':
        if (col.max && Array.from(text).length > col.max) add(col, 'IMPORT_TOO_LONG', MSG.tooLong(col.max));
        else values[col.key] = text;
        break;
      case 'int': {
        const n = Number(text);
        if (!Number.isInteger(n) || n < (col.min ?? 0) || n > (col.max ?? Number.MAX_SAFE_INTEGER))
          add(col, 'IMPORT_NOT_INTEGER', MSG.integer(col.min ?? 0, col.max ?? 0));
        else values[col.key] = n;
        break;
      }
      case 'number': {
        const n = Number(text);
        if (!Number.isFinite(n) || n < (col.min ?? -Infinity) || n > (col.max ?? Infinity))
          add(col, 'IMPORT_NOT_NUMBER', MSG.number(col.min ?? 0, col.max ?? 0));
        else values[col.key] = n;
        break;
      }
      case 'enum':
      case 'bool': {
        const code = lookupFor(col).get(text) ?? lookupFor(col).get(text.toLowerCase());
        if (code === undefined) {
          if (col.type === 'bool') add(col, 'IMPORT_BOOL', MSG.bool);
          else {
            const labels = Object.values(col.values ?? {});
            add(
              col,
              'IMPORT_ENUM',
              MSG.enumValue(
                labels.map((l) => l.zh),
                labels.map((l) => l.en),
              ),
            );
          }
        } else values[col.key] = col.type === 'bool' ? Number(code) : code;
        break;
      }
      case 'date':
        if (!realDate(text) || text > isoToday(today)) add(col, 'IMPORT_DATE', MSG.date);
        else values[col.key] = text.replace(/-(\d)(?=-|$)/g, '-0$1');
        break;
      case 'id': {
        if (typeof raw === 'number' && text.replace(/\D/g, '').length > 15) {
          add(col, 'IMPORT_ID_AS_NUMBER', MSG.idAsNumber);
          break;
        }
        const r = parseIdNumber(text, today);
        if (!r.ok)
          add(
            col,
            'ID_NUMBER_INVALID',
            r.reason === 'checksum' ? MSG.idChecksum : r.reason === 'date' ? MSG.idDate : MSG.idFormat,
          );
        else {
          values.idNumber = r.value;
          values.birthDate = r.birthDate;
          values.sex = r.sex;
        }
        break;
      }
      case 'phone': {
        const r = parseMobile(text);
        if (!r.ok) add(col, 'PHONE_INVALID', MSG.phone);
        else values.phone = r.value;
        break;
      }
      case 'room': {
        const r = parseRoomLabel(text);
        if (!r) add(col, 'IMPORT_ROOM_LABEL', MSG.room);
        else {
          values.roomBuilding = r.building;
          values.roomUnit = r.unit;
          values.roomFloor = r.floor;
          values.roomNo = r.room;
        }
        break;
      }
    }
  }
  if (kind === 'buildings' && values.type === null) values.type = 'residential';
  if (kind === 'residents') {
    values.politicalStatus ??= 'masses';
    values.registeredHere ??= 1;
    values.livingHere ??= 1;
  }
  return { values, problems };
}

/** True when every cell of a row is blank (Excel leaves formatted empty rows behind). */
export function isBlankRow(cells: readonly CellValue[]): boolean {
  for (const c of cells) if (cellText(c) !== '') return false;
  return true;
}
