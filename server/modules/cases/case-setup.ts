import { CATEGORY_SEED, UNIT_SEED } from '../../../common/case-categories.js';
import { CALENDAR_SEED } from '../../../common/case-deadlines.js';
import type { Deps } from '../../context.js';
import { appendAudit } from '../audit/audit.service.js';
import { invalidateWorkCalendar } from './case-calendar.js';
import * as repo from './cases.repository.js';

// Start-up seeding of the case loop's reference data (like ensureDefaultTags): the category tree, the handling
// units and the 2026/2027 working-day calendar. Adds what is missing only, so admins' edits survive restarts: a
// category or unit is matched by code; a calendar year is seeded only while it has no day at all.

const SYSTEM_AUDIT = { actorId: null, actorName: 'system', ip: null, requestId: null };

export interface CaseSetupResult {
  categories: string[];
  units: string[];
  calendarYears: number[];
}

export async function ensureCaseSetup(deps: Deps): Promise<CaseSetupResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const result = await deps.db.transaction().execute(async (tx) => {
    const out: CaseSetupResult = { categories: [], units: [], calendarYears: [] };
    const existingUnits = new Set((await repo.listUnits(tx)).map((u) => u.code));
    for (const u of UNIT_SEED) {
      if (existingUnits.has(u.code)) continue;
      await repo.insertUnit(tx, {
        code: u.code,
        name_zh: u.name.zh,
        name_en: u.name.en,
        kind: u.kind,
        phone: null,
        active: 1,
        created_at: at,
        updated_at: at,
      });
      out.units.push(u.code);
    }
    const ids = new Map((await repo.listCategories(tx)).map((k) => [k.code, k.id]));
    // Parents before children, whatever the seed's order.
    const pending = CATEGORY_SEED.filter((k) => !ids.has(k.code));
    while (pending.length) {
      const i = pending.findIndex((k) => k.parentCode === null || ids.has(k.parentCode));
      if (i < 0) throw new Error(`category seed has children without parents: ${pending.map((k) => k.code)}`);
      const [k] = pending.splice(i, 1);
      const id = await repo.insertCategory(tx, {
        parent_id: k.parentCode === null ? null : (ids.get(k.parentCode) as number),
        code: k.code,
        name_zh: k.name.zh,
        name_en: k.name.en,
        sort: k.sort,
        response_limits: JSON.stringify(k.responseLimits),
        handling_limits: JSON.stringify(k.handlingLimits),
        default_unit_code: k.defaultUnitCode,
        active: 1,
        created_at: at,
        updated_at: at,
      });
      ids.set(k.code, id);
      out.categories.push(k.code);
    }
    const years = [...new Set(CALENDAR_SEED.map((d) => Number(d.date.slice(0, 4))))];
    for (const year of years) {
      if ((await repo.listCalendarDays(tx, year)).length) continue;
      for (const d of CALENDAR_SEED.filter((x) => x.date.startsWith(`${year}-`)))
        await repo.upsertCalendarDay(tx, { date: d.date, kind: d.kind, name: d.name, at });
      out.calendarYears.push(year);
    }
    if (out.categories.length || out.units.length || out.calendarYears.length)
      await appendAudit(tx, deps.kind, SYSTEM_AUDIT, { action: 'case.seed', after: out }, now);
    return out;
  });
  if (result.calendarYears.length) invalidateWorkCalendar(deps.db);
  return result;
}
