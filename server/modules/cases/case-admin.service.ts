import { UNIT_KINDS, type UnitSeed } from '../../../common/case-categories.js';
import { type CalendarDay, isCalendarDate, type TimeLimit } from '../../../common/case-deadlines.js';
import { URGENCIES, type Urgency } from '../../../common/cases.js';
import type { LocalizedText } from '../../../common/i18n.js';
import { authorize } from '../../../common/permissions.js';
import type { CallContext } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { requireGlobal } from '../../plugins/auth.js';
import { appendAudit, recordAudit } from '../audit/audit.service.js';
import { invalidateWorkCalendar } from './case-calendar.js';
import { staffActor } from './cases.policy.js';
import * as repo from './cases.repository.js';

// Reference data of the case loop, editable by admins (docs/api-cases.md): the category tree with its limits, the
// handling units with their handlers and served nodes, and the working-day calendar. Reads are open to every
// signed-in user (the intake form needs them); writes need settings.write, except that community staff
// (case.dispatch) may staff the units serving their own area.

const problem = (field: string, code: string, zh: string, en: string): FieldProblem => ({
  field,
  code,
  message: { zh, en },
});

export interface CategoryView {
  id: number;
  parentId: number | null;
  code: string;
  name: LocalizedText;
  sort: number;
  responseLimits: Record<Urgency, TimeLimit>;
  handlingLimits: Record<Urgency, TimeLimit>;
  defaultUnitCode: string | null;
  active: boolean;
  leaf: boolean;
}

function presentCategory(k: repo.CategoryRow, all: repo.CategoryRow[]): CategoryView {
  return {
    id: k.id,
    parentId: k.parent_id,
    code: k.code,
    name: { zh: k.name_zh, en: k.name_en },
    sort: k.sort,
    responseLimits: JSON.parse(k.response_limits),
    handlingLimits: JSON.parse(k.handling_limits),
    defaultUnitCode: k.default_unit_code,
    active: k.active === 1,
    leaf: !all.some((x) => x.parent_id === k.id && x.active === 1),
  };
}

/** The category tree, flat (parents before their children, by sort then code). */
export async function listCategories(c: CallContext): Promise<CategoryView[]> {
  const all = await repo.listCategories(c.deps.db);
  const out: CategoryView[] = [];
  const walk = (parentId: number | null) => {
    for (const k of all.filter((x) => x.parent_id === parentId)) {
      out.push(presentCategory(k, all));
      walk(k.id);
    }
  };
  walk(null);
  return out;
}

export interface CategoryInput {
  parentId?: number | null;
  code?: string;
  name?: LocalizedText;
  sort?: number;
  responseLimits?: Record<Urgency, TimeLimit>;
  handlingLimits?: Record<Urgency, TimeLimit>;
  defaultUnitCode?: string | null;
  active?: boolean;
}

async function checkCategory(c: CallContext, input: CategoryInput, selfId: number | null) {
  const problems: FieldProblem[] = [];
  for (const key of ['responseLimits', 'handlingLimits'] as const) {
    const limits = input[key];
    if (limits === undefined) continue;
    for (const u of URGENCIES) {
      const l = limits[u];
      if (!l || !Number.isInteger(l.amount) || l.amount < 1)
        problems.push(
          problem(`${key}.${u}`, 'limit.invalid', '时限应为正整数', 'A limit is a positive whole number'),
        );
    }
  }
  if (input.parentId != null) {
    const parent = await repo.findCategory(c.deps.db, input.parentId);
    if (!parent || parent.id === selfId)
      problems.push(problem('parentId', 'parentId.unknown', '没有这个上级分类', 'No such parent category'));
    else if (parent.parent_id !== null)
      problems.push(
        problem('parentId', 'parentId.too_deep', '分类最多两级', 'Categories have at most two levels'),
      );
  }
  if (input.defaultUnitCode && !(await repo.findUnitByCode(c.deps.db, input.defaultUnitCode)))
    problems.push(problem('defaultUnitCode', 'defaultUnitCode.unknown', '没有这个承办单位', 'No such unit'));
  if (input.code !== undefined && (await repo.findCategoryByCode(c.deps.db, input.code)))
    problems.push(problem('code', 'code.taken', '分类代码已存在', 'That code is taken'));
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
}

export async function createCategory(
  c: CallContext,
  input: Required<Omit<CategoryInput, 'active' | 'parentId' | 'defaultUnitCode' | 'sort'>> & CategoryInput,
) {
  await requireGlobal(c, 'settings.write');
  await checkCategory(c, input, null);
  const now = c.deps.clock.now();
  const at = now.toISOString();
  const id = await c.deps.db.transaction().execute(async (tx) => {
    const newId = await repo.insertCategory(tx, {
      parent_id: input.parentId ?? null,
      code: input.code,
      name_zh: input.name.zh,
      name_en: input.name.en,
      sort: input.sort ?? 0,
      response_limits: JSON.stringify(input.responseLimits),
      handling_limits: JSON.stringify(input.handlingLimits),
      default_unit_code: input.defaultUnitCode ?? null,
      active: 1,
      created_at: at,
      updated_at: at,
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'case_category.create', entityType: 'case_category', entityId: newId, after: input },
      now,
    );
    return newId;
  });
  return (await listCategories(c)).find((k) => k.id === id) as CategoryView;
}

export async function updateCategory(c: CallContext, id: number, input: Omit<CategoryInput, 'code'>) {
  await requireGlobal(c, 'settings.write');
  const before = await repo.findCategory(c.deps.db, id);
  if (!before) throw new AppError('NOT_FOUND', 404);
  await checkCategory(c, input, id);
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.updateCategory(tx, id, {
      ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
      ...(input.name ? { name_zh: input.name.zh, name_en: input.name.en } : {}),
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
      ...(input.responseLimits ? { response_limits: JSON.stringify(input.responseLimits) } : {}),
      ...(input.handlingLimits ? { handling_limits: JSON.stringify(input.handlingLimits) } : {}),
      ...(input.defaultUnitCode !== undefined ? { default_unit_code: input.defaultUnitCode } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      updated_at: now.toISOString(),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'case_category.update',
        entityType: 'case_category',
        entityId: id,
        before: { code: before.code },
        after: input,
      },
      now,
    );
  });
  return (await listCategories(c)).find((k) => k.id === id) as CategoryView;
}

// ---------------------------------------------------------------------------------------------
// units

export interface UnitView {
  id: number;
  code: string;
  name: LocalizedText;
  kind: UnitSeed['kind'];
  phone: string | null;
  active: boolean;
  nodes: Array<{ id: number; name: string; level: string }>;
  members: Array<{ userId: number; username: string; displayName: string }>;
}

/** Handling units with the nodes they serve; their handlers are listed for staff who read cases or admins. */
export async function listUnits(c: CallContext): Promise<UnitView[]> {
  const db = c.deps.db;
  const units = await repo.listUnits(db);
  const ids = units.map((u) => u.id);
  const nodes = await repo.unitNodes(db, ids);
  const showMembers =
    authorize(c.actor, 'settings.write', null) ||
    staffActor(c.actor).assignments.some((a) => authorize(c.actor, 'case.read', { path: a.nodePath }));
  const members = showMembers ? await repo.unitMembers(db, ids) : [];
  return units.map((u) => ({
    id: u.id,
    code: u.code,
    name: { zh: u.name_zh, en: u.name_en },
    kind: u.kind as UnitSeed['kind'],
    phone: u.phone,
    active: u.active === 1,
    nodes: nodes
      .filter((n) => n.unit_id === u.id)
      .map((n) => ({ id: n.node_id, name: n.name, level: n.level })),
    members: members
      .filter((m) => m.unit_id === u.id)
      .map((m) => ({ userId: m.user_id, username: m.username, displayName: m.display_name })),
  }));
}

export interface UnitInput {
  code?: string;
  name?: LocalizedText;
  kind?: UnitSeed['kind'];
  phone?: string | null;
  active?: boolean;
}

export async function createUnit(
  c: CallContext,
  input: Required<Pick<UnitInput, 'code' | 'name' | 'kind'>> & UnitInput,
) {
  await requireGlobal(c, 'settings.write');
  if (await repo.findUnitByCode(c.deps.db, input.code))
    throw new AppError('VALIDATION_FAILED', 400, [
      problem('code', 'code.taken', '单位代码已存在', 'That code is taken'),
    ]);
  if (!UNIT_KINDS.includes(input.kind))
    throw new AppError('VALIDATION_FAILED', 400, [
      problem('kind', 'kind.unknown', '单位类型不正确', 'Unknown kind'),
    ]);
  const now = c.deps.clock.now();
  const at = now.toISOString();
  const id = await c.deps.db.transaction().execute(async (tx) => {
    const newId = await repo.insertUnit(tx, {
      code: input.code,
      name_zh: input.name.zh,
      name_en: input.name.en,
      kind: input.kind,
      phone: input.phone ?? null,
      active: 1,
      created_at: at,
      updated_at: at,
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'unit.create', entityType: 'unit', entityId: newId, after: input },
      now,
    );
    return newId;
  });
  return (await listUnits(c)).find((u) => u.id === id) as UnitView;
}

export async function updateUnit(c: CallContext, id: number, input: Omit<UnitInput, 'code'>) {
  await requireGlobal(c, 'settings.write');
  if (!(await repo.findUnit(c.deps.db, id))) throw new AppError('NOT_FOUND', 404);
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.updateUnit(tx, id, {
      ...(input.name ? { name_zh: input.name.zh, name_en: input.name.en } : {}),
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      updated_at: now.toISOString(),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'unit.update', entityType: 'unit', entityId: id, after: input },
      now,
    );
  });
  return (await listUnits(c)).find((u) => u.id === id) as UnitView;
}

/**
 * settings.write anywhere, or case.dispatch over every given node (community staff staffing the units that serve
 * their own area). Otherwise 403 with an audit entry.
 */
async function requireUnitEditor(c: CallContext, unitId: number, nodePaths: readonly string[]) {
  if (authorize(c.actor, 'settings.write', null)) return;
  const staff = staffActor(c.actor);
  if (nodePaths.length && nodePaths.every((p) => authorize(staff, 'case.dispatch', { path: p }))) return;
  await recordAudit(
    c.deps.db,
    c.deps.kind,
    c.audit,
    {
      action: 'access.denied',
      entityType: 'unit',
      entityId: unitId,
      outcome: 'denied',
      after: { permission: 'case.dispatch' },
    },
    c.deps.clock.now(),
  );
  throw new AppError('FORBIDDEN', 403);
}

export async function setUnitMembers(c: CallContext, id: number, userIds: number[]) {
  const unit = await repo.findUnit(c.deps.db, id);
  if (!unit) throw new AppError('NOT_FOUND', 404);
  const served = await repo.unitNodes(c.deps.db, [id]);
  await requireUnitEditor(
    c,
    id,
    served.map((n) => n.path),
  );
  const unique = [...new Set(userIds)];
  const known = await repo.existingUserIds(c.deps.db, unique);
  const missing = unique.filter((u) => !known.includes(u));
  if (missing.length)
    throw new AppError('VALIDATION_FAILED', 400, [
      problem('userIds', 'userIds.unknown', '有用户不存在', `Unknown users: ${missing.join(', ')}`),
    ]);
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.replaceUnitMembers(tx, id, unique, now.toISOString());
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'unit.members', entityType: 'unit', entityId: id, after: { userIds: unique } },
      now,
    );
  });
  return (await listUnits(c)).find((u) => u.id === id) as UnitView;
}

export async function setUnitNodes(c: CallContext, id: number, nodeIds: number[]) {
  const unit = await repo.findUnit(c.deps.db, id);
  if (!unit) throw new AppError('NOT_FOUND', 404);
  const unique = [...new Set(nodeIds)];
  const nodes = await repo.findNodesByIds(c.deps.db, unique);
  if (nodes.length !== unique.length)
    throw new AppError('VALIDATION_FAILED', 400, [
      problem('nodeIds', 'nodeIds.unknown', '有网格不存在', 'Some nodes do not exist'),
    ]);
  await requireUnitEditor(
    c,
    id,
    nodes.map((n) => n.path),
  );
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.replaceUnitNodes(tx, id, unique);
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'unit.nodes', entityType: 'unit', entityId: id, after: { nodeIds: unique } },
      now,
    );
  });
  return (await listUnits(c)).find((u) => u.id === id) as UnitView;
}

// ---------------------------------------------------------------------------------------------
// calendar

export async function listCalendar(c: CallContext, year?: number): Promise<CalendarDay[]> {
  return (await repo.listCalendarDays(c.deps.db, year)).map((d) => ({
    date: d.date,
    kind: d.kind as CalendarDay['kind'],
    name: d.name,
  }));
}

/** Sets one day (a holiday, or a make-up workday); deadlines computed from now on use it. */
export async function putCalendarDay(
  c: CallContext,
  date: string,
  input: { kind: CalendarDay['kind']; name: string },
) {
  await requireGlobal(c, 'settings.write');
  const problems: FieldProblem[] = [];
  if (!isCalendarDate(date))
    problems.push(problem('date', 'date.invalid', '日期格式应为 2026-10-01', 'A date looks like 2026-10-01'));
  if (!input.name.trim()) problems.push(problem('name', 'required', '请填写名称', 'Enter a name'));
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
  const before = await repo.findCalendarDay(c.deps.db, date);
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.upsertCalendarDay(tx, {
      date,
      kind: input.kind,
      name: input.name.trim(),
      at: now.toISOString(),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'calendar.put', entityType: 'calendar_day', entityId: date, before, after: input },
      now,
    );
  });
  invalidateWorkCalendar(c.deps.db);
  return { date, kind: input.kind, name: input.name.trim() };
}

export async function deleteCalendarDay(c: CallContext, date: string) {
  await requireGlobal(c, 'settings.write');
  const before = await repo.findCalendarDay(c.deps.db, date);
  if (!before) throw new AppError('NOT_FOUND', 404);
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.deleteCalendarDay(tx, date);
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'calendar.delete', entityType: 'calendar_day', entityId: date, before },
      now,
    );
  });
  invalidateWorkCalendar(c.deps.db);
}
