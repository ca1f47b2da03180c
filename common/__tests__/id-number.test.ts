import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  idCheckChar,
  isValidIdNumber,
  makeIdNumber,
  parseIdNumber,
  upgradeLegacyIdNumber,
} from '../id-number';

const TODAY = new Date(2025, 5, 1);

const pad = (n: number, w: number) => String(n).padStart(w, '0');

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

// Birth dates from 1900 up to a year before TODAY, as YYYYMMDD.
const birth8 = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2024, 0, 1)), noInvalidDate: true })
  .map((d) => `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`);

const validId = fc.tuple(digits(6), birth8, digits(3)).map(([r, b, s]) => makeIdNumber(r, b, s));

describe('idCheckChar', () => {
  it('when given the 17 digits of the DOMAIN examples, then it returns their check characters', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
    expect(idCheckChar('37010119010203997')).toBe('3');
    expect(idCheckChar('34052419800101001')).toBe('X');
  });

  it('when given anything but 17 digits, then it throws a RangeError', () => {
    expect(() => idCheckChar('1234')).toThrow(RangeError);
    expect(() => idCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('parseIdNumber', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female', '110105'],
    ['440524188001010014', '1880-01-01', 'male', '440524'],
    ['370101190102039973', '1901-02-03', 'male', '370101'],
    ['34052419800101001X', '1980-01-01', 'male', '340524'],
  ] as const)(
    'when given the DOMAIN example %s, then it is valid with its fields',
    (id, birthDate, sex, region) => {
      expect(parseIdNumber(id, TODAY)).toEqual({ ok: true, value: id, birthDate, sex, regionCode: region });
    },
  );

  it('when the check character is a lowercase x, then it is accepted and normalised to X', () => {
    const result = parseIdNumber('11010519491231002x', TODAY);
    expect(result).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it('when the number is pasted with spaces or full-width digits, then it is normalised', () => {
    expect(parseIdNumber(' 110105 19491231 002X ', TODAY)).toMatchObject({
      ok: true,
      value: '11010519491231002X',
    });
    expect(parseIdNumber('１１０１０５１９４９１２３１００２Ｘ', TODAY)).toMatchObject({
      ok: true,
      value: '11010519491231002X',
    });
  });

  it.each([
    ['11010519491231003X', 'checksum'],
    ['110105194912310021', 'checksum'],
    ['44052418800101001X', 'checksum'],
    ['370101190102039974', 'checksum'],
    ['440524188001010015', 'checksum'],
  ])('when a digit of a valid number is altered (%s), then it is rejected for %s', (id, reason) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: false, reason });
  });

  it('when the birth date is 30 February, then it is rejected as a bad date', () => {
    expect(parseIdNumber(makeIdNumber('110105', '19800230', '001'), TODAY)).toEqual({
      ok: false,
      reason: 'date',
    });
  });

  it('when the birth date is 29 February of a non-leap century, then it is rejected; in 2000 it is fine', () => {
    expect(parseIdNumber(makeIdNumber('110105', '19000229', '001'), TODAY)).toEqual({
      ok: false,
      reason: 'date',
    });
    expect(parseIdNumber(makeIdNumber('110105', '20000229', '001'), TODAY)).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
    });
  });

  it('when the birth date is after today, then it is rejected as a bad date', () => {
    expect(parseIdNumber(makeIdNumber('110105', '20250602', '001'), TODAY)).toEqual({
      ok: false,
      reason: 'date',
    });
    expect(parseIdNumber(makeIdNumber('110105', '20250601', '001'), TODAY)).toMatchObject({ ok: true });
  });

  it('when today is not passed, then the current date bounds the birth date', () => {
    expect(isValidIdNumber(makeIdNumber('110105', '20991231', '001'))).toBe(false);
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
  });

  it.each([
    ['', 'format'],
    ['1101051949123100', 'format'],
    ['1101051949123100211', 'format'],
    ['11010517491231002X', 'format'],
    ['11010519491331002X', 'format'],
    ['11010519491200002X', 'format'],
    ['11010519491232002X', 'format'],
    ['1101051949123100A2', 'format'],
    ['X10105194912310021', 'format'],
  ])('when given %j, then it is rejected for %s', (id, reason) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: false, reason });
  });

  it('when given a legacy 15-digit number, then it is valid with a 19YY birth date and no checksum', () => {
    expect(parseIdNumber('110105491231002', TODAY)).toEqual({
      ok: true,
      value: '110105491231002',
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
    });
    expect(parseIdNumber('440524800101001', TODAY)).toMatchObject({
      ok: true,
      sex: 'male',
      birthDate: '1980-01-01',
    });
  });

  it('when a legacy 15-digit number has an impossible date, then it is rejected', () => {
    expect(parseIdNumber('110105810229001', TODAY)).toEqual({ ok: false, reason: 'date' });
    expect(parseIdNumber('110105811301001', TODAY)).toEqual({ ok: false, reason: 'format' });
    expect(parseIdNumber('11010581010100X', TODAY)).toEqual({ ok: false, reason: 'format' });
  });

  it('when the input is not a string at runtime, then it is rejected rather than thrown', () => {
    expect(parseIdNumber(undefined as unknown as string)).toEqual({ ok: false, reason: 'format' });
    expect(parseIdNumber(12345 as unknown as string)).toEqual({ ok: false, reason: 'format' });
  });
});

describe('makeIdNumber', () => {
  it('when given the parts of a DOMAIN example, then it rebuilds the example', () => {
    expect(makeIdNumber('110105', '19491231', '002')).toBe('11010519491231002X');
  });

  it('when a part has the wrong shape, then it throws', () => {
    expect(() => makeIdNumber('11010', '19491231', '002')).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '1949123', '002')).toThrow(RangeError);
    expect(() => makeIdNumber('110105', '19491231', '0a2')).toThrow(RangeError);
  });

  it('when built from any region, real past date and sequence, then the number validates', () => {
    fc.assert(fc.property(validId, (id) => parseIdNumber(id, TODAY).ok));
  });

  it('when built with an odd sequence number, then the person is male; even, female', () => {
    fc.assert(
      fc.property(digits(6), birth8, digits(3), (r, b, s) => {
        const result = parseIdNumber(makeIdNumber(r, b, s), TODAY);
        return result.ok && result.sex === (Number(s[2]) % 2 === 1 ? 'male' : 'female');
      }),
    );
  });
});

describe('ID number properties', () => {
  it('when any single character of a valid number is changed, then it no longer validates', () => {
    fc.assert(
      fc.property(validId, fc.nat(17), fc.integer({ min: 1, max: 10 }), (id, position, shift) => {
        const alphabet = '0123456789X';
        const current = alphabet.indexOf(id[position]);
        // The first 17 positions only take digits; the last may also be X.
        const size = position === 17 ? 11 : 10;
        const replacement = alphabet[(current + (shift % size || 1)) % size];
        fc.pre(replacement !== id[position]);
        const altered = id.slice(0, position) + replacement + id.slice(position + 1);
        return !isValidIdNumber(altered, TODAY);
      }),
      { numRuns: 2000 },
    );
  });

  it('when two adjacent different digits are swapped, then the number no longer validates', () => {
    fc.assert(
      fc.property(validId, fc.nat(15), (id, position) => {
        fc.pre(id[position] !== id[position + 1]);
        const swapped = id.slice(0, position) + id[position + 1] + id[position] + id.slice(position + 2);
        return !isValidIdNumber(swapped, TODAY);
      }),
    );
  });

  it('when given arbitrary strings, then parsing never throws and always returns a result', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), digits(18), digits(15)), (s) => {
        const result = parseIdNumber(s, TODAY);
        return typeof result.ok === 'boolean';
      }),
      { numRuns: 2000 },
    );
  });

  it('when a number parses, then the normalised value parses to the same result', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const first = parseIdNumber(id.toLowerCase(), TODAY);
        expect(first.ok).toBe(true);
        expect(parseIdNumber(first.ok ? first.value : '', TODAY)).toEqual(first);
      }),
    );
  });
});

describe('upgradeLegacyIdNumber', () => {
  it('when given a valid 15-digit number, then it returns the 18-digit form', () => {
    expect(upgradeLegacyIdNumber('110105491231002')).toBe('11010519491231002X');
  });

  it('when given an 18-digit or invalid number, then it returns null', () => {
    expect(upgradeLegacyIdNumber('11010519491231002X')).toBeNull();
    expect(upgradeLegacyIdNumber('110105490231002')).toBeNull();
  });
});
