import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword } from '../password-policy';

const codes = (pw: string, username?: string) => {
  const result = checkPassword(pw, { username });
  return result.ok ? [] : result.problems.map((p) => p.code).sort();
};

describe('checkPassword', () => {
  it.each(['Grid2024-ok', 'abcdefgH12', 'ABCDEFGH1!', 'abcdefgh1!', 'Ab1!Ab1!Ab', '网格员密码abcD1'])(
    'when given %j, then it is accepted',
    (pw) => {
      expect(checkPassword(pw)).toEqual({ ok: true });
    },
  );

  it('when shorter than 10 characters, then too_short is reported', () => {
    expect(codes('Ab1!Ab1!A')).toEqual(['password.too_short']);
  });

  it('when longer than 128 characters, then too_long is reported; exactly 128 is fine', () => {
    expect(codes(`Ab1!${'x'.repeat(125)}`)).toEqual(['password.too_long']);
    expect(codes(`Ab1!${'x'.repeat(124)}`)).toEqual([]);
  });

  it.each(['abcdefghijk', 'ABCDEFGHIJK', '12345678901', 'abcdefgh12', 'ABCDEFGH!!', '!!!!!!!!!!1'])(
    'when %j uses fewer than three character classes, then classes is reported',
    (pw) => {
      expect(codes(pw)).toEqual(['password.classes']);
    },
  );

  it('when the password contains the username in any case, then contains_username is reported', () => {
    expect(codes('Zhangsan2024!', 'zhangsan')).toEqual(['password.contains_username']);
    expect(codes('xxZHANGSANxx1', 'ZhangSan')).toEqual(['password.contains_username']);
    expect(codes('Lisi2024!abc', 'zhangsan')).toEqual([]);
  });

  it('when the username is shorter than three characters, then it is not checked', () => {
    expect(codes('Ab1!Ab1!Ab', 'ab')).toEqual([]);
  });

  it('when several rules fail, then every problem is listed at once with both languages', () => {
    const result = checkPassword('zs1', { username: 'zs1' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.code).sort()).toEqual([
        'password.classes',
        'password.contains_username',
        'password.too_short',
      ]);
      for (const p of result.problems) {
        expect(p.zh.length).toBeGreaterThan(0);
        expect(p.en.length).toBeGreaterThan(0);
      }
    }
  });

  it('when length is measured, then an emoji counts as one character', () => {
    expect(codes('Ab1😀😀😀😀😀😀')).toEqual(['password.too_short']);
  });

  it('when given arbitrary strings, then it never throws and ok means no problems', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.option(fc.string()), (pw, username) => {
        const result = checkPassword(pw, { username: username ?? undefined });
        return result.ok || result.problems.length > 0;
      }),
    );
  });
});
