import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskGeneric, maskIdNumber, maskName, maskPhone } from '../masking';

describe('maskIdNumber', () => {
  it('when given an 18-digit number, then first 3 and last 4 remain', () => {
    expect(maskIdNumber('110105194912310021')).toBe('110***********0021');
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });

  it('when given a 15-digit number, then first 3 and last 4 remain', () => {
    expect(maskIdNumber('110105491231002')).toBe('110********1002');
  });

  it('when given something too short to keep 3 + 4, then it falls back to generic masking', () => {
    expect(maskIdNumber('1234567')).toBe('1*****7');
    expect(maskIdNumber('')).toBe('');
  });

  it('when masking any ID-like string, then the length is preserved and the middle is hidden', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789X'), minLength: 8, maxLength: 18 }),
        (id) => {
          const masked = maskIdNumber(id);
          return (
            masked.length === id.length &&
            masked.slice(0, 3) === id.slice(0, 3) &&
            masked.slice(-4) === id.slice(-4) &&
            /^\*+$/.test(masked.slice(3, -4))
          );
        },
      ),
    );
  });
});

describe('maskPhone', () => {
  it('when given an 11-digit mobile, then first 3 and last 4 remain', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('when given a landline with area code, then first 3 and last 4 remain', () => {
    expect(maskPhone('01012345678')).toBe('010****5678');
  });

  it('when given a short number, then it is masked generically', () => {
    expect(maskPhone('12345')).toBe('1***5');
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张三丰', '张*丰'],
    ['欧阳娜娜', '欧**娜'],
    ['张', '*'],
    ['', ''],
    ['买买提·艾力', '买**·*力'],
    ['John Smith', 'J*** *****'],
    ['Li', 'L*'],
    ['  王五  ', '王*'],
  ])('when given %j, then it becomes %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('when masking any two-character Chinese name, then only the surname remains', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'张王李赵欧阳娜丰'), minLength: 2, maxLength: 2 }),
        (name) => {
          return maskName(name) === `${name[0]}*`;
        },
      ),
    );
  });
});

describe('maskGeneric', () => {
  it.each([
    ['', ''],
    ['a', '*'],
    ['ab', 'a*'],
    ['abc', 'a*c'],
    ['abcdefgh', 'ab****gh'],
    ['abcdefghijklmnopqrstuvwxyz', 'abcd******************wxyz'],
  ])('when given %j, then it becomes %j', (input, masked) => {
    expect(maskGeneric(input)).toBe(masked);
  });

  it('when masking any string, then the length in characters is kept and at most half is revealed', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab1 张三😀') }), (s) => {
        const chars = Array.from(s);
        const masked = Array.from(maskGeneric(s));
        const revealed = masked.filter((c) => c !== '*').length;
        return masked.length === chars.length && revealed <= Math.ceil(chars.length / 2);
      }),
    );
  });
});
