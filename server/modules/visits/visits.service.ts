import type { LocalizedText } from '../../../common/i18n.js';
import { authorize, type Permission, type Role } from '../../../common/permissions.js';
import { DEFAULT_TAGS, DEFAULT_VISIT_PLANS } from '../../../common/tags.js';
import type { CallContext, Deps } from '../../context.js';
import type { Db, Tx } from '../../db/create-db.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { denyOutOfScope } from '../../plugins/auth.js';
import { appendAudit, recordAudit } from '../audit/audit.service.js';
import { registerCaseEventListener } from '../cases/case-events.js';
import { prepareCaseFromVisit, writeCase } from '../cases/cases.service.js';
import { visibleRoots } from '../grid/grid.policy.js';
import {
  cleanFileName,
  PHOTO_MAX_BYTES,
  PHOTO_MAX_FILES,
  type PhotoMime,
  photoPath,
  removePhotos,
  sniffImage,
  storePhotos,
} from './visit-photos.js';
import {
  canSeePlan,
  compareDue,
  type DueReason,
  dueReasons,
  type HouseholdFacts,
  type PlanRule,
  parseList,
  quarterOf,
  quarterRange,
  rate,
  rolesOn,
  type TagVisibility,
} from './visits.policy.js';
import {
  localisedPlanName,
  type PhotoView,
  type PlanView,
  presentPhoto,
  presentPlan,
  presentVisit,
  type VisitView,
} from './visits.presenter.js';
import * as repo from './visits.repository.js';

// A case reported from a visit finding (flagVisit, or POST /api/cases with visitId) flags the visit in the same
// transaction: the finding has become a matter of the case loop.
registerCaseEventListener(async (_deps, tx, ev) => {
  const visitId = ev.action === 'create' ? ev.data?.visitId : null;
  if (typeof visitId === 'number') await repo.setVisitFields(tx, visitId, { flagged: 1 });
});

// Use cases of visits and dispute screening (走访排查), docs/api-registry.md "Visits". Everything is scoped to
// the caller's subtree; a household, visit, photo or plan outside it answers 404 and leaves an audit entry.

const TODAY_LIMIT = 300;
/** A visit may be recorded up to five minutes ahead (phone clocks drift) and up to a year back. */
const FUTURE_SKEW_MS = 5 * 60_000;
const PAST_LIMIT_MS = 366 * 86_400_000;

interface TagInfo extends TagVisibility {
  name: LocalizedText;
  symbol: string;
  color: string;
  riskLevels: string[];
}

// ---------------------------------------------------------------------------------------------
// helpers

/** The tag dictionary: rows of the tags table over the built-in defaults (admins may edit visibility). */
async function tagDictionary(db: Db | Tx): Promise<Map<string, TagInfo>> {
  const map = new Map<string, TagInfo>(
    DEFAULT_TAGS.map((t) => [
      t.code,
      {
        sensitivity: t.sensitivity,
        visibleRoles: t.visibleRoles,
        name: t.name,
        symbol: t.symbol,
        color: t.color,
        riskLevels: [...(t.riskLevels ?? [])],
      },
    ]),
  );
  const rows = await db
    .selectFrom('tags')
    .select(['code', 'name_zh', 'name_en', 'symbol', 'color', 'sensitivity', 'visible_roles', 'risk_levels'])
    .execute();
  for (const r of rows) {
    map.set(r.code, {
      sensitivity: r.sensitivity as TagInfo['sensitivity'],
      visibleRoles: parseList(r.visible_roles) as Role[],
      name: { zh: r.name_zh, en: r.name_en },
      symbol: r.symbol,
      color: r.color,
      riskLevels: parseList(r.risk_levels),
    });
  }
  return map;
}

function planRule(p: {
  id: number;
  node_path: string;
  name: string;
  tag_code: string | null;
  risk_levels: string | null;
  every_days: number;
  created_at: string;
}): PlanRule {
  return {
    id: p.id,
    nodePath: p.node_path,
    name: p.name,
    tagCode: p.tag_code,
    riskLevels: parseList(p.risk_levels),
    everyDays: p.every_days,
    createdAt: p.created_at,
  };
}

const pathIds = (path: string) =>
  path
    .split('/')
    .filter(Boolean)
    .map((s) => Number(s));

/** Inside the caller's view but without the right to change it: 403 with an audit entry. */
async function requireOn(
  c: CallContext,
  nodePath: string,
  permission: Permission,
  entityType: string,
  entityId: number,
) {
  if (authorize(c.actor, permission, { path: nodePath })) return;
  await recordAudit(
    c.deps.db,
    c.deps.kind,
    c.audit,
    { action: 'access.denied', entityType, entityId, outcome: 'denied', after: { permission } },
    c.deps.clock.now(),
  );
  throw new AppError('FORBIDDEN', 403);
}

/** The scope to work in: the given node if the caller reads people there (404 otherwise), else all of theirs. */
async function readScope(c: CallContext, nodeId: number | undefined) {
  if (nodeId === undefined) return { node: null, paths: visibleRoots(c.actor, 'person.read') };
  const node = await repo.findNode(c.deps.db, nodeId);
  if (!node || !authorize(c.actor, 'person.read', { path: node.path }))
    throw await denyOutOfScope(c, 'grid_node', nodeId, 'person.read');
  return { node, paths: [node.path] };
}

async function readableHousehold(c: CallContext, id: number) {
  const h = await repo.findHousehold(c.deps.db, id, visibleRoots(c.actor, 'person.read'));
  if (!h) throw await denyOutOfScope(c, 'household', id, 'person.read');
  return h;
}

async function readableVisit(c: CallContext, id: number) {
  const v = await repo.findVisit(c.deps.db, id, visibleRoots(c.actor, 'person.read'));
  if (!v) throw await denyOutOfScope(c, 'visit', id, 'person.read');
  return v;
}

async function presentVisits(c: CallContext, rows: repo.VisitRow[]): Promise<VisitView[]> {
  const tags = await tagDictionary(c.deps.db);
  const photos = await repo.photosOf(
    c.deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    presentVisit(
      c.actor,
      r,
      photos.filter((p) => p.visit_id === r.id),
      r.plan_id !== null && canSeePlan(rolesOn(c.actor, r.node_path), { tagCode: r.plan_tag_code }, tags),
      c.locale,
    ),
  );
}

async function loadVisitView(c: CallContext, id: number): Promise<VisitView> {
  const row = await readableVisit(c, id);
  return (await presentVisits(c, [row]))[0];
}

// ---------------------------------------------------------------------------------------------
// today

export interface TodayItem {
  householdId: number;
  roomLabel: string;
  buildingNumber: string;
  nodeId: number;
  use: string;
  reasons: Array<DueReason & { tagName: LocalizedText | null; symbol: string | null; color: string | null }>;
  lastVisitAt: string | null;
}

/**
 * A grid worker's list for today: households in scope due or overdue under any plan they may see, most overdue
 * first. Tags come from the data (derived) and from assignments; a plan whose tag the viewer may not see on
 * that node neither appears as a reason nor puts a household on the list.
 */
export async function today(c: CallContext, nodeId?: number): Promise<{ items: TodayItem[]; total: number }> {
  const { db } = c.deps;
  const now = c.deps.clock.now();
  const { paths } = await readScope(c, nodeId);
  const tags = await tagDictionary(db);
  const plans = (await repo.activePlansWithPaths(db)).map(planRule);
  if (!plans.length || !paths.length) return { items: [], total: 0 };
  const households = await repo.householdsInScope(db, paths);
  const members = await repo.membersInScope(db, paths);
  const assigned = await repo.assignedTagsInScope(db, paths);
  const facts = await repo.visitFactsInScope(db, paths);

  const membersOf = new Map<number, HouseholdFacts['members'][number][]>();
  for (const m of members) {
    const list = membersOf.get(m.household_id as number) ?? [];
    list.push({
      birthDate: m.birth_date,
      livingHere: m.living_here === 1,
      politicalStatus: m.political_status,
      status: m.status,
    });
    membersOf.set(m.household_id as number, list);
  }
  const assignedOf = new Map<number, Map<string, string[]>>();
  for (const a of assigned) {
    const byCode = assignedOf.get(a.household_id) ?? new Map<string, string[]>();
    const levels = byCode.get(a.code) ?? [];
    levels.push(a.risk_level ?? '');
    byCode.set(a.code, levels);
    assignedOf.set(a.household_id, byCode);
  }
  const factsOf = new Map(facts.map((f) => [f.household_id, f]));
  const visibleCache = new Map<string, boolean>();
  const rolesCache = new Map<string, Role[]>();

  const items: TodayItem[] = [];
  for (const h of households) {
    const f = factsOf.get(h.id);
    const input: HouseholdFacts = {
      id: h.id,
      nodePath: h.node_path,
      createdAt: h.created_at,
      use: h.use,
      members: membersOf.get(h.id) ?? [],
      openDisputes: Number(f?.open_disputes ?? 0),
      assigned: assignedOf.get(h.id) ?? new Map(),
      lastVisitAt: f?.last_visit_at ?? null,
      lastScreenedAt: f?.last_screened_at ?? null,
    };
    let roles = rolesCache.get(h.node_path);
    if (!roles) {
      roles = rolesOn(c.actor, h.node_path);
      rolesCache.set(h.node_path, roles);
    }
    const visible = (plan: PlanRule) => {
      const key = `${h.node_path}|${plan.id}`;
      let v = visibleCache.get(key);
      if (v === undefined) {
        v = canSeePlan(roles, plan, tags);
        visibleCache.set(key, v);
      }
      return v;
    };
    const reasons = dueReasons(input, plans, now, visible);
    if (!reasons.length) continue;
    items.push({
      householdId: h.id,
      roomLabel: h.room_label,
      buildingNumber: h.building_number,
      nodeId: h.node_id,
      use: h.use,
      reasons: reasons.map((r) => {
        const tag = r.tagCode ? tags.get(r.tagCode) : undefined;
        return {
          ...r,
          plan: localisedPlanName(r.plan, c.locale),
          tagName: tag?.name ?? null,
          symbol: tag?.symbol ?? null,
          color: tag?.color ?? null,
        };
      }),
      lastVisitAt: input.lastVisitAt,
    });
  }
  items.sort(compareDue);
  return { items: items.slice(0, TODAY_LIMIT), total: items.length };
}

// ---------------------------------------------------------------------------------------------
// visits

export interface RecordVisitInput {
  householdId: number;
  residentId?: number | null;
  method: string;
  visitedAt?: string;
  findings?: string | null;
  disputeFound: boolean;
  followUp: boolean;
  planId?: number | null;
}

/**
 * Records a visit (a screening: screened = 1) by the caller in the household's micro-grid: the visitor is the
 * caller, the time defaults to now, the resident must live in that household and the plan must apply there.
 */
export async function recordVisit(c: CallContext, input: RecordVisitInput): Promise<VisitView> {
  const { db } = c.deps;
  const now = c.deps.clock.now();
  const h = await readableHousehold(c, input.householdId);
  await requireOn(c, h.node_path, 'person.write', 'household', h.id);

  const problems: FieldProblem[] = [];
  let visitedAt = now.toISOString();
  if (input.visitedAt !== undefined) {
    const t = new Date(input.visitedAt);
    if (Number.isNaN(t.getTime()))
      problems.push({
        field: 'visitedAt',
        code: 'visitedAt.invalid',
        message: { zh: '走访时间格式不正确', en: 'The visit time is not a valid date and time' },
      });
    else if (t.getTime() > now.getTime() + FUTURE_SKEW_MS)
      problems.push({
        field: 'visitedAt',
        code: 'visitedAt.future',
        message: { zh: '走访时间不能晚于现在', en: 'The visit time cannot be in the future' },
      });
    else if (t.getTime() < now.getTime() - PAST_LIMIT_MS)
      problems.push({
        field: 'visitedAt',
        code: 'visitedAt.too_old',
        message: { zh: '只能补录一年以内的走访', en: 'Only visits within the last year can be recorded' },
      });
    else visitedAt = t.toISOString();
  }
  let residentId: number | null = null;
  if (input.residentId != null) {
    const r = await repo.findResident(db, input.residentId);
    if (!r || r.household_id !== h.id || r.status !== 'active')
      problems.push({
        field: 'residentId',
        code: 'residentId.not_member',
        message: { zh: '被走访人不是该户的在册人员', en: 'That person is not a member of this household' },
      });
    else residentId = r.id;
  }
  let planId: number | null = null;
  if (input.planId != null) {
    const p = await repo.findPlan(db, input.planId);
    const tags = await tagDictionary(db);
    const applies =
      p &&
      p.active === 1 &&
      h.node_path.startsWith(p.node_path) &&
      canSeePlan(rolesOn(c.actor, h.node_path), { tagCode: p.tag_code }, tags);
    if (!applies)
      problems.push({
        field: 'planId',
        code: 'planId.not_applicable',
        message: { zh: '该走访计划不适用于此户', en: 'That visit plan does not apply to this household' },
      });
    else planId = p.id;
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
  const findings = input.findings?.trim() || null;

  const id = await db.transaction().execute(async (tx) => {
    const visitId = await repo.insertVisit(tx, {
      householdId: h.id,
      nodeId: h.node_id,
      residentId,
      planId,
      visitorId: c.actor.userId,
      visitorName: c.actor.displayName,
      visitedAt,
      method: input.method,
      findings,
      disputeFound: input.disputeFound,
      followUp: input.followUp,
      at: now.toISOString(),
    });
    // Findings may hold personal details: the audit row records that there were some, not what they say.
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'visit.create',
        entityType: 'visit',
        entityId: visitId,
        nodeId: h.node_id,
        after: {
          householdId: h.id,
          roomLabel: h.room_label,
          residentId,
          planId,
          method: input.method,
          visitedAt,
          disputeFound: input.disputeFound,
          followUp: input.followUp,
          hasFindings: findings !== null,
        },
      },
      now,
    );
    return visitId;
  });
  return loadVisitView(c, id);
}

export async function getVisit(c: CallContext, id: number): Promise<VisitView> {
  return loadVisitView(c, id);
}

/** A household's visits, newest first, for people who may read the household. */
export async function householdVisits(
  c: CallContext,
  householdId: number,
  page: number,
  pageSize: number,
): Promise<{
  household: { id: number; roomLabel: string; buildingNumber: string; nodeId: number; use: string };
  items: VisitView[];
  total: number;
  allowedActions: Array<'record_visit'>;
}> {
  const h = await readableHousehold(c, householdId);
  const rows = await repo.visitsOfHousehold(c.deps.db, h.id, pageSize, (page - 1) * pageSize);
  const total = await repo.countVisitsOfHousehold(c.deps.db, h.id);
  return {
    household: {
      id: h.id,
      roomLabel: h.room_label,
      buildingNumber: h.building_number,
      nodeId: h.node_id,
      use: h.use,
    },
    items: await presentVisits(c, rows),
    total,
    allowedActions: authorize(c.actor, 'person.write', { path: h.node_path }) ? ['record_visit'] : [],
  };
}

/**
 * For the household card (registry): open matters (unresolved disputes, flagged findings) and the last ten
 * visits. The caller has already checked that the viewer may read the household.
 */
export async function householdVisitSummary(
  c: CallContext,
  householdId: number,
): Promise<{ openMatters: VisitView[]; visits: VisitView[]; lastVisitAt: string | null }> {
  const recent = await repo.visitsOfHousehold(c.deps.db, householdId, 10, 0);
  const open = await repo.openMattersOf(c.deps.db, [householdId]);
  return {
    openMatters: await presentVisits(c, open),
    visits: await presentVisits(c, recent),
    lastVisitAt: recent[0]?.visited_at ?? null,
  };
}

/** Closes the dispute a visit found (矛盾纠纷化解): only an open one, by someone who may write there. */
export async function resolveDispute(c: CallContext, id: number): Promise<VisitView> {
  const v = await readableVisit(c, id);
  await requireOn(c, v.node_path, 'person.write', 'visit', v.id);
  if (v.dispute_found !== 1 || v.dispute_resolved_at !== null)
    throw new AppError('VISIT_NO_OPEN_DISPUTE', 409);
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.setVisitFields(tx, v.id, { dispute_resolved_at: now.toISOString() });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'visit.dispute_resolve',
        entityType: 'visit',
        entityId: v.id,
        nodeId: v.node_id,
        before: { disputeResolvedAt: null },
        after: { disputeResolvedAt: now.toISOString() },
      },
      now,
    );
  });
  return loadVisitView(c, id);
}

/**
 * Turns a finding into a matter: a case of the case loop (source 走访发现) is reported for the household, in the
 * same transaction; the case's create event flags the visit (listener below). Flagging twice changes nothing.
 */
export async function flagVisit(c: CallContext, id: number): Promise<VisitView> {
  const v = await readableVisit(c, id);
  await requireOn(c, v.node_path, 'person.write', 'visit', v.id);
  if (v.flagged === 1) return loadVisitView(c, id);
  const prepared = await prepareCaseFromVisit(c, v.id);
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    await writeCase(c, tx, prepared);
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'visit.flag',
        entityType: 'visit',
        entityId: v.id,
        nodeId: v.node_id,
        before: { flagged: false },
        after: { flagged: true },
      },
      now,
    );
  });
  return loadVisitView(c, id);
}

// ---------------------------------------------------------------------------------------------
// photos

export interface UploadedFile {
  fileName: string | undefined;
  data: Buffer;
  truncated: boolean;
}

/**
 * Attaches photos to a visit: at most nine, each ≤ 5 MB and a JPEG, PNG or WebP by its first bytes. Every bad
 * file is listed and nothing is kept unless all are good; files and rows are written together.
 */
export async function addPhotos(
  c: CallContext,
  visitId: number,
  files: UploadedFile[],
): Promise<PhotoView[]> {
  const v = await readableVisit(c, visitId);
  await requireOn(c, v.node_path, 'person.write', 'visit', v.id);
  const problems: FieldProblem[] = [];
  if (!files.length)
    problems.push({
      field: 'photos',
      code: 'required',
      message: { zh: '请选择要上传的照片', en: 'Choose at least one photo' },
    });
  if (files.length > PHOTO_MAX_FILES)
    problems.push({
      field: 'photos',
      code: 'photos.too_many',
      message: {
        zh: `每次最多上传 ${PHOTO_MAX_FILES} 张照片`,
        en: `At most ${PHOTO_MAX_FILES} photos at a time`,
      },
    });
  const checked: Array<{ fileName: string; mime: PhotoMime; data: Buffer }> = [];
  files.forEach((f, i) => {
    const fileName = cleanFileName(f.fileName);
    if (f.truncated || f.data.length > PHOTO_MAX_BYTES) {
      problems.push({
        field: `photos[${i}]`,
        code: 'PHOTO_TOO_LARGE',
        message: {
          zh: `照片“${fileName}”超过 5 MB`,
          en: `Photo “${fileName}” is larger than 5 MB`,
        },
      });
      return;
    }
    const mime = sniffImage(f.data);
    if (!mime) {
      problems.push({
        field: `photos[${i}]`,
        code: 'PHOTO_TYPE',
        message: {
          zh: `“${fileName}”不是 JPEG、PNG 或 WebP 图片`,
          en: `“${fileName}” is not a JPEG, PNG or WebP image`,
        },
      });
      return;
    }
    checked.push({ fileName, mime, data: f.data });
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);

  const { dataDir } = c.deps.config;
  const keys = await storePhotos(dataDir, checked);
  const now = c.deps.clock.now();
  try {
    const ids = await c.deps.db.transaction().execute(async (tx) => {
      const out: number[] = [];
      for (let i = 0; i < checked.length; i++) {
        out.push(
          await repo.insertPhoto(tx, {
            visitId: v.id,
            fileName: checked[i].fileName,
            mime: checked[i].mime,
            size: checked[i].data.length,
            storageKey: keys[i],
            at: now.toISOString(),
          }),
        );
      }
      await appendAudit(
        tx,
        c.deps.kind,
        c.audit,
        {
          action: 'visit.photos_add',
          entityType: 'visit',
          entityId: v.id,
          nodeId: v.node_id,
          after: { photoIds: out, sizes: checked.map((f) => f.data.length) },
        },
        now,
      );
      return out;
    });
    const rows = await repo.photosOf(c.deps.db, [v.id]);
    return rows.filter((r) => ids.includes(r.id)).map(presentPhoto);
  } catch (err) {
    await removePhotos(dataDir, keys);
    throw err;
  }
}

/** A stored photo for someone who may read its household; anyone else gets 404 and an audit entry. */
export async function photoFile(
  c: CallContext,
  photoId: number,
): Promise<{ path: string; mime: string; fileName: string; size: number }> {
  const p = await repo.findPhoto(c.deps.db, photoId, visibleRoots(c.actor, 'person.read'));
  const file = p ? photoPath(c.deps.config.dataDir, p.storage_key) : null;
  if (!p || !file) throw await denyOutOfScope(c, 'visit_photo', photoId, 'person.read');
  return { path: file, mime: p.mime, fileName: p.file_name, size: p.size };
}

// ---------------------------------------------------------------------------------------------
// plans

/** The default plans of issue 3 for one node (a community), unless it already has plans of its own. */
export async function seedDefaultVisitPlans(tx: Db | Tx, nodeId: number, at: string): Promise<number> {
  const existing = await tx.selectFrom('visit_plans').select('id').where('node_id', '=', nodeId).execute();
  if (existing.length) return 0;
  for (const p of DEFAULT_VISIT_PLANS) {
    await repo.insertPlan(tx, {
      nodeId,
      name: p.name.zh,
      tagCode: p.tagCode,
      riskLevels: 'riskLevels' in p ? [...p.riskLevels] : [],
      everyDays: p.everyDays,
      at,
    });
  }
  return DEFAULT_VISIT_PLANS.length;
}

/** Plans in force at a node (its own and its ancestors'), leaving out those whose tag the viewer may not see. */
export async function listPlans(c: CallContext, nodeId?: number): Promise<PlanView[]> {
  const { node, paths } = await readScope(c, nodeId);
  const tags = await tagDictionary(c.deps.db);
  const targets = node ? [node.path] : paths;
  const ids = [...new Set(targets.flatMap(pathIds))];
  const rows = await repo.plansApplyingAt(c.deps.db, ids);
  return rows
    .filter((p) => targets.some((t) => t.startsWith(p.node_path)))
    .filter((p) => canSeePlan(rolesOn(c.actor, p.node_path), { tagCode: p.tag_code }, tags))
    .map((p) => presentPlan(p, authorize(c.actor, 'person.write', { path: p.node_path }), c.locale));
}

export interface CreatePlanInput {
  nodeId: number;
  name: string;
  tagCode?: string | null;
  riskLevels?: string[];
  everyDays: number;
}

/** A new plan on a node: by someone who may write people there and may see the plan's tag. */
export async function createPlan(c: CallContext, input: CreatePlanInput): Promise<PlanView> {
  const node = await repo.findNode(c.deps.db, input.nodeId);
  if (!node || !authorize(c.actor, 'person.read', { path: node.path }))
    throw await denyOutOfScope(c, 'grid_node', input.nodeId, 'person.read');
  await requireOn(c, node.path, 'person.write', 'grid_node', node.id);
  const tags = await tagDictionary(c.deps.db);
  const problems: FieldProblem[] = [];
  const name = input.name.trim();
  if (!name)
    problems.push({
      field: 'name',
      code: 'required',
      message: { zh: '请填写计划名称', en: 'Enter a plan name' },
    });
  const tagCode = input.tagCode ?? null;
  const riskLevels = input.riskLevels ?? [];
  const tag = tagCode ? tags.get(tagCode) : undefined;
  if (tagCode && (!tag || !canSeePlan(rolesOn(c.actor, node.path), { tagCode }, tags)))
    problems.push({
      field: 'tagCode',
      code: 'tagCode.unknown',
      message: { zh: '没有这个标签', en: 'No such tag' },
    });
  else if (riskLevels.length && (!tag || riskLevels.some((l) => !tag.riskLevels.includes(l))))
    problems.push({
      field: 'riskLevels',
      code: 'riskLevels.unknown',
      message: { zh: '风险等级不属于该标签', en: 'These risk levels do not belong to the tag' },
    });
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
  const now = c.deps.clock.now();
  const id = await c.deps.db.transaction().execute(async (tx) => {
    const planId = await repo.insertPlan(tx, {
      nodeId: node.id,
      name,
      tagCode,
      riskLevels,
      everyDays: input.everyDays,
      at: now.toISOString(),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'visit_plan.create',
        entityType: 'visit_plan',
        entityId: planId,
        nodeId: node.id,
        after: { name, tagCode, riskLevels, everyDays: input.everyDays },
      },
      now,
    );
    return planId;
  });
  const row = await repo.findPlan(c.deps.db, id);
  return presentPlan(row!, true, c.locale);
}

export interface UpdatePlanInput {
  name?: string;
  everyDays?: number;
  active?: boolean;
}

export async function updatePlan(c: CallContext, id: number, input: UpdatePlanInput): Promise<PlanView> {
  const p = await repo.findPlan(c.deps.db, id);
  const tags = await tagDictionary(c.deps.db);
  // A plan is seen by those who read people where it applies: on its node, beneath it, or above it.
  const applies = p
    ? visibleRoots(c.actor, 'person.read').filter(
        (root) => root.startsWith(p.node_path) || p.node_path.startsWith(root),
      )
    : [];
  if (
    !p ||
    !applies.length ||
    !applies.some((root) =>
      canSeePlan(
        rolesOn(c.actor, root.length > p.node_path.length ? root : p.node_path),
        { tagCode: p.tag_code },
        tags,
      ),
    )
  )
    throw await denyOutOfScope(c, 'visit_plan', id, 'person.read');
  await requireOn(c, p.node_path, 'person.write', 'visit_plan', p.id);
  const name = input.name?.trim();
  if (input.name !== undefined && !name)
    throw new AppError('VALIDATION_FAILED', 400, [
      { field: 'name', code: 'required', message: { zh: '请填写计划名称', en: 'Enter a plan name' } },
    ]);
  const now = c.deps.clock.now();
  const set = {
    ...(name !== undefined ? { name } : {}),
    ...(input.everyDays !== undefined ? { every_days: input.everyDays } : {}),
    ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
    updated_at: now.toISOString(),
  };
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.updatePlan(tx, p.id, set);
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'visit_plan.update',
        entityType: 'visit_plan',
        entityId: p.id,
        nodeId: p.node_id,
        before: { name: p.name, everyDays: p.every_days, active: p.active === 1 },
        after: { name: name ?? p.name, everyDays: input.everyDays ?? p.every_days, active: input.active },
      },
      now,
    );
  });
  return presentPlan((await repo.findPlan(c.deps.db, id))!, true, c.locale);
}

// ---------------------------------------------------------------------------------------------
// coverage

export interface CoverageRow {
  nodeId: number;
  name: string;
  level: string;
  screened: number;
  total: number;
  rate: number;
}

/**
 * Screening coverage (排查覆盖率) of a node for a quarter: households with a screened visit in the quarter ÷
 * households under the node, with the same for each child node.
 */
export async function coverage(
  c: CallContext,
  nodeId: number | undefined,
  period: string | undefined,
): Promise<CoverageRow & { period: string; children: CoverageRow[] }> {
  let node = nodeId === undefined ? undefined : await repo.findNode(c.deps.db, nodeId);
  if (nodeId === undefined) {
    const root = visibleRoots(c.actor, 'person.read')[0];
    const rootId = root ? pathIds(root).at(-1) : undefined;
    node = rootId ? await repo.findNode(c.deps.db, rootId) : undefined;
    if (!node) throw new AppError('FORBIDDEN', 403);
  }
  if (!node || !authorize(c.actor, 'person.read', { path: node.path }))
    throw await denyOutOfScope(c, 'grid_node', nodeId ?? 0, 'person.read');
  const p = period ?? quarterOf(c.deps.clock.now());
  const range = quarterRange(p);
  if (!range)
    throw new AppError('VALIDATION_FAILED', 400, [
      {
        field: 'period',
        code: 'pattern',
        message: { zh: '统计期格式应为 2026Q4', en: 'Period looks like 2026Q4' },
      },
    ]);
  const [nodes, counts] = [
    await repo.subtreeNodes(c.deps.db, node.path),
    await repo.screeningByNode(c.deps.db, node.path, range.from, range.to),
  ];
  const pathOf = new Map(nodes.map((n) => [n.id, n.path]));
  const sum = (prefix: string) => {
    let screened = 0;
    let total = 0;
    for (const r of counts) {
      const path = pathOf.get(r.node_id);
      if (path?.startsWith(prefix)) {
        screened += Number(r.screened ?? 0);
        total += Number(r.total);
      }
    }
    return { screened, total, rate: rate(screened, total) };
  };
  const children = nodes
    .filter((n) => n.parent_id === node.id)
    .map((n) => ({
      nodeId: n.id,
      name: n.name,
      level: n.level,
      code: n.code,
      retired: n.retired_at !== null,
      ...sum(n.path),
    }))
    .filter((n) => !n.retired || n.total > 0)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map(({ code: _code, retired: _retired, ...rest }) => rest);
  return { nodeId: node.id, name: node.name, level: node.level, period: p, ...sum(node.path), children };
}

/** Screening totals for a set of nodes in one quarter, for other modules (the grid chart layer). */
export async function screeningCounts(deps: Deps, rootPath: string, period: string) {
  const range = quarterRange(period);
  if (!range) return [];
  return repo.screeningByNode(deps.db, rootPath, range.from, range.to);
}
