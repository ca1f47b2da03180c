import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_ROLE_LABELS,
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUS_LABELS,
  ASSIGNMENT_STATUSES,
  CASE_ACTION_LABELS,
  CASE_ACTIONS,
  CASE_SOURCE_LABELS,
  CASE_SOURCES,
  CASE_STATE_LABELS,
  CASE_STATES,
  CLOSED_BY,
  CLOSED_BY_LABELS,
  EVENT_VISIBILITIES,
  EVENT_VISIBILITY_LABELS,
  formatCaseNumber,
  isOpenState,
  OPEN_STATES,
  parseCaseNumber,
  RATING_LABELS,
  RATINGS,
  raiseUrgency,
  TIME_UNIT_LABELS,
  TIME_UNITS,
  URGENCIES,
  URGENCY_LABELS,
} from '../cases';
import type { LocalizedText } from '../i18n';
import * as common from '../index';

const vocabularies: Array<[string, readonly string[], Readonly<Record<string, LocalizedText>>]> = [
  ['states', CASE_STATES, CASE_STATE_LABELS],
  ['sources', CASE_SOURCES, CASE_SOURCE_LABELS],
  ['urgencies', URGENCIES, URGENCY_LABELS],
  ['assignment roles', ASSIGNMENT_ROLES, ASSIGNMENT_ROLE_LABELS],
  ['assignment statuses', ASSIGNMENT_STATUSES, ASSIGNMENT_STATUS_LABELS],
  ['ratings', RATINGS, RATING_LABELS],
  ['time units', TIME_UNITS, TIME_UNIT_LABELS],
  ['actions', CASE_ACTIONS, CASE_ACTION_LABELS],
  ['closed by', CLOSED_BY, CLOSED_BY_LABELS],
  ['visibilities', EVENT_VISIBILITIES, EVENT_VISIBILITY_LABELS],
];

describe('case vocabularies', () => {
  it.each(vocabularies)(
    'when the %s are listed, then each has a Chinese and an English label and no extras',
    (_, codes, labels) => {
      expect(new Set(codes).size).toBe(codes.length);
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      for (const code of codes) {
        expect(labels[code].zh, code).toMatch(/\p{Script=Han}/u);
        expect(labels[code].en.length, code).toBeGreaterThan(0);
      }
    },
  );

  it('when the domain wording is read, then the states and ratings use the agreed Chinese names', () => {
    expect(CASE_STATES.map((s) => CASE_STATE_LABELS[s].zh)).toEqual([
      '待受理',
      '已受理',
      '不予受理',
      '已分办',
      '处置中',
      '已处置',
      '待评价',
      '已办结',
      '已合并',
    ]);
    expect(RATINGS.map((r) => RATING_LABELS[r].zh)).toEqual(['满意', '基本满意', '不满意']);
    expect(TIME_UNITS.map((u) => TIME_UNIT_LABELS[u].zh)).toEqual([
      '紧急工作时',
      '工作时',
      '工作日',
      '自然日',
    ]);
    expect(URGENCIES.map((u) => URGENCY_LABELS[u].zh)).toEqual(['一般', '紧急', '特急']);
  });

  it('when open states are listed, then they are every state but rejected, closed and merged', () => {
    expect([...OPEN_STATES]).toEqual([
      'collected',
      'accepted',
      'dispatched',
      'in_progress',
      'handled',
      'awaiting_rating',
    ]);
    for (const s of CASE_STATES) expect(isOpenState(s)).toBe(!['rejected', 'closed', 'merged'].includes(s));
  });

  it('when the package index is imported, then the case vocabulary is re-exported', () => {
    expect(common.CASE_STATES).toBe(CASE_STATES);
    expect(common.formatCaseNumber).toBe(formatCaseNumber);
    expect(common.MAX_REOPENS).toBe(2);
    expect(common.RATING_WINDOW_DAYS).toBe(7);
    expect(common.DUPLICATE_WINDOW_DAYS).toBe(30);
    expect(common.TITLE_MAX).toBe(100);
    expect(common.DESCRIPTION_MAX).toBe(4000);
    expect(common.CASE_FILE_MAX_BYTES).toBe(5 * 1024 * 1024);
  });
});

describe('case numbers', () => {
  it('when a number is formatted, then it is SQ-year-six digits', () => {
    expect(formatCaseNumber(2026, 123)).toBe('SQ-2026-000123');
    expect(formatCaseNumber(2026, 1)).toBe('SQ-2026-000001');
    expect(formatCaseNumber(2027, 999_999)).toBe('SQ-2027-999999');
  });

  it('when the year or sequence is out of range or not an integer, then formatting throws a RangeError', () => {
    for (const [y, s] of [
      [2026, 0],
      [2026, -1],
      [2026, 1_000_000],
      [2026, 1.5],
      [2026, Number.NaN],
      [999, 1],
      [10_000, 1],
      [2026.5, 1],
    ]) {
      expect(() => formatCaseNumber(y, s), `${y} ${s}`).toThrow(RangeError);
    }
  });

  it('when a well-formed number is parsed, then year and sequence come back', () => {
    expect(parseCaseNumber('SQ-2026-000123')).toEqual({ year: 2026, seq: 123 });
    expect(parseCaseNumber('SQ-2027-999999')).toEqual({ year: 2027, seq: 999_999 });
  });

  it('when anything else is parsed, then null is returned', () => {
    for (const s of [
      '',
      'SQ-2026-123',
      'SQ-2026-0000123',
      'sq-2026-000123',
      'SQ-26-000123',
      ' SQ-2026-000123',
      'SQ-2026-000123 ',
      'SQ-2026-000123\n',
      'SQ2026000123',
      'SQ_2026_000123',
      'SQ-2026-000000',
      'SQ-0999-000001',
      'XQ-2026-000123',
      'SQ-２０２６-000123',
      'SQ-2026-00012a',
      'SQ-2026--00123',
    ]) {
      expect(parseCaseNumber(s), JSON.stringify(s)).toBeNull();
    }
    expect(parseCaseNumber(123 as unknown as string)).toBeNull();
  });

  it('when any valid pair is formatted and parsed, then it round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 999_999 }), (year, seq) => {
        expect(parseCaseNumber(formatCaseNumber(year, seq))).toEqual({ year, seq });
      }),
    );
  });

  it('when any string is parsed, then it is either null or exactly the formatted number', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const parsed = parseCaseNumber(s);
        if (parsed) expect(formatCaseNumber(parsed.year, parsed.seq)).toBe(s);
      }),
    );
  });
});

describe('urgency', () => {
  it('when supervision raises urgency, then it goes up one step and stops at emergency', () => {
    expect(raiseUrgency('normal')).toBe('urgent');
    expect(raiseUrgency('urgent')).toBe('emergency');
    expect(raiseUrgency('emergency')).toBe('emergency');
  });
});
