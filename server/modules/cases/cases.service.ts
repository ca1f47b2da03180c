import type { Insertable, Updateable } from 'kysely';
import { addLimit, type TimeLimit, type WorkCalendar } from '../../../common/case-deadlines.js';
import {
  allowedActions,
  type CaseCaps,
  type CaseFacts,
  decide,
  findCaseTransition,
} from '../../../common/case-workflow.js';
import {
  ASSIGNMENT_STATUS_LABELS,
  ASSIGNMENT_STATUSES,
  CASE_ACTION_LABELS,
  CASE_ACTIONS,
  CASE_FILE_MAX_BYTES,
  CASE_SOURCE_LABELS,
  CASE_SOURCES,
  CASE_STATE_LABELS,
  CASE_STATES,
  type CaseAction,
  type CaseSource,
  type CaseState,
  DESCRIPTION_MAX,
  DUPLICATE_WINDOW_DAYS,
  type EventVisibility,
  formatCaseNumber,
  OPEN_STATES,
  RATING_LABELS,
  RATINGS,
  type Rating,
  raiseUrgency,
  TIME_UNIT_LABELS,
  TIME_UNITS,
  TITLE_MAX,
  URGENCIES,
  URGENCY_LABELS,
  type Urgency,
} from '../../../common/cases.js';
import type { LocalizedText } from '../../../common/i18n.js';
import { authorize } from '../../../common/permissions.js';
import { parseMobile } from '../../../common/phone.js';
import type { CallContext, Deps } from '../../context.js';
import type { Tx } from '../../db/create-db.js';
import type { CasesTable } from '../../db/schema.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { denyOutOfScope } from '../../plugins/auth.js';
import { type AuditContext, appendAudit, recordAudit } from '../audit/audit.service.js';
import { listCategories as listCategoriesView, listUnits as listUnitsView } from './case-admin.service.js';
import { workCalendar } from './case-calendar.js';
import { type CaseEventNotice, onCaseEvent } from './case-events.js';
import {
  type CaseFileMime,
  caseFilePath,
  cleanFileName,
  removeCaseFile,
  sniffCaseFile,
  storeCaseFile,
} from './case-files.js';
import {
  actingRole,
  bigramSimilarity,
  bigrams,
  type CaseAccess,
  CLOCK_STATES,
  canCreateAt,
  caseAccess,
  caseFacts,
  dueAtOf,
  intakeRoots,
  LIVE_STATUSES,
  readRoots,
  reportsAsResident,
  SIMILAR_TEXT_MIN,
  SYSTEM_CAPS,
  showsReporterName,
  staffTaskOf,
  warnAtOf,
} from './cases.policy.js';
import {
  type CaseDetail,
  type CaseSummary,
  type FileView,
  type PresentOptions,
  presentDetail,
  presentFile,
  presentSummary,
} from './cases.presenter.js';
import * as repo from './cases.repository.js';

// Use cases of the case loop (docs/domain/cases.md, docs/api-cases.md): load → authorise (cases.policy) → decide
// (common/case-workflow.ts) → write the case, its timeline event, its satellites and the audit row in ONE
// transaction, with optimistic concurrency on `version` → present. Other modules (Open311, 12345, residents'
// pages, notifications) build on the exported functions here and on onCaseEvent (case-events.ts).

const DAY_MS = 86_400_000;
const SYSTEM_AUDIT: AuditContext = { actorId: null, actorName: 'system', ip: null, requestId: null };
const SYSTEM_NAME = '系统';
const DUPLICATE_LIMIT = 10;
/** Open cases of a community read for the text match at most (newest first, index-bounded). */
const TEXT_CANDIDATES = 300;
export const NOTE_MAX = 2000;
const REASON_MAX = 500;

const msg = (zh: string, en: string): LocalizedText => ({ zh, en });
const problem = (field: string, code: string, zh: string, en: string): FieldProblem => ({
  field,
  code,
  message: msg(zh, en),
});
const iso = (d: Date) => d.toISOString();

/** Options for callers that have verified the reporter themselves (tracking number + phone digits). */
export interface ReporterAccess {
  /** The caller is the reporter of this case, verified outside the session (residents' public pages). */
  verifiedReporter?: boolean;
}

// ---------------------------------------------------------------------------------------------
// scope and access

/** Where the caller reads cases (docs/domain/cases.md "Scope"). */
export async function caseScope(c: CallContext): Promise<repo.CaseScope> {
  const paths = readRoots(c.actor);
  const unitIds = await repo.unitIdsOfUser(c.deps.db, c.actor.userId);
  return { all: await repo.coversWholeTree(c.deps.db, paths), paths, unitIds, userId: c.actor.userId };
}

const NO_SCOPE: repo.CaseScope = { all: true, paths: [], unitIds: [], userId: null };

interface LoadOptions extends ReporterAccess {
  /** Right after the caller's own action, which may have moved the case out of their reach (escalate). */
  afterOwnAction?: boolean;
  /**
   * Just written by createCase in its own transaction: it has no assignments, extensions, followers, meetings,
   * ratings or files yet (writeCase writes none, no listener does), so those reads are skipped.
   */
  fresh?: boolean;
}

async function loadReadable(c: CallContext, id: number, opts: LoadOptions = {}) {
  const scope =
    opts.verifiedReporter || opts.afterOwnAction
      ? { ...NO_SCOPE, unitIds: await repo.unitIdsOfUser(c.deps.db, c.actor.userId) }
      : await caseScope(c);
  const row = await repo.findCase(c.deps.db, id, scope);
  if (!row) throw await denyOutOfScope(c, 'case', id, 'case.read');
  return { row, unitIds: [...scope.unitIds] };
}

interface Loaded {
  row: repo.CaseRow;
  unitIds: number[];
  assignments: repo.AssignmentRow[];
  extensions: Awaited<ReturnType<typeof repo.extensionsOf>>;
  access: CaseAccess;
  facts: CaseFacts;
}

async function loadWithAccess(c: CallContext, id: number, opts: LoadOptions = {}): Promise<Loaded> {
  const { row, unitIds } = await loadReadable(c, id, opts);
  const db = c.deps.db;
  const [assignments, extensions, followers] = opts.fresh
    ? [[], [], []]
    : [await repo.assignmentsOf(db, id), await repo.extensionsOf(db, id), await repo.followersOf(db, id)];
  const assignmentFacts = assignments.map((a) => ({ unitId: a.unit_id, role: a.role, status: a.status }));
  const access = caseAccess(c.actor, unitIds, {
    nodePath: row.node_path,
    reporterUserId: row.reporter_user_id,
    followerUserIds: followers.flatMap((f) => (f.user_id === null ? [] : [f.user_id])),
    assignments: assignmentFacts,
  });
  if (opts.verifiedReporter) {
    access.caps = { ...access.caps, reporter: true, reader: true };
    access.citizen = true;
  }
  const facts = caseFacts(
    {
      state: row.state as CaseState,
      reopenCount: row.reopen_count,
      selfHandled: row.self_handled === 1,
      nodeLevel: row.node_level,
      nodeParentId: row.node_parent_id,
      assignments: assignmentFacts,
      extensionStates: extensions.map((e) => e.state),
    },
    unitIds,
  );
  return { row, unitIds, assignments, extensions, access, facts };
}

function presentOptions(c: CallContext, verifiedReporter = false): PresentOptions {
  return {
    locale: c.locale,
    now: c.deps.clock.now(),
    showName: (r) =>
      verifiedReporter || showsReporterName(c.actor, r.node_path, r.reporter_user_id === c.actor.userId),
  };
}

async function summaries(c: CallContext, ids: readonly number[]): Promise<CaseSummary[]> {
  const rows = await repo.summariesByIds(c.deps.db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const o = presentOptions(c);
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [presentSummary(r, o)] : [];
  });
}

async function detailOf(
  c: CallContext,
  l: Loaded,
  verifiedReporter = false,
  withDuplicates = true,
  fresh = false,
): Promise<CaseDetail> {
  const db = c.deps.db;
  const { row } = l;
  const [meetings, ratings, files, events] = [
    fresh ? [] : await repo.meetingsOf(db, row.id),
    fresh ? [] : await repo.ratingsOf(db, row.id),
    fresh ? [] : await repo.filesOf(db, row.id),
    await repo.eventsOf(db, row.id),
  ];
  const mergeable = row.state === 'collected' || row.state === 'accepted';
  const duplicates =
    withDuplicates && l.access.seesInternal && mergeable
      ? await summaries(
          c,
          await duplicateIds(c, {
            householdId: row.household_id ?? undefined,
            buildingId: row.household_id === null ? (row.building_id ?? undefined) : undefined,
            categoryId: row.category_id,
            text: row.title,
            nodeId: row.node_id,
            excludeId: row.id,
          }),
        )
      : [];
  return presentDetail(
    {
      row,
      assignments: l.assignments,
      meetings,
      extensions: l.extensions,
      ratings,
      files,
      events,
      duplicates,
      allowedActions: allowedActions(l.facts, l.access.caps),
      seesInternal: l.access.seesInternal,
      viewerId: c.actor.userId,
    },
    c.deps.crypto,
    presentOptions(c, verifiedReporter),
  );
}

/** One case for anyone who may read it (staff of its subtree, its units' handlers, its reporter); 404 otherwise. */
export async function getCase(c: CallContext, id: number, opts: ReporterAccess = {}): Promise<CaseDetail> {
  return detailOf(c, await loadWithAccess(c, id, opts), opts.verifiedReporter);
}

// ---------------------------------------------------------------------------------------------
// categories and limits

interface CategoryLimits {
  response: Record<Urgency, TimeLimit>;
  handling: Record<Urgency, TimeLimit>;
}

function limitsOf(cat: repo.CategoryRow): CategoryLimits {
  return {
    response: JSON.parse(cat.response_limits) as Record<Urgency, TimeLimit>,
    handling: JSON.parse(cat.handling_limits) as Record<Urgency, TimeLimit>,
  };
}

/** Response and handling deadlines of a category at an urgency, counted from `start` (docs/domain/cases.md). */
export function deadlinesFor(cat: repo.CategoryRow, urgency: Urgency, start: Date, cal: WorkCalendar) {
  const l = limitsOf(cat);
  return {
    responseDueAt: iso(addLimit(start, l.response[urgency], cal)),
    handlingDueAt: iso(addLimit(start, l.handling[urgency], cal)),
  };
}

/** A category and all beneath it (for list filters). */
async function categorySubtreeIds(c: CallContext, id: number): Promise<number[]> {
  const all = await repo.listCategories(c.deps.db);
  const out = [id];
  for (let i = 0; i < out.length; i++)
    for (const k of all) if (k.parent_id === out[i] && !out.includes(k.id)) out.push(k.id);
  return out;
}

// ---------------------------------------------------------------------------------------------
// create

export interface CreateCaseInput {
  title: string;
  description: string;
  categoryId: number;
  source: CaseSource;
  urgency: Urgency;
  nodeId?: number;
  householdId?: number;
  buildingId?: number;
  address?: string | null;
  lat?: number | null;
  lng?: number | null;
  reporter?: { residentId?: number; name?: string; phone?: string } | null;
  visitId?: number;
  /** Another channel's id (12345 工单号, Open311 token); unique per source. */
  externalId?: string;
  /** When the matter was raised, if earlier than now (imports); defaults to now. */
  reportedAt?: string;
}

interface Place {
  nodeId: number;
  nodePath: string;
  householdId: number | null;
  buildingId: number | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
}

/** The node a report lies at: the household's or building's micro-grid, the given node, or the resident's own. */
async function resolvePlace(
  c: CallContext,
  input: CreateCaseInput,
  problems: FieldProblem[],
): Promise<Place | null> {
  const db = c.deps.db;
  let householdId = input.householdId ?? null;
  let buildingId = input.buildingId ?? null;
  let nodeId = input.nodeId ?? null;
  let address = input.address?.trim() || null;
  let lat = input.lat ?? null;
  let lng = input.lng ?? null;
  if (input.visitId !== undefined) {
    const v = await repo.findVisit(db, input.visitId);
    if (!v) {
      problems.push(problem('visitId', 'visitId.unknown', '没有这次走访记录', 'No such visit'));
    } else {
      householdId ??= v.household_id;
    }
  }
  if (householdId !== null) {
    const h = await repo.findHouseholdPlace(db, householdId);
    if (!h) {
      problems.push(problem('householdId', 'householdId.unknown', '没有这一户', 'No such household'));
      return null;
    }
    if (buildingId !== null && buildingId !== h.building_id)
      problems.push(
        problem(
          'buildingId',
          'buildingId.mismatch',
          '该户不在所选楼栋',
          'The household is not in that building',
        ),
      );
    buildingId = h.building_id;
    nodeId = h.node_id;
    address ??= h.address ? `${h.address} ${h.room_label}` : h.room_label;
    lat ??= h.lat;
    lng ??= h.lng;
  } else if (buildingId !== null) {
    const b = await repo.findBuildingPlace(db, buildingId);
    if (!b || b.retired_at) {
      problems.push(problem('buildingId', 'buildingId.unknown', '没有这栋楼', 'No such building'));
      return null;
    }
    nodeId = b.node_id;
    address ??= b.address ?? b.name ?? `${b.number}号楼`;
    lat ??= b.lat;
    lng ??= b.lng;
  }
  if (nodeId === null) {
    // A resident reporting without a place reports where they live (their resident role's node).
    const own = c.actor.assignments.find((a) => a.role === 'resident');
    if (own) nodeId = own.nodeId;
  }
  if (nodeId === null) {
    problems.push(
      problem(
        'nodeId',
        'location.required',
        '请选择事件发生的住户、楼栋或网格',
        'Choose the household, building or grid',
      ),
    );
    return null;
  }
  const node = await repo.findNode(db, nodeId);
  if (!node || !canCreateAt(c.actor, node.path))
    throw await denyOutOfScope(
      c,
      householdId !== null ? 'household' : buildingId !== null ? 'building' : 'grid_node',
      householdId ?? buildingId ?? nodeId,
      'case.create',
    );
  if (node.retired_at)
    problems.push(problem('nodeId', 'nodeId.retired', '该网格已撤销', 'That grid has been retired'));
  return { nodeId: node.id, nodePath: node.path, householdId, buildingId, address, lat, lng };
}

function checkText(
  field: string,
  value: string | undefined | null,
  max: number,
  label: LocalizedText,
  problems: FieldProblem[],
) {
  const text = (value ?? '').trim();
  if (!text) problems.push(problem(field, 'required', `请填写${label.zh}`, `Enter the ${label.en}`));
  else if (Array.from(text).length > max)
    problems.push(
      problem(
        field,
        `${field}.too_long`,
        `${label.zh}最多 ${max} 字（现在 ${Array.from(text).length} 字）`,
        `The ${label.en} can have at most ${max} characters (it has ${Array.from(text).length})`,
      ),
    );
  return text;
}

interface Reporter {
  kind: 'resident' | 'user' | 'anonymous' | null;
  userId: number | null;
  residentId: number | null;
  name: string | null;
  phoneEnc: string | null;
  phoneBidx: string | null;
}

async function resolveReporter(
  c: CallContext,
  input: CreateCaseInput,
  nodePath: string | null,
  problems: FieldProblem[],
): Promise<Reporter> {
  const none: Reporter = {
    kind: null,
    userId: null,
    residentId: null,
    name: null,
    phoneEnc: null,
    phoneBidx: null,
  };
  const r = input.reporter;
  if (r?.residentId !== undefined) {
    const res = await repo.findResident(c.deps.db, r.residentId);
    const readable =
      res && nodePath !== null && res.node_id !== null ? await residentReadable(c, res.node_id) : false;
    if (!res || !readable || res.status !== 'active') {
      problems.push(problem('reporter.residentId', 'reporter.unknown', '没有这位居民', 'No such resident'));
      return none;
    }
    return {
      kind: 'resident',
      userId: null,
      residentId: res.id,
      name: res.name,
      phoneEnc: res.phone_enc,
      phoneBidx: res.phone_bidx,
    };
  }
  if (r && (r.name !== undefined || r.phone !== undefined)) {
    const name = r.name?.trim() || null;
    if (name && Array.from(name).length > 50)
      problems.push(
        problem(
          'reporter.name',
          'reporter.name.too_long',
          '姓名最多 50 字',
          'A name has at most 50 characters',
        ),
      );
    let phone: string | null = null;
    if (r.phone !== undefined && r.phone.trim() !== '') {
      const p = parseMobile(r.phone);
      if (!p.ok)
        problems.push(
          problem(
            'reporter.phone',
            'PHONE_INVALID',
            '请填写正确的 11 位手机号',
            'Enter a valid 11-digit mobile number',
          ),
        );
      else phone = p.value;
    }
    return {
      kind: 'anonymous',
      userId: null,
      residentId: null,
      name,
      phoneEnc: phone ? c.deps.crypto.encrypt(phone) : null,
      phoneBidx: phone ? c.deps.crypto.blindIndex('phone', phone) : null,
    };
  }
  // Reporting as oneself: a resident account, or a worker who raises what they found.
  if (nodePath !== null && (reportsAsResident(c.actor, nodePath) || input.source === 'resident'))
    return { ...none, kind: 'user', userId: c.actor.userId, name: c.actor.displayName };
  return none;
}

async function residentReadable(c: CallContext, nodeId: number) {
  const n = await repo.findNode(c.deps.db, nodeId);
  return !!n && authorize(c.actor, 'person.read', { path: n.path });
}

/** The local (Asia/Shanghai) year of an instant, for the case number. */
const localYear = (cal: WorkCalendar, at: Date) => Number(cal.localDate(at).slice(0, 4));

/**
 * Reports a case (docs/domain/cases.md "Records"): every problem listed at once; the place must be in the
 * caller's case.create scope (404 + audit otherwise); number, deadlines, the `create` event and the audit row are
 * written in one transaction.
 */
export async function createCase(c: CallContext, input: CreateCaseInput): Promise<CaseDetail> {
  const prepared = await prepareCase(c, input);
  const id = await c.deps.db.transaction().execute((tx) => writeCase(c, tx, prepared));
  // The caller has just written it (their case.create scope was checked): read it back as after an own action.
  // The answer leaves out the duplicate search (the costly part of a detail): the intake form asks
  // /api/cases/duplicates as it is filled in, and GET /api/cases/:id computes them (docs/api-cases.md).
  return detailOf(c, await loadWithAccess(c, id, { fresh: true, afterOwnAction: true }), false, false, true);
}

/**
 * createCase inside the caller's transaction (the 12345 import, Open311, residents' pages, the visits module). On
 * SQLite the context's deps.db must be that transaction (one connection), so prepareCase reads through it too.
 */
export async function createCaseInTx(c: CallContext, tx: Tx, input: CreateCaseInput): Promise<number> {
  return writeCase(c, tx, await prepareCase(c, input));
}

/** A validated report, ready to be written (prepareCase reads; writeCase only writes, inside a transaction). */
export interface PreparedCase {
  row: Omit<Insertable<CasesTable>, 'number'>;
  year: number;
  nodePath: string;
  categoryCode: string;
}

/**
 * Validates a report and computes its place, reporter and deadlines, reading outside any transaction (so an
 * out-of-scope attempt leaves its audit row even though nothing is written). Throws 400 with every problem, or
 * 404 + audit for a place outside the caller's case.create scope.
 */
export async function prepareCase(c: CallContext, input: CreateCaseInput): Promise<PreparedCase> {
  const problems: FieldProblem[] = [];
  const title = checkText('title', input.title, TITLE_MAX, msg('标题', 'title'), problems);
  const description = checkText(
    'description',
    input.description,
    DESCRIPTION_MAX,
    msg('问题描述', 'description'),
    problems,
  );
  const place = await resolvePlace(c, input, problems);
  const cat = await repo.findCategory(c.deps.db, input.categoryId);
  const categories = cat ? await repo.listCategories(c.deps.db) : [];
  if (cat?.active !== 1)
    problems.push(problem('categoryId', 'categoryId.unknown', '没有这个事件分类', 'No such category'));
  else if (categories.some((k) => k.parent_id === cat.id && k.active === 1))
    problems.push(
      problem(
        'categoryId',
        'categoryId.not_leaf',
        `请选择“${cat.name_zh}”下的具体小类`,
        `Choose a subcategory of “${cat.name_en}”`,
      ),
    );
  if (!CASE_SOURCES.includes(input.source))
    problems.push(problem('source', 'source.unknown', '来源不正确', 'Unknown source'));
  else if (place && reportsAsResident(c.actor, place.nodePath) && input.source !== 'resident')
    problems.push(
      problem(
        'source',
        'source.resident_only',
        '居民只能以“居民上报”方式上报',
        'Residents report as “resident”',
      ),
    );
  if (input.address && Array.from(input.address).length > 200)
    problems.push(
      problem('address', 'address.too_long', '地址最多 200 字', 'An address has at most 200 characters'),
    );
  if (input.externalId !== undefined) {
    const taken = await repo.findCaseIdByExternal(c.deps.db, input.source, input.externalId);
    if (taken)
      problems.push(
        problem('externalId', 'externalId.taken', '该外部编号已登记', 'That external id is already recorded'),
      );
  }
  const source: CaseSource = input.visitId !== undefined ? 'visit' : input.source;
  const reporter = await resolveReporter(c, input, place?.nodePath ?? null, problems);
  if (problems.length || !place || !cat) throw new AppError('VALIDATION_FAILED', 400, problems);

  const now = c.deps.clock.now();
  const reportedAt = input.reportedAt ? new Date(input.reportedAt) : now;
  const start = Number.isNaN(reportedAt.getTime()) || reportedAt > now ? now : reportedAt;
  const cal = await workCalendar(c.deps.db);
  const { responseDueAt, handlingDueAt } = deadlinesFor(cat, input.urgency, start, cal);
  const row = {
    title,
    description,
    category_id: cat.id,
    source,
    urgency: input.urgency,
    state: 'collected',
    node_id: place.nodeId,
    household_id: place.householdId,
    building_id: place.buildingId,
    address: place.address,
    lat: place.lat,
    lng: place.lng,
    reporter_kind: reporter.kind,
    reporter_user_id: reporter.userId,
    reporter_resident_id: reporter.residentId,
    reporter_name: reporter.name,
    reporter_phone_enc: reporter.phoneEnc,
    reporter_phone_bidx: reporter.phoneBidx,
    created_by: c.actor.userId,
    visit_id: input.visitId ?? null,
    external_id: input.externalId ?? null,
    version: 1,
    response_due_at: responseDueAt,
    handling_due_at: handlingDueAt,
    clock_start_at: iso(start),
    warn_at: warnAtOf({
      state: 'collected',
      contactedAt: null,
      hasReporter: reporter.kind !== null,
      clockStartAt: iso(start),
      responseDueAt,
      handlingDueAt,
    }),
    supervised: 0,
    reopen_count: 0,
    head_review: 0,
    self_handled: 0,
    master_id: null,
    lead_unit_id: null,
    reject_reason: null,
    result: null,
    closed_by: null,
    created_at: iso(start),
    updated_at: iso(now),
  };
  return { row, year: localYear(cal, start), nodePath: place.nodePath, categoryCode: cat.code };
}

/** Writes a prepared case inside the caller's transaction: number, row, `create` event, audit, listeners. */
export async function writeCase(c: CallContext, tx: Tx, p: PreparedCase): Promise<number> {
  const now = c.deps.clock.now();
  const number = formatCaseNumber(p.year, await repo.nextCaseSeq(tx, p.year));
  const row = { ...p.row, number };
  // the running deadline from the row as finally prepared (the hotline may set its own handling deadline)
  row.due_at = dueAtOf({
    state: row.state as CaseState,
    contactedAt: row.contacted_at ?? null,
    hasReporter: row.reporter_kind !== null && row.reporter_kind !== undefined,
    responseDueAt: row.response_due_at ?? null,
    handlingDueAt: row.handling_due_at ?? null,
  });
  row.staff_task = staffTaskOf(row.state as CaseState, row.self_handled === 1, false);
  const id = await repo.insertCase(tx, row);
  const source = row.source as CaseSource;
  const place = {
    nodeId: row.node_id,
    nodePath: p.nodePath,
    householdId: row.household_id ?? null,
    buildingId: row.building_id ?? null,
  };
  const input = { urgency: row.urgency, visitId: row.visit_id ?? undefined };
  const reporter = { kind: row.reporter_kind ?? null };
  const { responseDueAt, handlingDueAt } = {
    responseDueAt: row.response_due_at,
    handlingDueAt: row.handling_due_at,
  };
  const cat = { code: p.categoryCode };
  const data = { source, urgency: input.urgency, categoryCode: cat.code, visitId: input.visitId ?? null };
  const eventId = await repo.insertEvent(tx, {
    case_id: id,
    at: iso(now),
    actor_id: c.actor.userId,
    actor_name: c.actor.displayName,
    actor_role: actingRole(c.actor, place.nodePath, false),
    action: 'create',
    from_state: null,
    to_state: 'collected',
    note: null,
    visibility: 'public',
    file_ids: null,
    data: JSON.stringify(data),
  });
  // The description and the reporter's details may be personal: the audit row names the case, not its words.
  await appendAudit(
    tx,
    c.deps.kind,
    c.audit,
    {
      action: 'case.create',
      entityType: 'case',
      entityId: id,
      nodeId: place.nodeId,
      after: {
        number,
        categoryCode: cat.code,
        source,
        urgency: input.urgency,
        householdId: place.householdId,
        buildingId: place.buildingId,
        reporterKind: reporter.kind,
        visitId: input.visitId ?? null,
        responseDueAt,
        handlingDueAt,
      },
    },
    now,
  );
  await onCaseEvent(c.deps, tx, {
    caseId: id,
    caseNumber: number,
    eventId,
    action: 'create',
    fromState: null,
    toState: 'collected',
    nodeId: place.nodeId,
    actorId: c.actor.userId,
    visibility: 'public',
    at: iso(now),
    data,
  });
  return id;
}

/**
 * A visit finding as a report (走访发现, docs/domain/cases.md sources): the household of the visit, a dispute
 * category (ZZ15 其他纠纷) when a dispute was found, else 其他 (QT); the findings are the description. The visits
 * module writes it with writeCase in its own transaction (flagVisit).
 */
export async function prepareCaseFromVisit(c: CallContext, visitId: number): Promise<PreparedCase> {
  const v = await repo.findVisit(c.deps.db, visitId);
  if (!v) throw new AppError('NOT_FOUND', 404);
  const dispute = v.dispute_found === 1;
  const cat = await repo.findCategoryByCode(c.deps.db, dispute ? 'ZZ15' : 'QT');
  const findings = v.findings?.trim();
  return prepareCase(c, {
    title: `走访发现${dispute ? '矛盾纠纷' : '问题'}（${v.room_label}）`,
    description: findings || `走访${v.room_label}时发现的${dispute ? '矛盾纠纷' : '问题'}，待核实。`,
    categoryId: cat?.id ?? 0,
    source: 'visit',
    urgency: 'normal',
    householdId: v.household_id,
    visitId: v.id,
  });
}

// ---------------------------------------------------------------------------------------------
// lists

export interface CaseListQuery {
  view?: 'inbox' | 'all';
  state?: CaseState;
  categoryId?: number;
  nodeId?: number;
  unitId?: number;
  source?: CaseSource;
  overdue?: boolean;
  supervised?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: 'due' | 'created';
}

export interface CasePage {
  items: CaseSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** A node filter inside the caller's reach; 404 + audit for a node they do not read (like registry lists). */
async function nodeFilter(c: CallContext, scope: repo.CaseScope, nodeId: number) {
  const node = await repo.findNode(c.deps.db, nodeId);
  const reachable =
    node && (scope.all || scope.paths.some((p) => node.path.startsWith(p)) || !scope.paths.length);
  if (!node || !reachable) throw await denyOutOfScope(c, 'grid_node', nodeId, 'case.read');
  return node.path;
}

/**
 * Lists cases in the caller's scope. `inbox` = my tasks: my units' live assignments and the cases in my intake
 * subtrees waiting for the community side, earliest deadline (so overdue) first; `all` = every readable case with
 * the filters, by deadline or newest first.
 */
export async function listCases(c: CallContext, q: CaseListQuery = {}): Promise<CasePage> {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const offset = (page - 1) * pageSize;
  const db = c.deps.db;
  if ((q.view ?? 'inbox') === 'inbox') {
    const roots = intakeRoots(c.actor);
    const unitIds = await repo.unitIdsOfUser(db, c.actor.userId);
    const staffScope: repo.CaseScope = {
      all: await repo.coversWholeTree(db, roots),
      paths: roots,
      unitIds: [],
      userId: null,
    };
    const hasStaff = roots.length > 0;
    const hasUnits = unitIds.length > 0;
    if (!hasStaff && !hasUnits) return { items: [], total: 0, page, pageSize };
    if (hasStaff && !hasUnits) {
      const ids = await repo.staffTaskIds(db, staffScope, pageSize, offset);
      return {
        items: await summaries(c, ids),
        total: await repo.countStaffTasks(db, staffScope),
        page,
        pageSize,
      };
    }
    if (!hasStaff) {
      const ids = await repo.unitTaskIds(db, unitIds, pageSize, offset);
      return {
        items: await summaries(c, ids),
        total: await repo.countUnitTasks(db, unitIds),
        page,
        pageSize,
      };
    }
    // Both: merge the two due-ordered lists.
    const a = await repo.staffTaskRows(db, staffScope, offset + pageSize, 0);
    const b = await repo.unitTaskRows(db, unitIds, offset + pageSize, 0);
    const due = new Map<number, string>();
    for (const r of [...a, ...b]) {
      const d = r.due ?? '';
      const seen = due.get(r.id);
      if (seen === undefined || d < seen) due.set(r.id, d);
    }
    const ids = [...due.keys()].sort((x, y) => (due.get(x) ?? '').localeCompare(due.get(y) ?? '') || x - y);
    const page1 = ids.slice(offset, offset + pageSize);
    const byId = new Map((await summaries(c, page1)).map((r) => [r.id, r]));
    const rows = page1.map((id) => byId.get(id)).filter((r) => r !== undefined);
    const total = (await repo.countStaffTasks(db, staffScope)) + (await repo.countUnitTasks(db, unitIds));
    return { items: rows, total, page, pageSize };
  }
  const scope = await caseScope(c);
  const filter: repo.CaseListFilter = {};
  if (q.state) filter.states = [q.state];
  if (q.categoryId !== undefined) filter.categoryIds = await categorySubtreeIds(c, q.categoryId);
  if (q.nodeId !== undefined) filter.nodePath = await nodeFilter(c, scope, q.nodeId);
  if (q.unitId !== undefined) filter.unitId = q.unitId;
  if (q.source) filter.source = q.source;
  if (q.overdue) {
    // Red only where a clock runs; naming the states lets (node_id, state, handling_due_at) serve it.
    filter.overdueBefore = iso(c.deps.clock.now());
    filter.states = (filter.states ?? CLOCK_STATES).filter((s) => CLOCK_STATES.includes(s as CaseState));
  }
  if (q.supervised) filter.supervised = true;
  if (q.q?.trim()) filter.q = q.q.trim();
  const ids = await repo.listCaseIds(db, scope, filter, q.sort ?? 'due', pageSize, offset);
  return { items: await summaries(c, ids), total: await repo.countCases(db, scope, filter), page, pageSize };
}

const BOARD_ITEMS = 20;

/** The board: per state, the count and the first 20 (open states by deadline, finished ones newest first). */
export async function board(c: CallContext, nodeId?: number) {
  const scope = await caseScope(c);
  const nodePath = nodeId === undefined ? undefined : await nodeFilter(c, scope, nodeId);
  const counts = new Map(
    (await repo.countByState(c.deps.db, scope, nodePath)).map((r) => [r.state, Number(r.n)]),
  );
  const columns = [];
  for (const state of [...OPEN_STATES, 'closed', 'rejected', 'merged'] as CaseState[]) {
    const count = counts.get(state) ?? 0;
    const ids = count
      ? await repo.listCaseIds(
          c.deps.db,
          scope,
          { states: [state], nodePath },
          OPEN_STATES.includes(state) ? 'due' : 'created',
          BOARD_ITEMS,
          0,
        )
      : [];
    columns.push({ state, count, items: await summaries(c, ids) });
  }
  return { columns };
}

/** Red and yellow cases of the scope (a running deadline past 75 %), most overdue first. */
export async function overdue(c: CallContext, page = 1, pageSize = 50): Promise<CasePage> {
  const scope = await caseScope(c);
  const filter: repo.CaseListFilter = { warnBefore: iso(c.deps.clock.now()), states: CLOCK_STATES };
  const ids = await repo.listCaseIds(c.deps.db, scope, filter, 'due', pageSize, (page - 1) * pageSize);
  return {
    items: await summaries(c, ids),
    total: await repo.countCases(c.deps.db, scope, filter),
    page,
    pageSize,
  };
}

interface DuplicateQuery {
  householdId?: number;
  buildingId?: number;
  categoryId?: number;
  text?: string;
  nodeId?: number;
  excludeId?: number;
}

/** The community (or the node itself when above it) whose recent open cases the text is matched against. */
async function textScopePath(c: CallContext, nodeId: number | undefined): Promise<string | null> {
  if (nodeId === undefined) return null;
  const node = await repo.findNode(c.deps.db, nodeId);
  if (!node) return null;
  const ids = node.path.split('/').filter(Boolean).map(Number);
  const chain = await repo.findNodesByIds(c.deps.db, ids);
  const community = chain.find((n) => n.level === 'community');
  return community?.path ?? node.path;
}

async function duplicateIds(c: CallContext, q: DuplicateQuery): Promise<number[]> {
  const db = c.deps.db;
  const scope = await caseScope(c);
  const since = iso(new Date(c.deps.clock.now().getTime() - DUPLICATE_WINDOW_DAYS * DAY_MS));
  const out: number[] = [];
  if (q.categoryId !== undefined && (q.householdId !== undefined || q.buildingId !== undefined)) {
    const place = q.householdId !== undefined ? { householdId: q.householdId } : { buildingId: q.buildingId };
    out.push(
      ...(await repo.samePlaceCaseIds(
        db,
        scope,
        place,
        q.categoryId,
        since,
        OPEN_STATES,
        DUPLICATE_LIMIT + 1,
      )),
    );
  }
  const text = q.text?.trim();
  let nodeId = q.nodeId;
  if (nodeId === undefined && q.householdId !== undefined)
    nodeId = (await repo.findHouseholdPlace(db, q.householdId))?.node_id;
  if (nodeId === undefined && q.buildingId !== undefined)
    nodeId = (await repo.findBuildingPlace(db, q.buildingId))?.node_id;
  const path = (await textScopePath(c, nodeId)) ?? (scope.paths.length === 1 ? scope.paths[0] : null);
  if (text && path) {
    const grams = bigrams(text);
    const recent = await repo.recentOpenCases(db, scope, path, since, OPEN_STATES, TEXT_CANDIDATES);
    const scored = recent
      .map((r) => ({ id: r.id, score: bigramSimilarity(grams, bigrams(r.title)) }))
      .filter((r) => r.score >= SIMILAR_TEXT_MIN)
      .sort((a, b) => b.score - a.score);
    out.push(...scored.map((s) => s.id));
  }
  return [...new Set(out)].filter((id) => id !== q.excludeId).slice(0, DUPLICATE_LIMIT);
}

/** Suggestions at intake: open cases of the same household/building and category within 30 days, or similar text. */
export async function duplicates(
  c: CallContext,
  q: Omit<DuplicateQuery, 'excludeId'>,
): Promise<CaseSummary[]> {
  const anywhere = c.actor.assignments.some((a) => authorize(c.actor, 'case.create', { path: a.nodePath }));
  if (!anywhere) throw new AppError('FORBIDDEN', 403);
  return summaries(c, await duplicateIds(c, q));
}

// ---------------------------------------------------------------------------------------------
// actions

export interface ActionBody {
  version: number;
  note?: string;
  visibility?: EventVisibility;
  contacted?: boolean;
  reason?: string;
  leadUnitId?: number;
  assistUnitIds?: number[];
  dueAt?: string;
  text?: string;
  heldAt?: string;
  place?: string;
  attendees?: string[];
  decisions?: string;
  actionItems?: Array<{ who: string; what: string; by?: string | null }>;
  result?: string;
  fileIds?: number[];
  rating?: Rating;
  resolved?: boolean;
  comment?: string;
  masterId?: number;
  days?: number;
}

/** Actions whose event the resident sees by default; the rest are internal unless the body says otherwise. */
const PUBLIC_BY_DEFAULT: ReadonlySet<CaseAction> = new Set<CaseAction>([
  'accept',
  'reject',
  'dispatch',
  'start',
  'meeting',
  'handle',
  'feedback',
  'rate',
  'auto_close',
  'escalate',
  'merge',
]);

function conflict(current: CaseDetail): AppError {
  return new AppError('CASE_CONFLICT', 409, { current });
}

class ConflictSignal extends Error {}

async function deny(c: CallContext, id: number, nodeId: number, action: CaseAction, code: string) {
  await recordAudit(
    c.deps.db,
    c.deps.kind,
    c.audit,
    {
      action: 'access.denied',
      entityType: 'case',
      entityId: id,
      nodeId,
      outcome: 'denied',
      after: { caseAction: action, code },
    },
    c.deps.clock.now(),
  );
  return new AppError(code, 403);
}

const requireText = (
  problems: FieldProblem[],
  field: string,
  value: string | undefined,
  max: number,
  label: LocalizedText,
) => checkText(field, value, max, label, problems);

interface Plan {
  set: Updateable<CasesTable>;
  /** Writes after the case row and the event (assignments, meetings …); gets the event id. */
  satellites: Array<(tx: Tx, eventId: number) => Promise<void>>;
  note: string | null;
  data: Record<string, unknown> | null;
  fileIds: number[];
  /** A second case touched in the same transaction (merge: the master). */
  alsoMaster?: { id: number; version: number; number: string; nodeId: number; state: string };
}

async function unitProblems(
  c: CallContext,
  nodePath: string,
  field: string,
  ids: readonly number[],
  problems: FieldProblem[],
) {
  const units = await repo.findUnitsByIds(c.deps.db, ids);
  const served = await repo.unitNodes(c.deps.db, ids);
  for (const id of ids) {
    const u = units.find((x) => x.id === id);
    if (u?.active !== 1) {
      problems.push(problem(field, `${field}.unknown`, '没有这个承办单位', 'No such handling unit'));
      continue;
    }
    const nodes = served.filter((s) => s.unit_id === id);
    if (nodes.length && !nodes.some((n) => nodePath.startsWith(n.path)))
      problems.push(
        problem(
          field,
          `${field}.not_serving`,
          `“${u.name_zh}”不负责该网格`,
          `${u.name_en} does not serve this area`,
        ),
      );
  }
  return units;
}

async function validFileIds(
  c: CallContext,
  caseId: number,
  ids: readonly number[],
  problems: FieldProblem[],
) {
  if (!ids.length) return [];
  const files = await repo.filesOf(c.deps.db, caseId);
  const ok = ids.filter((id) => files.some((f) => f.id === id && f.event_id === null));
  if (ok.length !== ids.length)
    problems.push(
      problem(
        'fileIds',
        'fileIds.unknown',
        '附件不存在或已使用',
        'Some files are unknown or already attached',
      ),
    );
  return ok;
}

async function communityOf(c: CallContext, nodePath: string): Promise<{ id: number; path: string } | null> {
  const ids = nodePath.split('/').filter(Boolean).map(Number);
  const chain = await repo.findNodesByIds(c.deps.db, ids);
  return chain.find((n) => n.level === 'community') ?? null;
}

/** What one action writes besides the state (validated first: every problem listed, nothing written). */
async function planAction(
  c: CallContext,
  l: Loaded,
  action: CaseAction,
  as: string,
  to: CaseState,
  decision: { headReview?: boolean; reopen?: boolean },
  body: ActionBody,
  now: Date,
): Promise<Plan> {
  const { row } = l;
  const problems: FieldProblem[] = [];
  const at = iso(now);
  const plan: Plan = { set: {}, satellites: [], note: body.note?.trim() || null, data: null, fileIds: [] };
  const noteIsField = ['feedback', 'escalate', 'supervise', 'comment'].includes(action);
  if (!noteIsField && plan.note && Array.from(plan.note).length > NOTE_MAX)
    problems.push(
      problem(
        'note',
        'note.too_long',
        `说明最多 ${NOTE_MAX} 字`,
        `A note has at most ${NOTE_MAX} characters`,
      ),
    );
  const myAssist = () =>
    l.assignments.find(
      (a) => a.role === 'assist' && LIVE_STATUSES.includes(a.status) && l.unitIds.includes(a.unit_id),
    );
  const liveLead = () => l.assignments.find((a) => a.role === 'lead' && LIVE_STATUSES.includes(a.status));
  const cal = await workCalendar(c.deps.db);
  const cat = await repo.findCategory(c.deps.db, row.category_id);

  switch (action) {
    case 'accept':
      plan.set.accepted_at = at;
      if (body.contacted && !row.contacted_at) plan.set.contacted_at = at;
      plan.set.head_review = 0;
      break;
    case 'reject': {
      const reason = requireText(
        problems,
        'reason',
        body.reason,
        REASON_MAX,
        msg('不予受理的理由', 'reason'),
      );
      plan.set.reject_reason = reason;
      plan.note = reason;
      break;
    }
    case 'dispatch': {
      if (body.leadUnitId === undefined)
        problems.push(problem('leadUnitId', 'required', '请选择主办单位', 'Choose the lead unit'));
      const assists = [...new Set(body.assistUnitIds ?? [])];
      if (body.leadUnitId !== undefined && assists.includes(body.leadUnitId))
        problems.push(
          problem(
            'assistUnitIds',
            'assistUnitIds.includes_lead',
            '协办单位不能与主办单位相同',
            'The lead unit cannot also assist',
          ),
        );
      const units = [
        ...(body.leadUnitId === undefined
          ? []
          : await unitProblems(c, row.node_path, 'leadUnitId', [body.leadUnitId], problems)),
        ...(await unitProblems(
          c,
          row.node_path,
          'assistUnitIds',
          assists.filter((u) => u !== body.leadUnitId),
          problems,
        )),
      ];
      let dueAt = row.handling_due_at;
      if (body.dueAt !== undefined) {
        const d = new Date(body.dueAt);
        if (Number.isNaN(d.getTime()) || d <= now)
          problems.push(
            problem('dueAt', 'dueAt.invalid', '办理时限应晚于现在', 'The deadline must be in the future'),
          );
        else dueAt = iso(d);
      }
      plan.set.dispatched_at = at;
      plan.set.lead_unit_id = body.leadUnitId ?? null;
      plan.set.self_handled = 0;
      plan.set.head_review = 0;
      const name = (id: number) => units.find((u) => u.id === id)?.name_zh ?? String(id);
      plan.data = {
        leadUnitId: body.leadUnitId,
        leadUnitName: body.leadUnitId === undefined ? null : name(body.leadUnitId),
        assistUnitIds: assists,
        assistUnitNames: assists.map(name),
        dueAt,
      };
      plan.satellites.push(async (tx) => {
        if (body.leadUnitId !== undefined)
          await repo.insertAssignment(tx, {
            case_id: row.id,
            unit_id: body.leadUnitId,
            role: 'lead',
            status: 'pending',
            due_at: dueAt,
            created_at: at,
          });
        for (const u of assists)
          await repo.insertAssignment(tx, {
            case_id: row.id,
            unit_id: u,
            role: 'assist',
            status: 'pending',
            due_at: dueAt,
            created_at: at,
          });
      });
      break;
    }
    case 'start':
      plan.set.self_handled = 1;
      plan.set.head_review = 0;
      break;
    case 'sign': {
      const a = as === 'lead' ? liveLead() : myAssist();
      if (a) {
        plan.data = { assignmentId: a.id, unitId: a.unit_id, unitName: a.unit_name_zh, role: a.role };
        plan.satellites.push((tx) => repo.updateAssignment(tx, a.id, { status: 'signed', signed_at: at }));
      }
      break;
    }
    case 'return': {
      const reason = requireText(problems, 'reason', body.reason, REASON_MAX, msg('退回理由', 'reason'));
      plan.note = reason;
      const a = as === 'lead' ? liveLead() : myAssist();
      if (a) {
        plan.data = { assignmentId: a.id, unitId: a.unit_id, unitName: a.unit_name_zh, role: a.role };
        plan.satellites.push(async (tx) => {
          await repo.updateAssignment(tx, a.id, {
            status: 'returned',
            return_reason: reason,
            returned_at: at,
          });
          if (as === 'lead')
            for (const other of l.assignments)
              if (other.id !== a.id && LIVE_STATUSES.includes(other.status))
                await repo.updateAssignment(tx, other.id, {
                  status: 'returned',
                  return_reason: '随主办单位退回',
                  returned_at: at,
                });
        });
      }
      if (as === 'lead') plan.set.lead_unit_id = null;
      break;
    }
    case 'reply': {
      const text = requireText(problems, 'text', body.text, NOTE_MAX, msg('协办意见', 'reply'));
      plan.note = text;
      const a = myAssist();
      if (a) {
        plan.data = { assignmentId: a.id, unitId: a.unit_id, unitName: a.unit_name_zh };
        plan.satellites.push((tx) =>
          repo.updateAssignment(tx, a.id, { status: 'replied', reply: text, replied_at: at }),
        );
      }
      break;
    }
    case 'meeting': {
      const held = body.heldAt === undefined ? null : new Date(body.heldAt);
      if (!held || Number.isNaN(held.getTime()))
        problems.push(
          problem('heldAt', 'heldAt.invalid', '请填写会议时间', 'Enter when the meeting was held'),
        );
      const attendees = (body.attendees ?? []).map((s) => s.trim()).filter(Boolean);
      if (!attendees.length)
        problems.push(problem('attendees', 'required', '请填写参会人员', 'List who attended'));
      const decisions = requireText(
        problems,
        'decisions',
        body.decisions,
        NOTE_MAX,
        msg('会议决定', 'decisions'),
      );
      const items = (body.actionItems ?? []).map((i) => ({
        who: i.who.trim(),
        what: i.what.trim(),
        by: i.by ? i.by : null,
      }));
      items.forEach((i, n) => {
        if (!i.who || !i.what)
          problems.push(
            problem(`actionItems[${n}]`, 'required', '请填写责任人和事项', 'Enter who does what'),
          );
        if (i.by && Number.isNaN(new Date(i.by).getTime()))
          problems.push(
            problem(`actionItems[${n}].by`, 'by.invalid', '完成时限格式不正确', 'The due date is not valid'),
          );
      });
      plan.note = plan.note ?? decisions;
      plan.data = {
        heldAt: held && !Number.isNaN(held.getTime()) ? iso(held) : null,
        place: body.place ?? null,
        attendees,
        actionItems: items,
      };
      plan.satellites.push(async (tx, eventId) => {
        await repo.insertMeeting(tx, {
          case_id: row.id,
          event_id: eventId,
          held_at: iso(held as Date),
          place: body.place?.trim() || null,
          attendees: JSON.stringify(attendees),
          decisions,
          action_items: JSON.stringify(items),
          created_by: c.actor.userId,
          created_at: at,
        });
      });
      break;
    }
    case 'handle': {
      const result = requireText(problems, 'result', body.result, DESCRIPTION_MAX, msg('处置结果', 'result'));
      plan.note = result;
      plan.set.result = result;
      plan.set.handled_at = at;
      plan.fileIds = await validFileIds(c, row.id, body.fileIds ?? [], problems);
      const lead = liveLead();
      if (lead && as === 'lead')
        plan.satellites.push((tx) => repo.updateAssignment(tx, lead.id, { status: 'done', done_at: at }));
      break;
    }
    case 'feedback':
      plan.note = requireText(problems, 'note', body.note, NOTE_MAX, msg('反馈内容', 'feedback'));
      plan.set.feedback_at = at;
      break;
    case 'rate': {
      if (body.resolved === undefined)
        problems.push(problem('resolved', 'required', '请选择问题是否解决', 'Say whether it was resolved'));
      const comment = body.comment?.trim() || null;
      if (comment && Array.from(comment).length > REASON_MAX)
        problems.push(
          problem('comment', 'comment.too_long', '评价最多 500 字', 'A comment has at most 500 characters'),
        );
      plan.note = comment;
      plan.data = { rating: body.rating, resolved: body.resolved ?? null };
      plan.satellites.push((tx) =>
        repo.insertRating(tx, {
          case_id: row.id,
          rating: body.rating as string,
          resolved: body.resolved ? 1 : 0,
          comment,
          round: row.reopen_count,
          rated_by: c.actor.userId,
          at,
        }),
      );
      if (to === 'closed') {
        plan.set.closed_at = at;
        plan.set.closed_by = 'rating';
      } else if (cat) {
        // 重办: the clock restarts with the category's handling limit; a third time goes to the community head.
        const limits = JSON.parse(cat.handling_limits) as Record<Urgency, TimeLimit>;
        plan.set.reopen_count = row.reopen_count + 1;
        plan.set.clock_start_at = at;
        plan.set.handling_due_at = iso(addLimit(now, limits[row.urgency as Urgency], cal));
        plan.set.handled_at = null;
        plan.set.feedback_at = null;
        if (decision.reopen) {
          plan.data.reopen = true;
          plan.satellites.push(async (tx) => {
            for (const a of l.assignments)
              if (a.status === 'done' || (a.role === 'assist' && a.status === 'replied'))
                await repo.updateAssignment(tx, a.id, { status: 'signed', done_at: null });
          });
        } else if (decision.headReview) {
          const community = await communityOf(c, row.node_path);
          plan.set.head_review = 1;
          plan.set.self_handled = 0;
          plan.set.lead_unit_id = null;
          if (community) plan.set.node_id = community.id;
          plan.data.headReview = true;
        }
      }
      break;
    }
    case 'auto_close':
      plan.set.closed_at = at;
      plan.set.closed_by = 'timeout';
      break;
    case 'escalate': {
      plan.note = requireText(problems, 'note', body.note, NOTE_MAX, msg('上报说明', 'note'));
      if (row.node_parent_id !== null) {
        const parent = await repo.findNode(c.deps.db, row.node_parent_id);
        plan.set.node_id = row.node_parent_id;
        plan.data = {
          fromNodeId: row.node_id,
          fromNodeName: row.node_name,
          toNodeId: row.node_parent_id,
          toNodeName: parent?.name ?? null,
        };
      }
      break;
    }
    case 'merge': {
      if (body.masterId === undefined) {
        problems.push(
          problem('masterId', 'required', '请选择要并入的主事件', 'Choose the case to merge into'),
        );
        break;
      }
      const scope = await caseScope(c);
      const master =
        body.masterId === row.id ? undefined : await repo.findCase(c.deps.db, body.masterId, scope);
      if (!master) problems.push(problem('masterId', 'masterId.unknown', '没有这个事件', 'No such case'));
      else if (!OPEN_STATES.includes(master.state as CaseState))
        problems.push(
          problem(
            'masterId',
            'masterId.not_open',
            '主事件已办结、不予受理或已合并，不能并入',
            'The master case is no longer open',
          ),
        );
      else {
        plan.set.master_id = master.id;
        plan.data = { masterId: master.id, masterNumber: master.number };
        plan.alsoMaster = {
          id: master.id,
          version: master.version,
          number: master.number,
          nodeId: master.node_id,
          state: master.state,
        };
        plan.satellites.push(async (tx) => {
          if (row.reporter_kind !== null || row.reporter_user_id !== null)
            await repo.insertFollower(tx, {
              case_id: master.id,
              from_case_id: row.id,
              user_id: row.reporter_user_id,
              resident_id: row.reporter_resident_id,
              name: row.reporter_name,
              phone_enc: row.reporter_phone_enc,
              phone_bidx: row.reporter_phone_bidx,
              created_at: at,
            });
          for (const f of await repo.followersOf(tx, row.id))
            await repo.insertFollower(tx, {
              case_id: master.id,
              from_case_id: f.from_case_id ?? row.id,
              user_id: f.user_id,
              resident_id: f.resident_id,
              name: f.name,
              phone_enc: f.phone_enc,
              phone_bidx: f.phone_bidx,
              created_at: at,
            });
        });
      }
      break;
    }
    case 'request_extension': {
      const days = body.days;
      if (days === undefined || !Number.isInteger(days) || days < 1 || days > 90)
        problems.push(problem('days', 'days.invalid', '延期天数应为 1–90 天', 'Extend by 1 to 90 days'));
      const reason = requireText(problems, 'reason', body.reason, REASON_MAX, msg('延期理由', 'reason'));
      plan.note = reason;
      plan.data = { days };
      plan.satellites.push(async (tx) => {
        await repo.insertExtension(tx, {
          case_id: row.id,
          days: days as number,
          reason,
          state: 'pending',
          requested_by: c.actor.userId,
          requested_at: at,
        });
      });
      break;
    }
    case 'approve_extension':
    case 'deny_extension': {
      const ext = l.extensions.find((e) => e.state === 'pending');
      const reason =
        action === 'deny_extension'
          ? requireText(problems, 'reason', body.reason, REASON_MAX, msg('驳回理由', 'reason'))
          : null;
      if (reason) plan.note = reason;
      if (ext) {
        plan.data = { extensionId: ext.id, days: ext.days };
        plan.satellites.push((tx) =>
          repo.updateExtension(tx, ext.id, {
            state: action === 'approve_extension' ? 'approved' : 'denied',
            decided_by: c.actor.userId,
            decided_at: at,
            decision_reason: reason,
          }),
        );
        if (action === 'approve_extension' && row.handling_due_at) {
          // The extension adds natural days to the handling deadline and to the lead unit's.
          const moved = iso(
            addLimit(new Date(row.handling_due_at), { amount: ext.days, unit: 'natural_days' }, cal),
          );
          plan.set.handling_due_at = moved;
          plan.data.handlingDueAt = moved;
          const lead = liveLead();
          if (lead)
            plan.satellites.push((tx) =>
              repo.updateAssignment(tx, lead.id, {
                due_at: iso(
                  addLimit(
                    new Date(lead.due_at ?? row.handling_due_at ?? at),
                    { amount: ext.days, unit: 'natural_days' },
                    cal,
                  ),
                ),
              }),
            );
        }
      }
      break;
    }
    case 'supervise': {
      plan.note = requireText(problems, 'note', body.note, NOTE_MAX, msg('督办意见', 'note'));
      const urgency = raiseUrgency(row.urgency as Urgency);
      plan.set.supervised = 1;
      plan.set.urgency = urgency;
      plan.data = { fromUrgency: row.urgency, toUrgency: urgency };
      if (cat && urgency !== row.urgency) {
        // A tighter limit applies from the clock's start; a deadline never moves later by supervision.
        const d = deadlinesFor(cat, urgency, new Date(row.clock_start_at), cal);
        if (row.handling_due_at && d.handlingDueAt < row.handling_due_at)
          plan.set.handling_due_at = d.handlingDueAt;
        if (row.response_due_at && d.responseDueAt < row.response_due_at)
          plan.set.response_due_at = d.responseDueAt;
      }
      break;
    }
    case 'comment': {
      plan.note = requireText(problems, 'note', body.note, NOTE_MAX, msg('备注内容', 'note'));
      if (body.contacted && !row.contacted_at) plan.set.contacted_at = at;
      plan.fileIds = await validFileIds(c, row.id, body.fileIds ?? [], problems);
      break;
    }
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
  return plan;
}

/**
 * Carries out one workflow action (docs/domain/cases.md "Workflow"): the caller's capabilities come from
 * cases.policy, the decision from common/case-workflow.ts; then one transaction writes the case with
 * `version = version + 1 where version = ?` (0 rows → 409 CASE_CONFLICT carrying the current case), the timeline
 * event, the action's rows, the audit row and the onCaseEvent listeners.
 */
export async function act(
  c: CallContext,
  id: number,
  action: CaseAction,
  body: ActionBody,
  opts: ReporterAccess = {},
): Promise<CaseDetail> {
  if (!CASE_ACTIONS.includes(action) || action === 'auto_close') {
    throw new AppError('CASE_INVALID_TRANSITION', 409);
  }
  const l = await loadWithAccess(c, id, opts);
  return actOn(c, l, action, body, l.access.caps, opts);
}

async function actOn(
  c: CallContext,
  l: Loaded,
  action: CaseAction,
  body: ActionBody,
  caps: CaseCaps,
  opts: ReporterAccess = {},
): Promise<CaseDetail> {
  const { row } = l;
  if (body.version !== row.version) throw conflict(await detailOf(c, l, opts.verifiedReporter));
  if (action === 'rate' && !body.rating && caps.reporter)
    throw new AppError('VALIDATION_FAILED', 400, [
      problem('rating', 'required', '请选择评价', 'Choose a rating'),
    ]);
  const decision = decide(action, l.facts, caps, { rating: body.rating ?? 'satisfied' });
  if (!decision.ok) {
    if (decision.code === 'CASE_INVALID_TRANSITION') throw new AppError('CASE_INVALID_TRANSITION', 409);
    throw await deny(
      c,
      row.id,
      row.node_id,
      action,
      action === 'rate' ? 'CASE_NOT_REPORTER' : 'CASE_FORBIDDEN_ACTION',
    );
  }
  const transition = findCaseTransition(action, l.facts, caps);
  const as = transition?.as ?? 'any';
  const now = c.deps.clock.now();
  const plan = await planAction(c, l, action, as, decision.to, decision, body, now);
  const at = iso(now);
  const citizen = l.access.citizen && !l.access.seesInternal;
  const visibility: EventVisibility = citizen
    ? 'public'
    : (body.visibility ?? (PUBLIC_BY_DEFAULT.has(action) ? 'public' : 'internal'));
  const set: Updateable<CasesTable> = { ...plan.set, state: decision.to, updated_at: at };
  const clock = {
    state: decision.to,
    contactedAt: (set.contacted_at as string | null | undefined) ?? row.contacted_at,
    hasReporter: row.reporter_kind !== null,
    clockStartAt: (set.clock_start_at as string | undefined) ?? row.clock_start_at,
    responseDueAt: (set.response_due_at as string | null | undefined) ?? row.response_due_at,
    handlingDueAt: (set.handling_due_at as string | null | undefined) ?? row.handling_due_at,
  };
  set.warn_at = warnAtOf(clock);
  set.due_at = dueAtOf(clock);
  const selfHandled = ((set.self_handled as number | undefined) ?? row.self_handled) === 1;
  const pendingExtension =
    action === 'request_extension'
      ? true
      : action === 'approve_extension' || action === 'deny_extension'
        ? false
        : l.facts.hasPendingExtension;
  set.staff_task = staffTaskOf(decision.to, selfHandled, pendingExtension);
  const actorRole = citizen
    ? 'resident'
    : actingRole(c.actor, row.node_path, as === 'lead' || as === 'assist');
  try {
    await c.deps.db.transaction().execute(async (tx) => {
      if (!(await repo.updateCaseVersioned(tx, row.id, row.version, set))) throw new ConflictSignal();
      const eventId = await repo.insertEvent(tx, {
        case_id: row.id,
        at,
        actor_id: c.actor.userId,
        actor_name: c.actor.displayName,
        actor_role: actorRole,
        action,
        from_state: row.state,
        to_state: decision.to,
        note: plan.note,
        visibility,
        file_ids: plan.fileIds.length ? JSON.stringify(plan.fileIds) : null,
        data: plan.data ? JSON.stringify(plan.data) : null,
      });
      await repo.attachFiles(tx, row.id, plan.fileIds, eventId);
      for (const s of plan.satellites) await s(tx, eventId);
      const m = plan.alsoMaster;
      let masterEventId: number | null = null;
      if (m) {
        if (!(await repo.updateCaseVersioned(tx, m.id, m.version, { updated_at: at })))
          throw new ConflictSignal();
        masterEventId = await repo.insertEvent(tx, {
          case_id: m.id,
          at,
          actor_id: c.actor.userId,
          actor_name: c.actor.displayName,
          actor_role: actorRole,
          action: 'merge',
          from_state: m.state,
          to_state: m.state,
          note: plan.note,
          visibility: 'internal',
          file_ids: null,
          data: JSON.stringify({ mergedCaseId: row.id, mergedCaseNumber: row.number }),
        });
      }
      await appendAudit(
        tx,
        c.deps.kind,
        c.audit,
        {
          action: `case.${action}`,
          entityType: 'case',
          entityId: row.id,
          nodeId: row.node_id,
          before: { state: row.state, version: row.version },
          after: { state: decision.to, version: row.version + 1, as, ...(plan.data ?? {}) },
        },
        now,
      );
      const notice: CaseEventNotice = {
        caseId: row.id,
        caseNumber: row.number,
        eventId,
        action,
        fromState: row.state as CaseState,
        toState: decision.to,
        nodeId: (set.node_id as number | undefined) ?? row.node_id,
        actorId: c.actor.userId,
        visibility,
        at,
        data: plan.data,
      };
      await onCaseEvent(c.deps, tx, notice);
      if (m && masterEventId !== null)
        await onCaseEvent(c.deps, tx, {
          ...notice,
          caseId: m.id,
          caseNumber: m.number,
          eventId: masterEventId,
          fromState: m.state as CaseState,
          toState: m.state as CaseState,
          nodeId: m.nodeId,
          visibility: 'internal',
          data: { mergedCaseId: row.id },
        });
    });
  } catch (err) {
    if (err instanceof ConflictSignal) {
      const fresh = await loadWithAccess(c, row.id, opts);
      throw conflict(await detailOf(c, fresh, opts.verifiedReporter));
    }
    throw err;
  }
  return detailOf(
    c,
    await loadWithAccess(c, row.id, { ...opts, afterOwnAction: true }),
    opts.verifiedReporter,
  );
}

/** Dispatches several accepted cases to the same units; each case on its own, with its own result. */
export async function bulkDispatch(
  c: CallContext,
  input: { ids: number[]; leadUnitId: number; assistUnitIds?: number[]; note?: string },
) {
  const results: Array<{ id: number; ok: boolean; code?: string; number?: string; state?: CaseState }> = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      const l = await loadWithAccess(c, id);
      const d = await actOn(
        c,
        l,
        'dispatch',
        {
          version: l.row.version,
          leadUnitId: input.leadUnitId,
          assistUnitIds: input.assistUnitIds,
          note: input.note,
        },
        l.access.caps,
      );
      results.push({ id, ok: true, number: d.number, state: d.state });
    } catch (err) {
      results.push({ id, ok: false, code: err instanceof AppError ? err.code : 'INTERNAL' });
    }
  }
  return { results };
}

// ---------------------------------------------------------------------------------------------
// the scheduler's actions

/**
 * Closes one case waiting for a rating as the system (auto_close, docs/domain/cases.md): same transaction shape
 * as any action; false when the case moved on meanwhile (rated, or someone else closed it).
 */
export async function autoCloseCase(deps: Deps, id: number, version: number): Promise<boolean> {
  const row = await repo.findCase(deps.db, id, NO_SCOPE);
  if (!row || row.version !== version || row.state !== 'awaiting_rating') return false;
  const facts = caseFacts(
    {
      state: row.state as CaseState,
      reopenCount: row.reopen_count,
      selfHandled: row.self_handled === 1,
      nodeLevel: row.node_level,
      nodeParentId: row.node_parent_id,
      assignments: [],
      extensionStates: [],
    },
    [],
  );
  const decision = decide('auto_close', facts, SYSTEM_CAPS);
  if (!decision.ok) return false;
  const now = deps.clock.now();
  const at = iso(now);
  try {
    await deps.db.transaction().execute(async (tx) => {
      const set = {
        state: decision.to,
        closed_at: at,
        closed_by: 'timeout',
        warn_at: null,
        staff_task: 0,
        updated_at: at,
      };
      if (!(await repo.updateCaseVersioned(tx, id, version, set))) throw new ConflictSignal();
      const eventId = await repo.insertEvent(tx, {
        case_id: id,
        at,
        actor_id: null,
        actor_name: SYSTEM_NAME,
        actor_role: 'system',
        action: 'auto_close',
        from_state: row.state,
        to_state: decision.to,
        note: '超过 7 天未评价，系统自动办结',
        visibility: 'public',
        file_ids: null,
        data: JSON.stringify({ feedbackAt: row.feedback_at }),
      });
      await appendAudit(
        tx,
        deps.kind,
        SYSTEM_AUDIT,
        {
          action: 'case.auto_close',
          entityType: 'case',
          entityId: id,
          nodeId: row.node_id,
          before: { state: row.state, version },
          after: { state: decision.to, version: version + 1, closedBy: 'timeout' },
        },
        now,
      );
      await onCaseEvent(deps, tx, {
        caseId: id,
        caseNumber: row.number,
        eventId,
        action: 'auto_close',
        fromState: row.state as CaseState,
        toState: decision.to,
        nodeId: row.node_id,
        actorId: null,
        visibility: 'public',
        at,
        data: null,
      });
    });
  } catch (err) {
    if (err instanceof ConflictSignal) return false;
    throw err;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// files, print, meta

export interface UploadedCaseFile {
  fileName: string | undefined;
  data: Buffer;
  truncated: boolean;
}

/**
 * Attaches one photo or file to a case, for those acting on it (staff of its place, its units, its reporter):
 * ≤ 5 MB and a JPEG, PNG, WebP or PDF by its first bytes; the file and its row are kept together or not at all.
 * It joins an event when an action names it in `fileIds` (handle, comment).
 */
export async function addCaseFile(
  c: CallContext,
  caseId: number,
  file: UploadedCaseFile | null,
): Promise<FileView> {
  const l = await loadWithAccess(c, caseId);
  const { caps } = l.access;
  const actor =
    caps.intake || caps.dispatcher || caps.supervisor || caps.leadUnit || caps.assistUnit || caps.reporter;
  if (!actor) throw await deny(c, caseId, l.row.node_id, 'comment', 'FORBIDDEN');
  if (l.row.state === 'merged') throw new AppError('CASE_INVALID_TRANSITION', 409);
  const problems: FieldProblem[] = [];
  const fileName = cleanFileName(file?.fileName);
  const tooLarge = !!file && (file.truncated || file.data.length > CASE_FILE_MAX_BYTES);
  const mime: CaseFileMime | null = file && !tooLarge ? sniffCaseFile(file.data) : null;
  if (!file) problems.push(problem('file', 'required', '请选择要上传的文件', 'Choose a file'));
  else if (tooLarge)
    problems.push(
      problem('file', 'FILE_TOO_LARGE', `文件“${fileName}”超过 5 MB`, `“${fileName}” is larger than 5 MB`),
    );
  else if (!mime)
    problems.push(
      problem(
        'file',
        'FILE_TYPE',
        `“${fileName}”不是 JPEG、PNG、WebP 图片或 PDF`,
        `“${fileName}” is not a JPEG, PNG, WebP or PDF`,
      ),
    );
  if (problems.length || !file || !mime) throw new AppError('VALIDATION_FAILED', 400, problems);
  const key = await storeCaseFile(c.deps.config.dataDir, mime, file.data);
  const now = c.deps.clock.now();
  try {
    const id = await c.deps.db.transaction().execute(async (tx) => {
      const fileId = await repo.insertFile(tx, {
        case_id: caseId,
        event_id: null,
        file_name: fileName,
        mime,
        size: file.data.length,
        storage_key: key,
        uploaded_by: c.actor.userId,
        created_at: iso(now),
      });
      await appendAudit(
        tx,
        c.deps.kind,
        c.audit,
        {
          action: 'case.file_add',
          entityType: 'case',
          entityId: caseId,
          nodeId: l.row.node_id,
          after: { fileId, mime, size: file.data.length },
        },
        now,
      );
      return fileId;
    });
    return presentFile({
      id,
      case_id: caseId,
      event_id: null,
      file_name: fileName,
      mime,
      size: file.data.length,
    });
  } catch (err) {
    await removeCaseFile(c.deps.config.dataDir, key);
    throw err;
  }
}

/** A stored file for someone who may see it: internal viewers any; residents those of public events and their own. */
export async function caseFile(c: CallContext, caseId: number, fileId: number, opts: ReporterAccess = {}) {
  const l = await loadWithAccess(c, caseId, opts);
  const f = await repo.findFile(c.deps.db, caseId, fileId);
  let visible = !!f && l.access.seesInternal;
  if (f && !visible) {
    if (f.event_id === null) visible = f.uploaded_by === c.actor.userId && !opts.verifiedReporter;
    else
      visible = (await repo.eventsOf(c.deps.db, caseId)).some(
        (e) => e.id === f.event_id && e.visibility === 'public',
      );
  }
  const p = f && visible ? caseFilePath(c.deps.config.dataDir, f.storage_key) : null;
  if (!f || !p) throw await denyOutOfScope(c, 'case_file', fileId, 'case.read');
  return { path: p, mime: f.mime, fileName: f.file_name, size: f.size };
}

/** The case sheet (打印): the detail as its readers see it, with who printed it and when; audited. */
export async function printCase(c: CallContext, id: number) {
  const detail = await getCase(c, id);
  const now = c.deps.clock.now();
  await recordAudit(
    c.deps.db,
    c.deps.kind,
    c.audit,
    { action: 'case.print', entityType: 'case', entityId: id, nodeId: detail.nodeId },
    now,
  );
  return { case: detail, printedAt: iso(now), printedBy: c.actor.displayName };
}

export { listCategories, listUnits } from './case-admin.service.js';

/** Vocabularies with their labels, the category tree and the units (the intake form and the filters). */
export async function caseMeta(c: CallContext) {
  const labels = <T extends string>(values: readonly T[], map: Readonly<Record<T, LocalizedText>>) =>
    values.map((value) => ({ value, label: map[value] }));
  return {
    states: labels(CASE_STATES, CASE_STATE_LABELS),
    sources: labels(CASE_SOURCES, CASE_SOURCE_LABELS),
    urgencies: labels(URGENCIES, URGENCY_LABELS),
    actions: labels(CASE_ACTIONS, CASE_ACTION_LABELS),
    assignmentStatuses: labels(ASSIGNMENT_STATUSES, ASSIGNMENT_STATUS_LABELS),
    ratings: labels(RATINGS, RATING_LABELS),
    timeUnits: labels(TIME_UNITS, TIME_UNIT_LABELS),
    categories: await listCategoriesView(c),
    units: await listUnitsView(c),
  };
}

// ---------------------------------------------------------------------------------------------
// residents' public pages (added by the resident H5 module, docs/resident-h5.md)

/**
 * Finds a case by its number and checks a phone against its reporter's and its followers' (merged duplicates'
 * reporters): the full number, or only its last 4 digits; `any` only asks whether the number exists. Null on any
 * mismatch, so callers can answer a wrong number and wrong digits alike. Verifying is the caller's proof of being the
 * reporter before it reads or rates with `verifiedReporter`.
 */
export async function matchReporterByPhone(
  deps: Deps,
  number: string,
  proof: { phone: string } | { last4: string } | { any: true },
): Promise<{ id: number; as: 'reporter' | 'follower' | null } | null> {
  const found = await repo.findCaseIdByNumber(deps.db, number);
  const row = found ? await repo.findCase(deps.db, found.id, NO_SCOPE) : undefined;
  if (!found || !row) return null;
  if ('any' in proof) return { id: found.id, as: null };
  const people = [
    { as: 'reporter' as const, enc: row.reporter_phone_enc, bidx: row.reporter_phone_bidx },
    ...(await repo.followersOf(deps.db, found.id)).map((f) => ({
      as: 'follower' as const,
      enc: f.phone_enc,
      bidx: f.phone_bidx,
    })),
  ];
  let hit: (typeof people)[number] | undefined;
  if ('phone' in proof) {
    const p = parseMobile(proof.phone);
    const bidx = p.ok ? deps.crypto.blindIndex('phone', p.value) : null;
    hit = bidx ? people.find((x) => x.bidx === bidx) : undefined;
  } else if (/^\d{4}$/.test(proof.last4)) {
    hit = people.find((x) => x.enc !== null && deps.crypto.decrypt(x.enc).endsWith(proof.last4));
  }
  return hit ? { id: found.id, as: hit.as } : null;
}
