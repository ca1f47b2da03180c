import { parseCreditCode } from '../../../common/credit-code.js';
import { parseIdNumber } from '../../../common/id-number.js';
import { parseMobile } from '../../../common/phone.js';
import type { FieldProblem } from '../../errors.js';

// PURE field checks for people and places, shared by the registry routes and the importer (registry.bulk.ts),
// so a row typed in a form and a row in a spreadsheet are judged by the same rules. Every problem is listed.

const problem = (field: string, code: string, zh: string, en: string): FieldProblem => ({
  field,
  code,
  message: { zh, en },
});

export interface RoomPosition {
  unitNo: number;
  floor: number;
  roomNo: number;
}

/** A room must lie inside its building: unit ≤ units, floor ≤ floors, room ≤ rooms per floor. */
export function checkRoomInBuilding(
  b: { units: number; floors: number; rooms_per_floor: number },
  r: RoomPosition,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!Number.isInteger(r.unitNo) || r.unitNo < 1 || r.unitNo > b.units)
    out.push(
      problem(
        'unitNo',
        'ROOM_OUTSIDE_BUILDING',
        `单元号须在 1–${b.units} 之间`,
        `Unit must be between 1 and ${b.units}`,
      ),
    );
  if (!Number.isInteger(r.floor) || r.floor < 1 || r.floor > b.floors)
    out.push(
      problem(
        'floor',
        'ROOM_OUTSIDE_BUILDING',
        `楼层须在 1–${b.floors} 之间`,
        `Floor must be between 1 and ${b.floors}`,
      ),
    );
  if (!Number.isInteger(r.roomNo) || r.roomNo < 1 || r.roomNo > b.rooms_per_floor)
    out.push(
      problem(
        'roomNo',
        'ROOM_OUTSIDE_BUILDING',
        `户号须在 1–${b.rooms_per_floor} 之间`,
        `Room must be between 1 and ${b.rooms_per_floor}`,
      ),
    );
  return out;
}

export interface CheckedPersonIds {
  problems: FieldProblem[];
  /** Normalised values (null = cleared or not given). */
  idNumber: string | null;
  phone: string | null;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
}

/**
 * ID number (GB 11643: birth date and sex are derived from it and win over typed ones) and mobile number.
 * `undefined` = not given, `null` / '' = cleared.
 */
export function checkPersonIds(
  input: { idNumber?: string | null; phone?: string | null; birthDate?: string | null; sex?: string | null },
  today: Date,
): CheckedPersonIds {
  const problems: FieldProblem[] = [];
  let idNumber: string | null = null;
  let birthDate: string | null = input.birthDate ?? null;
  let sex: 'male' | 'female' | null = input.sex === 'male' || input.sex === 'female' ? input.sex : null;
  if (input.idNumber) {
    const r = parseIdNumber(input.idNumber, today);
    if (r.ok) {
      idNumber = r.value;
      birthDate = r.birthDate;
      sex = r.sex;
    } else {
      const why =
        r.reason === 'checksum'
          ? { zh: '校验位不正确，请核对', en: 'the check digit is wrong' }
          : r.reason === 'date'
            ? { zh: '出生日期不存在或晚于今天', en: 'the birth date does not exist or is in the future' }
            : { zh: '应为 18 位（或旧版 15 位）', en: 'it must have 18 (or legacy 15) characters' };
      problems.push(
        problem(
          'idNumber',
          'ID_NUMBER_INVALID',
          `身份证号码不正确：${why.zh}`,
          `Invalid ID number: ${why.en}`,
        ),
      );
    }
  } else if (birthDate !== null) {
    if (!isIsoDate(birthDate) || birthDate > today.toISOString().slice(0, 10))
      problems.push(
        problem('birthDate', 'DATE_INVALID', '出生日期不正确', 'The birth date is not a real past date'),
      );
  }
  let phone: string | null = null;
  if (input.phone) {
    const r = parseMobile(input.phone);
    if (r.ok) phone = r.value;
    else problems.push(problem('phone', 'PHONE_INVALID', '手机号码不正确，请核对', 'Invalid mobile number'));
  }
  return { problems, idNumber, phone, birthDate, sex };
}

/** YYYY-MM-DD that exists on the calendar. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function checkDate(field: string, value: string | undefined | null, today: Date): FieldProblem[] {
  if (value === undefined || value === null) return [];
  if (!isIsoDate(value) || value > today.toISOString().slice(0, 10))
    return [
      problem(field, 'DATE_INVALID', '日期不正确或晚于今天', 'The date is not valid or is in the future'),
    ];
  return [];
}

export function checkCreditCode(value: string | null | undefined): {
  problems: FieldProblem[];
  value: string | null;
} {
  if (!value) return { problems: [], value: null };
  const r = parseCreditCode(value);
  if (r.ok) return { problems: [], value: r.value };
  const why =
    r.reason === 'checksum'
      ? { zh: '校验码不正确，请检查是否输错', en: 'the check character is wrong' }
      : r.reason === 'category'
        ? { zh: '登记管理部门或机构类别代码不存在', en: 'unknown registration department or category' }
        : { zh: '应为 18 位数字和大写字母', en: 'it must be 18 digits and capital letters' };
  return {
    problems: [
      problem(
        'creditCode',
        'CREDIT_CODE_INVALID',
        `统一社会信用代码不正确：${why.zh}`,
        `Invalid credit code: ${why.en}`,
      ),
    ],
    value: null,
  };
}

/** The top-level code of a 400: the shared code when every problem has the same one, else VALIDATION_FAILED. */
export function errorCodeOf(problems: readonly FieldProblem[]): string {
  const codes = new Set(problems.map((p) => p.code));
  if (codes.size === 1) {
    const [only] = codes;
    if (['ID_NUMBER_INVALID', 'PHONE_INVALID', 'CREDIT_CODE_INVALID', 'ROOM_OUTSIDE_BUILDING'].includes(only))
      return only;
  }
  return 'VALIDATION_FAILED';
}
