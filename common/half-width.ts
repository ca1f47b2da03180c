/**
 * Converts full-width ASCII forms (０-９, Ａ-Ｚ, －, ＋, ideographic space) to their ASCII
 * equivalents. Chinese input methods often produce full-width digits, and a worker typing an
 * ID number or a phone number should not be told it is malformed because of that.
 */
export function toHalfWidth(input: string): string {
  let out = '';
  for (const ch of input) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}
