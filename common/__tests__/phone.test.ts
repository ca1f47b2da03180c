import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidMobile, parseMobile } from '../phone';

describe('parseMobile', () => {
  it.each([
    ['13812341234', '13812341234'],
    ['138 1234 1234', '13812341234'],
    ['138-1234-1234', '13812341234'],
    ['+86 138 1234 1234', '13812341234'],
    ['+86-13812341234', '13812341234'],
    ['(+86) 13812341234', '13812341234'],
    ['008613812341234', '13812341234'],
    ['8613812341234', '13812341234'],
    ['１３８１２３４１２３４', '13812341234'],
  ])('when given %j, then it yields %s', (input, value) => {
    expect(parseMobile(input)).toEqual({ ok: true, value, allocated: true });
  });

  it.each([
    ['13812341234', true],
    ['15412341234', false],
    ['19412341234', false],
    ['19212341234', true],
    ['16212341234', true],
    ['17912341234', false],
    ['14512341234', true],
    ['14412341234', false],
    ['19912341234', true],
  ])('when given %s, then it is accepted and allocated is %s', (input, allocated) => {
    expect(parseMobile(input)).toEqual({ ok: true, value: input, allocated });
  });

  it.each([
    '',
    '1381234123',
    '138123412345',
    '12812341234',
    '23812341234',
    '+1 13812341234',
    '1381234123a',
    '010-12345678',
  ])('when given %j, then it is rejected', (input) => {
    expect(parseMobile(input)).toEqual({ ok: false });
    expect(isValidMobile(input)).toBe(false);
  });

  it('when given arbitrary strings, then it never throws and any value is 11 digits starting 1', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (s) => {
        const result = parseMobile(s);
        return !result.ok || /^1[3-9]\d{9}$/.test(result.value);
      }),
      { numRuns: 2000 },
    );
  });
});
