import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addLimit,
  assertTimeLimit,
  CALENDAR_SEED,
  type CalendarDay,
  isCalendarDate,
  type TimeLimit,
  WORK_PERIODS,
  WorkCalendar,
  warningLevel,
} from '../case-deadlines';
import { TIME_UNITS } from '../cases';

const cal = new WorkCalendar(CALENDAR_SEED);

/** A Beijing wall-clock time 'YYYY-MM-DD HH:mm[:ss]' as a UTC instant, written independently of the module. */
function bj(s: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (!m) throw new Error(s);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5], m[6] ? +m[6] : 0));
}

/** A UTC instant shown as Beijing wall-clock time. */
function show(d: Date): string {
  const x = new Date(d.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const base = `${x.getUTCFullYear()}-${p(x.getUTCMonth() + 1)}-${p(x.getUTCDate())} ${p(x.getUTCHours())}:${p(x.getUTCMinutes())}`;
  return x.getUTCSeconds() ? `${base}:${p(x.getUTCSeconds())}` : base;
}

const dueAfter = (start: string, amount: number, unit: TimeLimit['unit']) =>
  show(addLimit(bj(start), { amount, unit }, cal));

describe('the seeded calendar', () => {
  const byDate = new Map(CALENDAR_SEED.map((d) => [d.date, d]));
  const dates = (kind: CalendarDay['kind'], year: string) =>
    CALENDAR_SEED.filter((d) => d.kind === kind && d.date.startsWith(year)).map((d) => d.date);

  it('when 2026 is read, then it has the 33 holidays and 6 make-up workdays of 国办发明电〔2025〕7号', () => {
    expect(dates('holiday', '2026')).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
      '2026-04-04',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-02',
      '2026-05-03',
      '2026-05-04',
      '2026-05-05',
      '2026-06-19',
      '2026-06-20',
      '2026-06-21',
      '2026-09-25',
      '2026-09-26',
      '2026-09-27',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ]);
    expect(dates('workday', '2026')).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(byDate.get('2026-02-17')?.name).toBe('春节');
    expect(byDate.get('2026-10-10')?.name).toBe('国庆节调休上班');
  });

  it('when make-up workdays are listed, then each falls on a Saturday or Sunday', () => {
    for (const d of CALENDAR_SEED.filter((x) => x.kind === 'workday')) {
      expect([0, 6], d.date).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
    }
  });

  it('when 2027 is read, then only the statutory 13 days are seeded, each marked as awaiting the notice', () => {
    const y2027 = CALENDAR_SEED.filter((d) => d.date.startsWith('2027'));
    expect(y2027.map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    for (const d of y2027) {
      expect(d.kind).toBe('holiday');
      expect(d.name).toMatch(/（法定假日，待国务院通知确认）$/);
    }
  });

  it('when the lunar festivals are checked against the Chinese calendar, then they fall on the right lunar days', () => {
    const lunar = new Intl.DateTimeFormat('zh-CN-u-ca-chinese', {
      timeZone: 'Asia/Shanghai',
      month: 'long',
      day: 'numeric',
    });
    const lunarOf = (date: string) => {
      const parts = lunar.formatToParts(new Date(`${date}T12:00:00+08:00`));
      return `${parts.find((p) => p.type === 'month')?.value}${parts.find((p) => p.type === 'day')?.value}`;
    };
    expect(lunarOf('2026-02-17')).toBe('正月1');
    expect(lunarOf('2026-02-15')).toBe('腊月28');
    expect(lunarOf('2026-02-23')).toBe('正月7');
    expect(lunarOf('2026-06-19')).toBe('五月5');
    expect(lunarOf('2026-09-25')).toBe('八月15');
    expect(lunarOf('2027-06-09')).toBe('五月5');
    expect(lunarOf('2027-09-15')).toBe('八月15');
    // 2027 春节: ICU puts 正月初一 on 02-07 because the new moon is at 23:56 Beijing on 02-06; the official
    // 农历 reckons it on 02-06 (see the comment on CALENDAR_SEED), so ICU is not the oracle for that one.
  });

  it('when dates are unique and well-formed, then the calendar builds', () => {
    expect(new Set(CALENDAR_SEED.map((d) => d.date)).size).toBe(CALENDAR_SEED.length);
    for (const d of CALENDAR_SEED) expect(isCalendarDate(d.date), d.date).toBe(true);
    expect(WORK_PERIODS).toEqual([
      [480, 720],
      [840, 1080],
    ]);
  });
});

describe('WorkCalendar', () => {
  it('when a weekday, weekend, holiday or make-up day is asked, then it says whether people work', () => {
    expect(cal.isWorkday('2026-03-02')).toBe(true); // Monday
    expect(cal.isWorkday('2026-03-07')).toBe(false); // Saturday
    expect(cal.isWorkday('2026-03-08')).toBe(false); // Sunday
    expect(cal.isWorkday('2026-01-01')).toBe(false); // 元旦, Thursday
    expect(cal.isWorkday('2026-01-04')).toBe(true); // Sunday, make-up
    expect(cal.isWorkday('2026-02-14')).toBe(true); // Saturday, make-up
    expect(cal.isWorkday('2026-02-16')).toBe(false); // Monday, 春节
    expect(cal.isWorkday('2026-02-28')).toBe(true); // Saturday, make-up
    expect(cal.isWorkday('2026-10-08')).toBe(true); // Thursday after 国庆
    expect(cal.isWorkday('2027-02-05')).toBe(false); // 除夕 2027 (statutory)
    expect(cal.isWorkday('2025-12-31')).toBe(true); // outside the seed: plain weekday
  });

  it('when the calendar is empty, then only weekends rest', () => {
    const plain = new WorkCalendar([]);
    expect(plain.isWorkday('2026-01-01')).toBe(true);
    expect(plain.isWorkday('2026-01-03')).toBe(false);
  });

  it('when days or options are malformed, then construction throws a RangeError', () => {
    expect(() => new WorkCalendar([{ date: '2026-02-30', kind: 'holiday', name: 'x' }])).toThrow(RangeError);
    expect(() => new WorkCalendar([{ date: '2026-2-3', kind: 'holiday', name: 'x' }])).toThrow(RangeError);
    expect(
      () =>
        new WorkCalendar([
          { date: '2026-02-03', kind: 'holiday', name: 'x' },
          { date: '2026-02-03', kind: 'workday', name: 'y' },
        ]),
    ).toThrow(RangeError);
    expect(() => new WorkCalendar([{ date: '2026-02-03', kind: 'rest' as 'holiday', name: 'x' }])).toThrow(
      RangeError,
    );
    expect(() => new WorkCalendar([], { periods: [] })).toThrow(RangeError);
    expect(
      () =>
        new WorkCalendar([], {
          periods: [
            [480, 720],
            [700, 800],
          ],
        }),
    ).toThrow(RangeError);
    expect(() => new WorkCalendar([], { periods: [[600, 600]] })).toThrow(RangeError);
    expect(() => new WorkCalendar([], { periods: [[600, 1441]] })).toThrow(RangeError);
    expect(() => new WorkCalendar([], { utcOffsetMinutes: 480.5 })).toThrow(RangeError);
    expect(() => cal.isWorkday('tomorrow')).toThrow(RangeError);
  });

  it('when instants around local midnight are converted, then the Beijing date is used, not the UTC one', () => {
    expect(cal.localDate(new Date('2026-02-13T15:59:59Z'))).toBe('2026-02-13');
    expect(cal.localDate(new Date('2026-02-13T16:00:00Z'))).toBe('2026-02-14');
    expect(cal.instantAt('2026-02-14', 480).toISOString()).toBe('2026-02-14T00:00:00.000Z');
  });
});

describe('addLimit', () => {
  describe('urgent_hours (24×7)', () => {
    it('when hours run over a night, a weekend and a holiday, then they are plain wall-clock hours', () => {
      expect(dueAfter('2026-03-06 17:00', 2, 'urgent_hours')).toBe('2026-03-06 19:00');
      expect(dueAfter('2026-03-06 23:30', 3, 'urgent_hours')).toBe('2026-03-07 02:30');
      expect(dueAfter('2026-02-16 10:00', 48, 'urgent_hours')).toBe('2026-02-18 10:00');
      expect(dueAfter('2026-03-07 03:15:20', 1, 'urgent_hours')).toBe('2026-03-07 04:15:20');
    });
  });

  describe('natural_days', () => {
    it('when days are added, then each is 24 hours regardless of weekends and holidays', () => {
      expect(dueAfter('2026-03-06 17:00', 1, 'natural_days')).toBe('2026-03-07 17:00');
      expect(dueAfter('2026-02-10 09:30', 60, 'natural_days')).toBe('2026-04-11 09:30');
      expect(dueAfter('2026-12-31 23:00', 1, 'natural_days')).toBe('2027-01-01 23:00');
    });
  });

  describe('work_days', () => {
    it('when a working day is added on a weekday, then the deadline is 18:00 of the next working day', () => {
      expect(dueAfter('2026-03-03 09:00', 1, 'work_days')).toBe('2026-03-04 18:00'); // Tue → Wed
      expect(dueAfter('2026-03-03 23:59', 1, 'work_days')).toBe('2026-03-04 18:00');
      expect(dueAfter('2026-03-03 00:00', 5, 'work_days')).toBe('2026-03-10 18:00');
    });

    it('when the days run over a weekend, then Saturday and Sunday are skipped', () => {
      expect(dueAfter('2026-03-06 10:00', 1, 'work_days')).toBe('2026-03-09 18:00'); // Fri → Mon
      expect(dueAfter('2026-03-07 10:00', 1, 'work_days')).toBe('2026-03-09 18:00'); // Sat → Mon
      expect(dueAfter('2026-03-08 10:00', 1, 'work_days')).toBe('2026-03-09 18:00'); // Sun → Mon
      expect(dueAfter('2026-03-05 10:00', 2, 'work_days')).toBe('2026-03-09 18:00'); // Thu → Mon
    });

    it('when the days run into the 2026 春节 block, then the make-up Saturdays count and the holidays do not', () => {
      expect(dueAfter('2026-02-12 10:00', 1, 'work_days')).toBe('2026-02-13 18:00'); // Thu → Fri
      expect(dueAfter('2026-02-13 10:00', 1, 'work_days')).toBe('2026-02-14 18:00'); // Fri → make-up Sat
      expect(dueAfter('2026-02-13 10:00', 2, 'work_days')).toBe('2026-02-24 18:00'); // over 2-15..2-23
      expect(dueAfter('2026-02-14 10:00', 1, 'work_days')).toBe('2026-02-24 18:00');
      expect(dueAfter('2026-02-18 10:00', 1, 'work_days')).toBe('2026-02-24 18:00'); // started in the holiday
      expect(dueAfter('2026-02-24 10:00', 4, 'work_days')).toBe('2026-02-28 18:00'); // Tue+4 = make-up Sat
      expect(dueAfter('2026-02-27 10:00', 2, 'work_days')).toBe('2026-03-02 18:00'); // Fri → Sat(work) → Mon
      expect(dueAfter('2026-02-10 10:00', 5, 'work_days')).toBe('2026-02-24 18:00'); // 11,12,13,14,24
    });

    it('when the days run into 国庆 and the New Year, then bridged days are honoured', () => {
      expect(dueAfter('2026-09-30 10:00', 1, 'work_days')).toBe('2026-10-08 18:00');
      expect(dueAfter('2026-09-18 10:00', 1, 'work_days')).toBe('2026-09-20 18:00'); // Fri → make-up Sun
      expect(dueAfter('2026-12-31 10:00', 1, 'work_days')).toBe('2027-01-04 18:00'); // 2027-01-01 statutory
      expect(dueAfter('2026-01-02 10:00', 1, 'work_days')).toBe('2026-01-04 18:00'); // make-up Sunday
    });

    it('when the start is just before Beijing midnight in UTC terms, then the local date decides', () => {
      // 2026-03-05 23:30 Beijing = 15:30Z on Thursday; one working day → Friday
      expect(show(addLimit(new Date('2026-03-05T15:30:00Z'), { amount: 1, unit: 'work_days' }, cal))).toBe(
        '2026-03-06 18:00',
      );
      // 2026-03-06 00:30 Beijing = 2026-03-05 16:30Z: already Friday locally → Monday
      expect(show(addLimit(new Date('2026-03-05T16:30:00Z'), { amount: 1, unit: 'work_days' }, cal))).toBe(
        '2026-03-09 18:00',
      );
    });
  });

  describe('work_hours', () => {
    it('when the start is inside a period, then hours are counted from it', () => {
      expect(dueAfter('2026-03-03 09:00', 2, 'work_hours')).toBe('2026-03-03 11:00');
      expect(dueAfter('2026-03-03 09:20:30', 1, 'work_hours')).toBe('2026-03-03 10:20:30');
    });

    it('when the hours reach a period end exactly, then the deadline stays at the end, not the next start', () => {
      expect(dueAfter('2026-03-03 08:00', 4, 'work_hours')).toBe('2026-03-03 12:00');
      expect(dueAfter('2026-03-03 11:00', 1, 'work_hours')).toBe('2026-03-03 12:00');
      expect(dueAfter('2026-03-03 08:00', 8, 'work_hours')).toBe('2026-03-03 18:00');
    });

    it('when the hours run past lunch or the evening, then the break and the night are skipped', () => {
      expect(dueAfter('2026-03-03 11:00', 2, 'work_hours')).toBe('2026-03-03 15:00');
      expect(dueAfter('2026-03-03 17:00', 2, 'work_hours')).toBe('2026-03-04 09:00');
      expect(dueAfter('2026-03-03 11:30', 9, 'work_hours')).toBe('2026-03-04 14:30');
    });

    it('when the start is outside working time, then counting begins at the next period', () => {
      expect(dueAfter('2026-03-03 06:00', 1, 'work_hours')).toBe('2026-03-03 09:00'); // before 08:00
      expect(dueAfter('2026-03-03 12:00', 1, 'work_hours')).toBe('2026-03-03 15:00'); // at lunch start
      expect(dueAfter('2026-03-03 12:30', 1, 'work_hours')).toBe('2026-03-03 15:00'); // at lunch
      expect(dueAfter('2026-03-03 18:00', 1, 'work_hours')).toBe('2026-03-04 09:00'); // at closing
      expect(dueAfter('2026-03-03 22:00', 1, 'work_hours')).toBe('2026-03-04 09:00'); // at night
      expect(dueAfter('2026-03-07 10:00', 4, 'work_hours')).toBe('2026-03-09 12:00'); // Saturday
    });

    it('when the hours run over a weekend, then the weekend is skipped', () => {
      expect(dueAfter('2026-03-06 17:00', 2, 'work_hours')).toBe('2026-03-09 09:00');
      expect(dueAfter('2026-03-06 17:30', 16, 'work_hours')).toBe('2026-03-10 17:30');
    });

    it('when the hours run into the 2026 春节 block, then the make-up Saturday works and the holiday does not', () => {
      expect(dueAfter('2026-02-13 17:00', 2, 'work_hours')).toBe('2026-02-14 09:00'); // Fri → make-up Sat
      expect(dueAfter('2026-02-14 17:00', 2, 'work_hours')).toBe('2026-02-24 09:00'); // Sat → after the block
      expect(dueAfter('2026-02-20 10:00', 4, 'work_hours')).toBe('2026-02-24 12:00'); // started in the holiday
      expect(dueAfter('2026-02-27 17:00', 4, 'work_hours')).toBe('2026-02-28 11:00'); // Fri → make-up Sat
    });

    it('when the calendar has other periods or offset, then they are used', () => {
      const shortDay = new WorkCalendar([], { periods: [[540, 600]] });
      expect(show(addLimit(bj('2026-03-03 09:30'), { amount: 1, unit: 'work_hours' }, shortDay))).toBe(
        '2026-03-04 09:30',
      );
      expect(show(addLimit(bj('2026-03-03 09:30'), { amount: 1, unit: 'work_days' }, shortDay))).toBe(
        '2026-03-04 10:00',
      );
      const utc = new WorkCalendar([], { utcOffsetMinutes: 0 });
      expect(
        addLimit(new Date('2026-03-03T17:00:00Z'), { amount: 2, unit: 'work_hours' }, utc).toISOString(),
      ).toBe('2026-03-04T09:00:00.000Z');
    });
  });

  describe('bad limits', () => {
    it('when the amount is not a positive integer, then a RangeError is thrown for every unit', () => {
      for (const unit of TIME_UNITS) {
        for (const amount of [0, -1, 1.5, 0.25, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
          expect(() => addLimit(bj('2026-03-03 09:00'), { amount, unit }, cal), `${amount} ${unit}`).toThrow(
            RangeError,
          );
        }
        expect(() =>
          addLimit(bj('2026-03-03 09:00'), { amount: '2' as unknown as number, unit }, cal),
        ).toThrow(RangeError);
      }
    });

    it('when the unit or the start is wrong, then a RangeError is thrown', () => {
      expect(() =>
        addLimit(bj('2026-03-03 09:00'), { amount: 1, unit: 'weeks' as 'work_days' }, cal),
      ).toThrow(RangeError);
      expect(() => addLimit(new Date(Number.NaN), { amount: 1, unit: 'work_days' }, cal)).toThrow(RangeError);
      expect(() => assertTimeLimit({ amount: 3, unit: 'work_hours' })).not.toThrow();
    });

    it('when the calendar never works, then a RangeError is thrown instead of looping', () => {
      const days: CalendarDay[] = [];
      const first = Date.UTC(2026, 0, 1) / 86_400_000;
      for (let n = first; n < first + 3700; n++) {
        const date = new Date(n * 86_400_000).toISOString().slice(0, 10);
        days.push({ date, kind: 'holiday', name: 'x' });
      }
      const never = new WorkCalendar(days);
      expect(() => addLimit(bj('2026-01-01 09:00'), { amount: 1, unit: 'work_days' }, never)).toThrow(
        RangeError,
      );
      expect(() => addLimit(bj('2026-01-01 09:00'), { amount: 1, unit: 'work_hours' }, never)).toThrow(
        RangeError,
      );
    });
  });

  describe('properties', () => {
    const startArb = fc
      .integer({ min: Date.UTC(2025, 11, 20), max: Date.UTC(2027, 11, 20) })
      .map((ms) => new Date(ms));
    const localMinute = (d: Date) => {
      const ms = d.getTime() + 8 * 3600_000;
      return (ms % 86_400_000) / 60_000;
    };

    it('when any working-day limit is added, then the deadline is 18:00 on a working day, after the start', () => {
      fc.assert(
        fc.property(startArb, fc.integer({ min: 1, max: 30 }), (start, amount) => {
          const due = addLimit(start, { amount, unit: 'work_days' }, cal);
          expect(due.getTime()).toBeGreaterThan(start.getTime());
          expect(localMinute(due)).toBe(1080);
          expect(cal.isWorkday(cal.localDate(due))).toBe(true);
          // exactly `amount` working days lie in (start date, due date]
          let count = 0;
          for (
            let t = start.getTime() + 86_400_000;
            cal.localDate(new Date(t)) <= cal.localDate(due);
            t += 86_400_000
          ) {
            if (cal.isWorkday(cal.localDate(new Date(t)))) count++;
          }
          expect(count).toBe(amount);
        }),
        { numRuns: 300 },
      );
    });

    it('when any working-hour limit is added, then the deadline lies in working time and n+1 hours end later', () => {
      fc.assert(
        fc.property(startArb, fc.integer({ min: 1, max: 40 }), (start, amount) => {
          const due = addLimit(start, { amount, unit: 'work_hours' }, cal);
          const next = addLimit(start, { amount: amount + 1, unit: 'work_hours' }, cal);
          expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime() + amount * 3600_000);
          expect(next.getTime()).toBeGreaterThanOrEqual(due.getTime() + 3600_000);
          const m = localMinute(due);
          expect(
            WORK_PERIODS.some(([a, b]) => m > a && m <= b),
            show(due),
          ).toBe(true);
          expect(cal.isWorkday(cal.localDate(due))).toBe(true);
        }),
        { numRuns: 300 },
      );
    });

    it('when any working-hour limit is added, then the working minutes in between equal the amount', () => {
      fc.assert(
        fc.property(startArb, fc.integer({ min: 1, max: 24 }), (start, amount) => {
          const due = addLimit(start, { amount, unit: 'work_hours' }, cal);
          // count minute by minute (the start is rounded to whole minutes here)
          const s = Math.ceil(start.getTime() / 60_000) * 60_000;
          const from = new Date(s);
          const d = addLimit(from, { amount, unit: 'work_hours' }, cal);
          let minutes = 0;
          for (let t = s; t < d.getTime(); t += 60_000) {
            const m = localMinute(new Date(t));
            if (cal.isWorkday(cal.localDate(new Date(t))) && WORK_PERIODS.some(([a, b]) => m >= a && m < b))
              minutes++;
          }
          expect(minutes).toBe(amount * 60);
          expect(due.getTime()).toBeLessThanOrEqual(d.getTime());
        }),
        { numRuns: 40 },
      );
    });
  });
});

describe('warningLevel', () => {
  const start = bj('2026-03-03 08:00');
  const due = bj('2026-03-03 12:00'); // 4 hours: 75 % is 11:00

  it('when less than 75 % of the time is used, then ok', () => {
    expect(warningLevel(start, due, start)).toBe('ok');
    expect(warningLevel(start, due, new Date(bj('2026-03-03 11:00').getTime() - 1))).toBe('ok');
    expect(warningLevel(start, due, bj('2026-03-03 07:00'))).toBe('ok');
  });

  it('when exactly 75 % or more is used up to the deadline itself, then yellow', () => {
    expect(warningLevel(start, due, bj('2026-03-03 11:00'))).toBe('yellow');
    expect(warningLevel(start, due, bj('2026-03-03 11:59'))).toBe('yellow');
    expect(warningLevel(start, due, due)).toBe('yellow');
  });

  it('when the deadline has passed, then red', () => {
    expect(warningLevel(start, due, new Date(due.getTime() + 1))).toBe('red');
    expect(warningLevel(start, due, bj('2026-03-10 08:00'))).toBe('red');
  });

  it('when there is no deadline, then ok whatever the time', () => {
    expect(warningLevel(start, null, bj('2030-01-01 00:00'))).toBe('ok');
  });

  it('when the span is not a round number of milliseconds at 75 %, then the threshold is still exact', () => {
    const s = new Date(0);
    const d = new Date(3);
    expect(warningLevel(s, d, new Date(2))).toBe('ok'); // 66.7 %
    expect(warningLevel(s, d, new Date(3))).toBe('yellow');
    const d2 = new Date(400);
    expect(warningLevel(s, d2, new Date(299))).toBe('ok');
    expect(warningLevel(s, d2, new Date(300))).toBe('yellow');
  });
});
