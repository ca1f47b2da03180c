import type { LocalizedText } from './i18n';

export const PASSWORD_MIN_LENGTH = 10;
// Argon2 accepts more, but an upper bound stops megabyte "passwords" from being a DoS vector.
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_CLASSES = 3;

export interface PasswordProblem extends LocalizedText {
  code: string;
}

export type PasswordCheck = { ok: true } | { ok: false; problems: PasswordProblem[] };

// A username this short appears inside many good passwords by chance; rejecting those would
// frustrate users without stopping any real attack.
const MIN_USERNAME_LENGTH_TO_CHECK = 3;

/**
 * 等保 2.0 身份鉴别 a: 鉴别信息具有复杂度要求 (DOMAIN §8.3). Every problem is listed at once
 * so the user fixes the password in one go. Length counts characters, not UTF-16 units.
 */
export function checkPassword(pw: string, opts: { username?: string } = {}): PasswordCheck {
  const problems: PasswordProblem[] = [];
  const password = typeof pw === 'string' ? pw : '';
  const length = Array.from(password).length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push({
      code: 'password.too_short',
      zh: `密码至少 ${PASSWORD_MIN_LENGTH} 位`,
      en: `Use at least ${PASSWORD_MIN_LENGTH} characters`,
    });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push({
      code: 'password.too_long',
      zh: `密码不能超过 ${PASSWORD_MAX_LENGTH} 位`,
      en: `Use at most ${PASSWORD_MAX_LENGTH} characters`,
    });
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < PASSWORD_MIN_CLASSES) {
    problems.push({
      code: 'password.classes',
      zh: '密码需包含小写字母、大写字母、数字、符号中的至少三类',
      en: 'Use at least three of: lowercase letters, uppercase letters, digits, symbols',
    });
  }
  const username = (opts.username ?? '').trim().toLowerCase();
  if (username.length >= MIN_USERNAME_LENGTH_TO_CHECK && password.toLowerCase().includes(username)) {
    problems.push({
      code: 'password.contains_username',
      zh: '密码不能包含用户名',
      en: 'The password must not contain the username',
    });
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
