import { type CalendarDay, WorkCalendar } from '../../../common/case-deadlines.js';
import type { Db } from '../../db/create-db.js';
import * as repo from './cases.repository.js';

// The working-day calendar (table calendar_days, editable by admins) as a common/case-deadlines.ts WorkCalendar.
// Built once per database handle and kept until a calendar edit in this process invalidates it; deadlines are
// computed on every case created, so this saves a read of a few dozen rows per request.

const cache = new WeakMap<Db, Promise<WorkCalendar>>();

export function workCalendar(db: Db): Promise<WorkCalendar> {
  let cal = cache.get(db);
  if (!cal) {
    cal = repo
      .listCalendarDays(db)
      .then(
        (rows) =>
          new WorkCalendar(
            rows.map((r) => ({ date: r.date, kind: r.kind as CalendarDay['kind'], name: r.name })),
          ),
      );
    cal.catch(() => cache.delete(db));
    cache.set(db, cal);
  }
  return cal;
}

/** Drops the cached calendar (after an edit, or a test that wrote calendar_days directly). */
export function invalidateWorkCalendar(db: Db): void {
  cache.delete(db);
}
