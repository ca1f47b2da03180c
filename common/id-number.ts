import { toHalfWidth } from './half-width';

// GB 11643-1999 / ISO 7064 MOD 11-2: Wi = 2^(17-i) mod 11 (see docs DOMAIN §7.1).
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

const ID18_PATTERN = /^\d{6}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/;
// GB 11643-1989 numbers carry a two-digit year that was always 19YY and no check digit.
const ID15_PATTERN = /^\d{6}\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}$/;

export type IdNumberResult =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female'; regionCode: string }
  | { ok: false; reason: 'format' | 'date' | 'checksum' };

/** The 18th character for 17 leading digits. Throws on anything else: callers check format first. */
export function idCheckChar(s17: string): string {
  if (!/^\d{17}$/.test(s17)) throw new RangeError('idCheckChar expects exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(s17[i]) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[sum % 11];
}

/** Strips what people add when copying numbers around, so validation judges only the number. */
function normalise(input: string): string {
  return toHalfWidth(input).replace(/\s+/g, '').toUpperCase();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Date checks use the local calendar date of `today`; a one-day timezone skew is acceptable here. */
function localIsoDate(d: Date): string {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}`;
}

/** Returns the ISO date only if it exists on the calendar (rejects 0230, 1931, 19000229). */
function realIsoDate(year: number, month: number, day: number): string | null {
  // Years here are always 1800-2099, so Date.UTC's 0-99 → 19xx mapping cannot bite.
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Validates a 公民身份号码 (GB 11643): 18-digit with MOD 11-2 check, or legacy 15-digit.
 * The 地址码 is deliberately not checked against a list: codes retire yearly but stay valid in IDs.
 * `today` bounds the birth date so a future birthday is rejected; it defaults to now.
 */
export function parseIdNumber(input: string, today: Date = new Date()): IdNumberResult {
  if (typeof input !== 'string') return { ok: false, reason: 'format' };
  const value = normalise(input);
  let year: number;
  let month: number;
  let day: number;
  let sexDigit: number;
  if (value.length === 18) {
    if (!ID18_PATTERN.test(value)) return { ok: false, reason: 'format' };
    year = Number(value.slice(6, 10));
    month = Number(value.slice(10, 12));
    day = Number(value.slice(12, 14));
    sexDigit = Number(value[16]);
  } else if (value.length === 15) {
    if (!ID15_PATTERN.test(value)) return { ok: false, reason: 'format' };
    year = 1900 + Number(value.slice(6, 8));
    month = Number(value.slice(8, 10));
    day = Number(value.slice(10, 12));
    sexDigit = Number(value[14]);
  } else {
    return { ok: false, reason: 'format' };
  }
  const birthDate = realIsoDate(year, month, day);
  if (birthDate === null) return { ok: false, reason: 'date' };
  const todayIso = Number.isNaN(today.getTime()) ? localIsoDate(new Date()) : localIsoDate(today);
  if (birthDate > todayIso) return { ok: false, reason: 'date' };
  if (value.length === 18 && idCheckChar(value.slice(0, 17)) !== value[17]) {
    return { ok: false, reason: 'checksum' };
  }
  return {
    ok: true,
    value,
    birthDate,
    sex: sexDigit % 2 === 1 ? 'male' : 'female',
    regionCode: value.slice(0, 6),
  };
}

export function isValidIdNumber(s: string, today?: Date): boolean {
  return parseIdNumber(s, today).ok;
}

/** Builds a valid 18-digit number, for demo data and tests; never for real people. */
export function makeIdNumber(region6: string, birth8: string, seq3: string): string {
  if (!/^\d{6}$/.test(region6)) throw new RangeError('region6 must be 6 digits');
  if (!/^\d{8}$/.test(birth8)) throw new RangeError('birth8 must be 8 digits (YYYYMMDD)');
  if (!/^\d{3}$/.test(seq3)) throw new RangeError('seq3 must be 3 digits');
  const s17 = `${region6}${birth8}${seq3}`;
  return s17 + idCheckChar(s17);
}

/**
 * Converts a valid 15-digit number to its 18-digit form (insert 19, append check), as the
 * 公安 system did on re-issue; lets records match across old and new documents.
 */
export function upgradeLegacyIdNumber(id15: string): string | null {
  const parsed = parseIdNumber(id15);
  if (!parsed.ok || parsed.value.length !== 15) return null;
  const s17 = `${parsed.value.slice(0, 6)}19${parsed.value.slice(6)}`;
  return s17 + idCheckChar(s17);
}
