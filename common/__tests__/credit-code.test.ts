import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_DEPARTMENTS,
  creditCheckChar,
  isValidCreditCode,
  makeCreditCode,
  parseCreditCode,
} from '../credit-code';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const code = (n: number) => fc.string({ unit: fc.constantFrom(...CHARSET), minLength: n, maxLength: n });
const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

// Department/category pairs from DOMAIN §7.2, written out independently of the module's table.
const VALID_PAIRS = [
  '11',
  '12',
  '13',
  '19',
  '21',
  '29',
  '31',
  '32',
  '33',
  '34',
  '35',
  '39',
  '41',
  '49',
  '51',
  '52',
  '53',
  '59',
  '61',
  '62',
  '69',
  '71',
  '72',
  '79',
  '81',
  '89',
  '91',
  '92',
  '93',
  'A1',
  'A9',
  'N1',
  'N2',
  'N3',
  'N9',
  'Y1',
];

const validCode = fc
  .tuple(fc.constantFrom(...VALID_PAIRS), digits(6), code(9))
  .map(([pair, region, body]) => makeCreditCode(pair + region + body));

describe('creditCheckChar', () => {
  it('when given the DOMAIN worked example, then the check character is 3', () => {
    expect(creditCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('when given a character outside the GB 32100 charset, then it throws', () => {
    expect(() => creditCheckChar('91350100M000100I4')).toThrow(RangeError);
    expect(() => creditCheckChar('9135')).toThrow(RangeError);
  });

  it('when the weighted sum is a multiple of 31, then the check character is 0 (not 31)', () => {
    expect(creditCheckChar('00000000000000000')).toBe('0');
  });
});

describe('parseCreditCode', () => {
  it('when given the DOMAIN worked example, then it is valid with its parts', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
      registrationDept: '9',
      orgCategory: '1',
      regionCode: '350100',
      registrationDeptLabel: { zh: '工商', en: expect.any(String) },
      orgCategoryLabel: { zh: '企业', en: 'Enterprise' },
    });
  });

  it('when written in lowercase with spaces, then it is normalised', () => {
    expect(parseCreditCode(' 91350100m000100y43 ')).toMatchObject({ ok: true, value: '91350100M000100Y43' });
  });

  it.each([
    ['91350100M000100Y44', 'checksum'],
    ['91350100M000100Y53', 'checksum'],
    ['', 'format'],
    ['91350100M000100Y4', 'format'],
    ['91350100M000100I43', 'format'],
    ['9135010AM000100Y43', 'format'],
    ['91350100M000100Y433', 'format'],
  ])('when given %j, then it is rejected for %s', (input, reason) => {
    expect(parseCreditCode(input)).toEqual({ ok: false, reason });
  });

  it.each(['94', '99', '22', '0A', 'B1', 'Y9', 'N4', 'A2'])(
    'when department/category %s is not in the table but the checksum is right, then the reason is category',
    (pair) => {
      expect(parseCreditCode(makeCreditCode(`${pair}350100M000100Y4`))).toEqual({
        ok: false,
        reason: 'category',
      });
    },
  );

  it('when every listed department/category pair is used, then the code is valid and labelled', () => {
    for (const pair of VALID_PAIRS) {
      const result = parseCreditCode(makeCreditCode(`${pair}110105MA01ABCD0`));
      expect(result.ok, pair).toBe(true);
      if (result.ok) {
        expect(result.registrationDeptLabel.zh.length).toBeGreaterThan(0);
        expect(result.orgCategoryLabel.zh.length).toBeGreaterThan(0);
      }
    }
  });

  it('when the table is inspected, then it has exactly the pairs of DOMAIN §7.2', () => {
    const pairs = Object.entries(CREDIT_DEPARTMENTS).flatMap(([dept, d]) =>
      Object.keys(d.categories).map((category) => dept + category),
    );
    expect(pairs.sort()).toEqual([...VALID_PAIRS].sort());
  });
});

describe('makeCreditCode', () => {
  it('when given a malformed prefix, then it throws', () => {
    expect(() => makeCreditCode('91350100M000100Y')).toThrow(RangeError);
    expect(() => makeCreditCode('9135010XM000100Y4')).toThrow(RangeError);
  });
});

describe('credit code properties', () => {
  it('when built by makeCreditCode from a listed category, then it always validates', () => {
    fc.assert(fc.property(validCode, (c) => isValidCreditCode(c)));
  });

  it('when any single character of a valid code is replaced, then it no longer validates', () => {
    fc.assert(
      fc.property(validCode, fc.nat(17), fc.constantFrom(...CHARSET), (c, position, replacement) => {
        fc.pre(replacement !== c[position]);
        const altered = c.slice(0, position) + replacement + c.slice(position + 1);
        return !isValidCreditCode(altered);
      }),
      { numRuns: 2000 },
    );
  });

  it('when given arbitrary strings, then parsing never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), code(18)), (s) => {
        return typeof parseCreditCode(s).ok === 'boolean';
      }),
      { numRuns: 2000 },
    );
  });
});
