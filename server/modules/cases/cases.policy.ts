import { WARNING_SHARE, type WarningLevel, warningLevel } from '../../../common/case-deadlines.js';
import type { CaseCaps, CaseFacts } from '../../../common/case-workflow.js';
import type { AssignmentStatus, CaseState } from '../../../common/cases.js';
import {
  type Actor,
  type ActorAssignment,
  authorize,
  type Permission,
  ROLE_PERMISSIONS,
  type Role,
} from '../../../common/permissions.js';
import { visibleRoots } from '../grid/grid.policy.js';

// PURE: who the caller is on one case (CaseCaps for common/case-workflow.ts), what they may read, and the small
// matching rules of intake (docs/domain/cases.md "Scope"). No I/O: the service loads rows and asks here.

/**
 * Roles that reach cases through their place in the grid. A unit handler's role grants case.read and case.handle
 * too, but unit handlers reach cases only through their unit's assignments; a resident only through their reports.
 */
const PLACE_ROLES: ReadonlySet<Role> = new Set(
  (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => r !== 'unit_handler' && r !== 'resident'),
);

/** The actor with only the assignments that act through the grid (staff, leaders, mediators). */
export function staffActor(actor: Actor): Actor {
  return { userId: actor.userId, assignments: actor.assignments.filter((a) => PLACE_ROLES.has(a.role)) };
}

/** Top paths where the actor reads cases through the grid. */
export function readRoots(actor: Actor): string[] {
  return visibleRoots(staffActor(actor), 'case.read');
}

/** Top paths where the actor takes cases in (accepts, handles itself, dispatches): the staff inbox. */
export function intakeRoots(actor: Actor): string[] {
  const staff = staffActor(actor);
  const all = [...visibleRoots(staff, 'case.handle'), ...visibleRoots(staff, 'case.dispatch')];
  const unique = [...new Set(all)];
  return unique.filter((p) => !unique.some((q) => q !== p && p.startsWith(q)));
}

export interface AssignmentFact {
  unitId: number;
  role: 'lead' | 'assist' | string;
  status: AssignmentStatus | string;
}

/** Assignments still in play: not returned, not yet done (a reopen puts a done one back to signed). */
export const LIVE_STATUSES: readonly string[] = ['pending', 'signed', 'replied'];
const isLive = (a: AssignmentFact) => LIVE_STATUSES.includes(a.status);

export interface CaseAccessInput {
  nodePath: string;
  reporterUserId: number | null;
  followerUserIds: readonly number[];
  assignments: readonly AssignmentFact[];
}

/** Everything the caller is on one case: workflow capabilities plus how they came to read it. */
export interface CaseAccess {
  caps: CaseCaps;
  /** Reads it through the grid (case.read at the node or above, not as a unit handler). */
  staffReader: boolean;
  /** Reads it as a member of a unit that has (or had) an assignment on it. */
  unitReader: boolean;
  /** The reporter or a follower (a merged duplicate's reporter). */
  citizen: boolean;
  /** Sees internal timeline events and every file. */
  seesInternal: boolean;
}

/** Computes the caller's capabilities on a case from roles + scope + unit membership + reporter. */
export function caseAccess(actor: Actor, myUnitIds: readonly number[], c: CaseAccessInput): CaseAccess {
  const staff = staffActor(actor);
  const target = { path: c.nodePath };
  const can = (p: Permission) => authorize(staff, p, target);
  const mine = (a: AssignmentFact) => myUnitIds.includes(a.unitId);
  const leadUnit = c.assignments.some((a) => a.role === 'lead' && isLive(a) && mine(a));
  const assistUnit = c.assignments.some((a) => a.role === 'assist' && isLive(a) && mine(a));
  const staffReader = can('case.read');
  const unitReader = c.assignments.some(mine);
  const reporter = c.reporterUserId !== null && c.reporterUserId === actor.userId;
  const follower = c.followerUserIds.includes(actor.userId);
  const caps: CaseCaps = {
    intake: can('case.handle') || can('case.dispatch'),
    dispatcher: can('case.dispatch'),
    supervisor: can('case.supervise'),
    leadUnit,
    assistUnit,
    reporter,
    system: false,
    reader: staffReader || unitReader || reporter || follower,
  };
  return {
    caps,
    staffReader,
    unitReader,
    citizen: reporter || follower,
    seesInternal: staffReader || unitReader || caps.intake || caps.supervisor,
  };
}

/** The scheduler's capabilities (auto-close). */
export const SYSTEM_CAPS: CaseCaps = {
  intake: false,
  dispatcher: false,
  supervisor: false,
  leadUnit: false,
  assistUnit: false,
  reporter: false,
  system: true,
  reader: true,
};

/** Node levels a case may be escalated from: grid → community → street → district, never above district. */
export const ESCALATE_FROM: readonly string[] = ['microgrid', 'grid', 'community', 'street'];

export interface FactsInput {
  state: CaseState;
  reopenCount: number;
  selfHandled: boolean;
  nodeLevel: string;
  nodeParentId: number | null;
  assignments: readonly AssignmentFact[];
  extensionStates: readonly string[];
}

/** The facts common/case-workflow.ts decides on, for one caller (their unit's assist assignment). */
export function caseFacts(f: FactsInput, myUnitIds: readonly number[]): CaseFacts {
  const lead = f.assignments.find((a) => a.role === 'lead' && isLive(a));
  const myAssists = f.assignments.filter(
    (a) => a.role === 'assist' && isLive(a) && myUnitIds.includes(a.unitId),
  );
  const myAssist =
    myAssists.find((a) => a.status === 'pending') ??
    myAssists.find((a) => a.status === 'signed') ??
    myAssists[0];
  return {
    state: f.state,
    reopenCount: f.reopenCount,
    selfHandled: f.selfHandled,
    hasPendingExtension: f.extensionStates.includes('pending'),
    leadStatus: (lead?.status as AssignmentStatus | undefined) ?? null,
    myAssistStatus: (myAssist?.status as AssignmentStatus | undefined) ?? null,
    canEscalate: ESCALATE_FROM.includes(f.nodeLevel) && f.nodeParentId !== null,
  };
}

/** Whether the actor may report a case at a node (case.create there, any role, residents included). */
export function canCreateAt(actor: Actor, nodePath: string): boolean {
  return authorize(actor, 'case.create', { path: nodePath });
}

/** A caller who reports only as a resident (no staff role at the node) reports as `resident`, as themselves. */
export function reportsAsResident(actor: Actor, nodePath: string): boolean {
  return !authorize(staffActor(actor), 'case.create', { path: nodePath });
}

/** The reporter's full name is shown to staff who read people there, and to the reporter; others see it masked. */
export function showsReporterName(actor: Actor, nodePath: string, reporter: boolean): boolean {
  return reporter || authorize(staffActor(actor), 'person.read', { path: nodePath });
}

/** Roles to name the actor by on the timeline: the first place role that reaches the node, else unit / resident. */
export function actingRole(
  actor: { assignments: readonly ActorAssignment[] },
  nodePath: string,
  asUnit: boolean,
): Role | null {
  if (asUnit) return 'unit_handler';
  const order: Role[] = ['petition_agent', 'grid_worker', 'community_staff', 'leader', 'mediator', 'admin'];
  for (const role of order)
    if (actor.assignments.some((a) => a.role === role && nodePath.startsWith(a.nodePath))) return role;
  return actor.assignments[0]?.role ?? null;
}

// ---------------------------------------------------------------------------------------------
// duplicates

/** Adjacent character pairs of a text, ignoring spaces and punctuation (Chinese has no word breaks). */
export function bigrams(text: string): Set<string> {
  const chars = Array.from(text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, ''));
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  if (chars.length === 1) out.add(chars[0]);
  return out;
}

/**
 * Share of common character bigrams: |A ∩ B| / min(|A|, |B|), so a short title contained in a longer one still
 * matches. ≥ SIMILAR_TEXT_MIN counts as a likely duplicate (docs/domain/cases.md "Duplicates").
 */
export function bigramSimilarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let common = 0;
  for (const g of a) if (b.has(g)) common++;
  return common / Math.min(a.size, b.size);
}

export const SIMILAR_TEXT_MIN = 0.5;

// ---------------------------------------------------------------------------------------------
// clocks

/** States in which the handling clock runs (the matter is with the community or a unit). */
export const CLOCK_STATES: readonly CaseState[] = ['collected', 'accepted', 'dispatched', 'in_progress'];

export interface ClockInput {
  state: CaseState;
  contactedAt: string | null;
  /** Someone to contact: a reporting resident, user or anonymous contact. */
  hasReporter: boolean;
}

/**
 * Which deadlines run: the handling one while the case is open and not yet handled; the response one (signed and
 * reporter contacted) until it is accepted and, when there is a reporter, the reporter has been contacted.
 */
export function runningClocks(c: ClockInput): { response: boolean; handling: boolean } {
  const handling = CLOCK_STATES.includes(c.state);
  const response =
    c.state === 'collected' || (c.state === 'accepted' && c.hasReporter && c.contactedAt === null);
  return { response, handling };
}

/** The first instant at which common/case-deadlines.ts warningLevel(start, due, ·) says yellow (or red). */
export function warnInstant(start: Date, due: Date): Date {
  const s = start.getTime();
  const span = Math.max(0, due.getTime() - s);
  const at = new Date(s + Math.ceil(span * WARNING_SHARE));
  // Guard against rounding: step forward until the common rule agrees.
  while (warningLevel(start, due, at) === 'ok') at.setTime(at.getTime() + 1);
  return at;
}

export interface DeadlineInput extends ClockInput {
  clockStartAt: string;
  responseDueAt: string | null;
  handlingDueAt: string | null;
}

/** The stored warn_at: the earliest yellow instant of the running deadlines; null when none runs. */
export function warnAtOf(c: DeadlineInput): string | null {
  const clocks = runningClocks(c);
  const start = new Date(c.clockStartAt);
  const marks: number[] = [];
  if (clocks.handling && c.handlingDueAt) marks.push(warnInstant(start, new Date(c.handlingDueAt)).getTime());
  if (clocks.response && c.responseDueAt) marks.push(warnInstant(start, new Date(c.responseDueAt)).getTime());
  return marks.length ? new Date(Math.min(...marks)).toISOString() : null;
}

/**
 * The stored due_at: the running deadline — the response deadline while its clock runs (collected, or accepted until
 * the reporter is contacted) and it is the earlier one, else the handling deadline. "Overdue first" sorts by it.
 */
export function dueAtOf(
  c: ClockInput & { responseDueAt: string | null; handlingDueAt: string | null },
): string | null {
  if (runningClocks(c).response && c.responseDueAt && (!c.handlingDueAt || c.responseDueAt < c.handlingDueAt))
    return c.responseDueAt;
  return c.handlingDueAt;
}

/**
 * The stored staff_task: the case waits for the community side (the staff inbox) — collected, accepted or handled;
 * with a unit (dispatched, in progress) only when self-handled or an extension waits for the dispatcher.
 */
export function staffTaskOf(state: CaseState, selfHandled: boolean, pendingExtension: boolean): 0 | 1 {
  if (state === 'collected' || state === 'accepted' || state === 'handled') return 1;
  if ((state === 'dispatched' || state === 'in_progress') && (selfHandled || pendingExtension)) return 1;
  return 0;
}

const LEVEL_RANK: Record<WarningLevel, number> = { ok: 0, yellow: 1, red: 2 };

/** The worst warning level of the running deadlines (common warningLevel), 'ok' when none runs. */
export function liveWarning(c: DeadlineInput, now: Date): WarningLevel {
  const clocks = runningClocks(c);
  const start = new Date(c.clockStartAt);
  let worst: WarningLevel = 'ok';
  const consider = (due: string | null) => {
    if (!due) return;
    const level = warningLevel(start, new Date(due), now);
    if (LEVEL_RANK[level] > LEVEL_RANK[worst]) worst = level;
  };
  if (clocks.handling) consider(c.handlingDueAt);
  if (clocks.response) consider(c.responseDueAt);
  return worst;
}
