import { toHalfWidth } from './half-width';

// Input acceptance is deliberately loose (any 1[3-9] number): 工信部 allocates new 网号 and a
// stale list must never stop a worker from recording a resident's real number (DOMAIN §7.4).
const MOBILE_LOOSE = /^1[3-9]\d{9}$/;
// 网号 allocated as of 2023-03; a miss is shown as a warning, not an error.
const MOBILE_ALLOCATED = /^1(3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}$/;

export type MobileResult = { ok: true; value: string; allocated: boolean } | { ok: false };

/**
 * Parses a mainland mobile number as people write it: "138 1234 1234", "138-1234-1234",
 * "+86 13812341234", "0086…", "(+86)…", with full-width digits too.
 */
export function parseMobile(input: string): MobileResult {
  if (typeof input !== 'string') return { ok: false };
  let digits = toHalfWidth(input).replace(/[\s\-().]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (!MOBILE_LOOSE.test(digits)) return { ok: false };
  return { ok: true, value: digits, allocated: MOBILE_ALLOCATED.test(digits) };
}

export function isValidMobile(input: string): boolean {
  return parseMobile(input).ok;
}
