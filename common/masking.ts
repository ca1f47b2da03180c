// Display masking per GB/T 35273 §7.2 「个人信息展示限制」; the concrete patterns (3+4 for IDs
// and phones, 张* for names) are industry convention (DOMAIN §8.2). Apply on the server too.

const HAN = /\p{Script=Han}/u;
// Kept visible in names: the 间隔号 in minority and transliterated names (买买提·艾力) and spaces
// carry no identity, and keeping them makes the masked name read naturally.
const NAME_SEPARATORS = new Set([' ', '·', '•', '・', '.', '-']);

function keepEnds(chars: string[], head: number, tail: number): string {
  return (
    chars.slice(0, head).join('') +
    '*'.repeat(chars.length - head - tail) +
    chars.slice(chars.length - tail).join('')
  );
}

/**
 * Masks any string, revealing about a quarter at each end (at least one char, at most four),
 * so short secrets still show almost nothing.
 */
export function maskGeneric(s: string): string {
  const chars = Array.from(s ?? '');
  const n = chars.length;
  if (n <= 1) return '*'.repeat(n);
  if (n === 2) return `${chars[0]}*`;
  const keep = Math.max(1, Math.min(4, Math.floor(n / 4)));
  return keepEnds(chars, keep, keep);
}

/** 110105194912310021 → 110***********0021; 15-digit numbers keep the same 3 + 4. */
export function maskIdNumber(id: string): string {
  const chars = Array.from((id ?? '').trim());
  if (chars.length < 8) return maskGeneric(chars.join(''));
  return keepEnds(chars, 3, 4);
}

/** 13812341234 → 138****1234; other lengths keep 3 + 4 when long enough to hide anything. */
export function maskPhone(phone: string): string {
  const chars = Array.from((phone ?? '').trim());
  if (chars.length < 8) return maskGeneric(chars.join(''));
  return keepEnds(chars, 3, 4);
}

/**
 * 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜; a single character becomes *.
 * Latin names keep the first letter only: John Smith → J*** *****.
 */
export function maskName(name: string): string {
  const chars = Array.from((name ?? '').trim());
  const n = chars.length;
  if (n === 0) return '';
  if (n === 1) return '*';
  if (HAN.test(chars.join(''))) {
    if (n === 2) return `${chars[0]}*`;
    return (
      chars[0] +
      chars
        .slice(1, -1)
        .map((c) => (NAME_SEPARATORS.has(c) ? c : '*'))
        .join('') +
      chars[n - 1]
    );
  }
  return (
    chars[0] +
    chars
      .slice(1)
      .map((c) => (NAME_SEPARATORS.has(c) ? c : '*'))
      .join('')
  );
}
