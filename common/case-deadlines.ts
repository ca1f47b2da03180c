import { TIME_UNITS, type TimeUnit } from './cases';

/**
 * Deadlines of the case loop (docs/domain/cases.md, DOMAIN.md §1.5), pure.
 *
 * All Date values are UTC instants. "Local" means the calendar's offset from UTC (Asia/Shanghai = UTC+8, no
 * daylight saving), so local dates and times are computed by shifting the instant, never with the host's
 * time zone.
 */

export interface TimeLimit {
  amount: number;
  unit: TimeUnit;
}

export interface CalendarDay {
  /** YYYY-MM-DD, Asia/Shanghai. */
  date: string;
  /** `holiday`: a rest day (also when on a weekday); `workday`: a make-up working day (调休上班) on a weekend. */
  kind: 'holiday' | 'workday';
  name: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Asia/Shanghai. */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

/** Working time of a working day, minutes from local midnight: 08:00–12:00 and 14:00–18:00 (DOMAIN.md §1.5). */
export const WORK_PERIODS: ReadonlyArray<readonly [number, number]> = [
  [480, 720],
  [840, 1080],
];

const PENDING_2027 = '（法定假日，待国务院通知确认）';

function block(from: string, to: string, kind: CalendarDay['kind'], name: string): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (let d = dayNumber(from); d <= dayNumber(to); d++) out.push({ date: dateOfDayNumber(d), kind, name });
  return out;
}

/**
 * The seeded calendar; the `calendar_days` table starts from it and admins edit it there.
 *
 * 2026: 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号), as given in the issue brief and as we
 * recall the notice: 元旦 1月1日–3日 (4日周日上班); 春节 2月15日(腊月廿八)–23日(正月初七) (2月14日周六、2月28日周六
 * 上班); 清明 4月4日–6日; 劳动节 5月1日–5日 (5月9日周六上班); 端午 6月19日–21日; 中秋 9月25日–27日; 国庆 10月1日–7日
 * (9月20日周日、10月10日周六上班). Lunar dates checked: 2026-02-17 = 正月初一 (new moon 2026-02-17 20:01 Beijing),
 * 6-19 = 五月初五, 9-25 = 八月十五; 清明 (solar longitude 15°) falls on 2026-04-05 ≈ 02:30 Beijing.
 *
 * 2027: the State Council notice was not known when this was written, so only the statutory holidays of
 * 全国年节及纪念日放假办法 (as amended 2024) are seeded, named `（法定假日，待国务院通知确认）`. Admins adjust
 * them and add the 调休 days (make-up workdays, bridged blocks) when the notice is published.
 * Lunar dates checked (Meeus new-moon and solar-longitude formulas, Beijing time):
 * - 春节 = 2027-02-06: the new moon is 2027-02-06 23:56 Beijing, so 正月初一 is 2-06 (ICU's Chinese calendar,
 *   used by Intl, says 2-07 because the new moon is so close to midnight; the official 农历 reckons in Beijing
 *   time, GB/T 33661-2017). 除夕 = 2-05 (腊月 has 29 days), 初三 = 2-08; 4 days 2-05..2-08.
 * - 清明 = 2027-04-05 (solar longitude 15° ≈ 08:20 Beijing).
 * - 端午 = 2027-06-09 (五月初一 = new moon 2027-06-05 03:40 Beijing).
 * - 中秋 = 2027-09-15 (八月初一 = new moon 2027-09-01 01:41 Beijing).
 */
export const CALENDAR_SEED: readonly CalendarDay[] = [
  // 2026 — 国办发明电〔2025〕7号
  ...block('2026-01-01', '2026-01-03', 'holiday', '元旦'),
  { date: '2026-01-04', kind: 'workday', name: '元旦调休上班' },
  { date: '2026-02-14', kind: 'workday', name: '春节调休上班' },
  ...block('2026-02-15', '2026-02-23', 'holiday', '春节'),
  { date: '2026-02-28', kind: 'workday', name: '春节调休上班' },
  ...block('2026-04-04', '2026-04-06', 'holiday', '清明节'),
  ...block('2026-05-01', '2026-05-05', 'holiday', '劳动节'),
  { date: '2026-05-09', kind: 'workday', name: '劳动节调休上班' },
  ...block('2026-06-19', '2026-06-21', 'holiday', '端午节'),
  { date: '2026-09-20', kind: 'workday', name: '国庆节调休上班' },
  ...block('2026-09-25', '2026-09-27', 'holiday', '中秋节'),
  ...block('2026-10-01', '2026-10-07', 'holiday', '国庆节'),
  { date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' },
  // 2027 — statutory days only, pending the State Council notice
  { date: '2027-01-01', kind: 'holiday', name: `元旦${PENDING_2027}` },
  ...block('2027-02-05', '2027-02-08', 'holiday', `春节${PENDING_2027}`),
  { date: '2027-04-05', kind: 'holiday', name: `清明节${PENDING_2027}` },
  ...block('2027-05-01', '2027-05-02', 'holiday', `劳动节${PENDING_2027}`),
  { date: '2027-06-09', kind: 'holiday', name: `端午节${PENDING_2027}` },
  { date: '2027-09-15', kind: 'holiday', name: `中秋节${PENDING_2027}` },
  ...block('2027-10-01', '2027-10-03', 'holiday', `国庆节${PENDING_2027}`),
];

/** Days since 1970-01-01 of a YYYY-MM-DD date; throws a RangeError on anything else. */
function dayNumber(date: string): number {
  const m = DATE_PATTERN.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const n = ms / DAY;
  if (dateOfDayNumber(n) !== date) throw new RangeError(`no such date: ${date}`);
  return n;
}

function dateOfDayNumber(n: number): string {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

export function isCalendarDate(date: string): boolean {
  try {
    dayNumber(date);
    return true;
  } catch {
    return false;
  }
}

export interface WorkCalendarOptions {
  periods?: ReadonlyArray<readonly [number, number]>;
  utcOffsetMinutes?: number;
}

/** Working days: Monday–Friday unless listed as a holiday; Saturday and Sunday only when listed as a workday. */
export class WorkCalendar {
  readonly periods: ReadonlyArray<readonly [number, number]>;
  readonly utcOffsetMinutes: number;
  private readonly kinds = new Map<number, CalendarDay['kind']>();

  constructor(days: readonly CalendarDay[], opts: WorkCalendarOptions = {}) {
    const periods = opts.periods ?? WORK_PERIODS;
    if (periods.length === 0) throw new RangeError('a working day needs at least one working period');
    let previousEnd = 0;
    for (const [from, to] of periods) {
      if (!Number.isInteger(from) || !Number.isInteger(to) || from < previousEnd || to <= from || to > 1440) {
        throw new RangeError(`working periods must be ordered, non-overlapping minute ranges in 0..1440`);
      }
      previousEnd = to;
    }
    const offset = opts.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
    if (!Number.isInteger(offset) || Math.abs(offset) > 14 * 60) {
      throw new RangeError(`utcOffsetMinutes must be an integer within ±840, got ${offset}`);
    }
    this.periods = periods.map(([a, b]) => [a, b] as const);
    this.utcOffsetMinutes = offset;
    for (const day of days) {
      if (day.kind !== 'holiday' && day.kind !== 'workday') {
        throw new RangeError(`calendar day ${day.date} has an unknown kind ${JSON.stringify(day.kind)}`);
      }
      const n = dayNumber(day.date);
      if (this.kinds.has(n)) throw new RangeError(`calendar day ${day.date} is listed twice`);
      this.kinds.set(n, day.kind);
    }
  }

  isWorkday(date: string): boolean {
    return this.isWorkdayNumber(dayNumber(date));
  }

  /** @internal days since 1970-01-01 */
  isWorkdayNumber(n: number): boolean {
    const kind = this.kinds.get(n);
    if (kind) return kind === 'workday';
    const weekday = (n + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    return weekday !== 0 && weekday !== 6;
  }

  /** The local date (YYYY-MM-DD) of an instant. */
  localDate(instant: Date): string {
    return dateOfDayNumber(this.localDayNumber(instant.getTime()));
  }

  /** The instant of a local date plus minutes from local midnight. */
  instantAt(date: string, minuteOfDay: number): Date {
    return new Date(this.localMidnight(dayNumber(date)) + minuteOfDay * MINUTE);
  }

  /** @internal */
  localDayNumber(ms: number): number {
    return Math.floor((ms + this.utcOffsetMinutes * MINUTE) / DAY);
  }

  /** @internal the UTC instant (ms) of local midnight of day n */
  localMidnight(n: number): number {
    return n * DAY - this.utcOffsetMinutes * MINUTE;
  }
}

/** Throws a RangeError unless the limit is a positive whole amount of a known unit. */
export function assertTimeLimit(limit: TimeLimit): void {
  if (!limit || !Number.isSafeInteger(limit.amount) || limit.amount < 1) {
    throw new RangeError(`a time limit amount must be a positive integer, got ${limit?.amount}`);
  }
  if (!TIME_UNITS.includes(limit.unit)) {
    throw new RangeError(`unknown time unit ${JSON.stringify(limit?.unit)}`);
  }
}

/** Ten years of rest days in a row means the calendar is broken, not the case. */
const MAX_SCAN_DAYS = 3660;

/**
 * The deadline `limit` after `start`:
 * - `urgent_hours`: n hours of wall-clock time (24×7, holidays included);
 * - `natural_days`: n × 24 hours;
 * - `work_days`: the end of the last working period (18:00 local) of the n-th working day after the start's
 *   local date;
 * - `work_hours`: n hours of working time inside the working periods of working days, counted from `start`
 *   (a start outside working time begins at the next period; a deadline that lands on a period's end stays
 *   there rather than moving to the next period's start).
 */
export function addLimit(start: Date, limit: TimeLimit, cal: WorkCalendar): Date {
  const t = start instanceof Date ? start.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError('the start of a time limit must be a valid Date');
  assertTimeLimit(limit);
  const n = limit.amount;
  switch (limit.unit) {
    case 'urgent_hours':
      return new Date(t + n * HOUR);
    case 'natural_days':
      return new Date(t + n * DAY);
    case 'work_days':
      return addWorkDays(t, n, cal);
    case 'work_hours':
      return addWorkHours(t, n, cal);
  }
}

function addWorkDays(t: number, n: number, cal: WorkCalendar): Date {
  let day = cal.localDayNumber(t);
  let counted = 0;
  let restDaysInARow = 0;
  while (counted < n) {
    day++;
    if (cal.isWorkdayNumber(day)) {
      counted++;
      restDaysInARow = 0;
    } else if (++restDaysInARow > MAX_SCAN_DAYS) {
      throw new RangeError('the calendar has no working days left');
    }
  }
  const end = cal.periods[cal.periods.length - 1][1];
  return new Date(cal.localMidnight(day) + end * MINUTE);
}

function addWorkHours(t: number, n: number, cal: WorkCalendar): Date {
  let remaining = n * HOUR;
  let restDaysInARow = 0;
  for (let day = cal.localDayNumber(t); ; day++) {
    if (!cal.isWorkdayNumber(day)) {
      if (++restDaysInARow > MAX_SCAN_DAYS) throw new RangeError('the calendar has no working time left');
      continue;
    }
    restDaysInARow = 0;
    const midnight = cal.localMidnight(day);
    for (const [from, to] of cal.periods) {
      const periodStart = Math.max(midnight + from * MINUTE, t);
      const periodEnd = midnight + to * MINUTE;
      if (periodStart >= periodEnd) continue;
      const available = periodEnd - periodStart;
      if (remaining <= available) return new Date(periodStart + remaining);
      remaining -= available;
    }
  }
}

export type WarningLevel = 'ok' | 'yellow' | 'red';
export const WARNING_LEVELS = ['ok', 'yellow', 'red'] as const;
/** The share of the time that may be used before a yellow warning: 75 %. */
export const WARNING_SHARE = 0.75;

/**
 * `red` when `now` is past `due`; `yellow` once at least 75 % of the time from `start` to `due` has been used
 * (exactly 75 % is yellow, and so is `now === due`); `ok` otherwise and when there is no deadline.
 */
export function warningLevel(start: Date, due: Date | null, now: Date): WarningLevel {
  if (due === null) return 'ok';
  const s = start.getTime();
  const d = due.getTime();
  const t = now.getTime();
  if (t > d) return 'red';
  // integer arithmetic: used / total >= 3 / 4
  if (4 * (t - s) >= 3 * (d - s)) return 'yellow';
  return 'ok';
}
