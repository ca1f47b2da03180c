import {
  type Actor,
  authorize,
  isInSubtree,
  ROLE_PERMISSIONS,
  type Role,
} from '../../../common/permissions.js';
import {
  canSeeTag,
  DEFAULT_TAGS,
  DEFAULT_VISIT_PLANS,
  type DerivationInput,
  deriveHouseholdTags,
  derivePersonTags,
  type TagSensitivity,
} from '../../../common/tags.js';

// PURE: who is due a visit, what a viewer may see of the plans, and screening periods (issue 3 item 7,
// docs/domain/visits.md). No I/O: the service loads rows and asks here.

export const DAY_MS = 86_400_000;
/** Community work runs on Beijing time; days and quarters turn at midnight UTC+8. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

export interface TagVisibility {
  sensitivity: TagSensitivity;
  visibleRoles: readonly Role[];
}

/** Roles the actor holds on a node (assignments at the node or above it). */
export function rolesOn(actor: Actor, nodePath: string): Role[] {
  return [...new Set(actor.assignments.filter((a) => isInSubtree(nodePath, a.nodePath)).map((a) => a.role))];
}

/**
 * Whether the viewer may see a plan on a node: a screening plan (no tag) is seen by anyone who reads people
 * there; a tag plan only by those who may see the tag, so a hidden tag never leaks through a plan's name.
 * A tag missing from the dictionary fails closed.
 */
export function canSeePlan(
  roles: readonly Role[],
  plan: { tagCode: string | null },
  tags: ReadonlyMap<string, TagVisibility>,
): boolean {
  if (!roles.some((r) => ROLE_PERMISSIONS[r]?.includes('person.read'))) return false;
  if (plan.tagCode === null) return true;
  const tag = tags.get(plan.tagCode);
  return tag ? canSeeTag(roles, tag) : false;
}

/** The built-in dictionary's visibility, used where the tags table has no row for a code. */
export function defaultTagVisibility(): Map<string, TagVisibility> {
  return new Map(
    DEFAULT_TAGS.map((t) => [t.code, { sensitivity: t.sensitivity, visibleRoles: t.visibleRoles }]),
  );
}

/** Parses a stored role or level list, written either as JSON or comma-separated. */
export function parseList(text: string | null | undefined): string[] {
  if (!text) return [];
  const s = text.trim();
  if (s.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(s);
      return Array.isArray(v) ? v.map(String) : [];
    } catch {
      return [];
    }
  }
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** English name of a default plan, matched by its stored Chinese name. */
export function planNameEn(zh: string): string {
  return DEFAULT_VISIT_PLANS.find((p) => p.name.zh === zh)?.name.en ?? zh;
}

// ---------------------------------------------------------------------------------------------
// due visits

export interface PlanRule {
  id: number;
  nodePath: string;
  name: string;
  tagCode: string | null;
  riskLevels: string[];
  everyDays: number;
  createdAt: string;
}

export interface HouseholdFacts extends DerivationInput {
  id: number;
  nodePath: string;
  createdAt: string;
  members: DerivationInput['members'];
  /** Stored tags of the household and of its active members: code → risk levels ('' when none). */
  assigned: ReadonlyMap<string, readonly string[]>;
  lastVisitAt: string | null;
  lastScreenedAt: string | null;
}

export interface DueReason {
  planId: number;
  plan: string;
  tagCode: string | null;
  dueAt: string;
  overdueDays: number;
}

/** Midnight (UTC+8) of the Beijing calendar day containing `at`, as a UTC instant. */
export function chinaDayStart(at: Date): number {
  return Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

/** Whether a household carries a plan's tag (with one of its risk levels, when the plan names some). */
export function householdMatchesPlan(h: HouseholdFacts, plan: PlanRule, today: Date): boolean {
  if (plan.tagCode === null) return true;
  const assigned = h.assigned.get(plan.tagCode);
  if (assigned) {
    if (!plan.riskLevels.length) return true;
    return assigned.some((level) => plan.riskLevels.includes(level));
  }
  if (plan.riskLevels.length) return false;
  if (deriveHouseholdTags(h, today).includes(plan.tagCode)) return true;
  return h.members.some((m) => m.livingHere && derivePersonTags(m, today).includes(plan.tagCode as string));
}

/**
 * The plans under which a household is due by the end of today (Beijing time): the due date is the last visit
 * (the last screened visit for a screening plan) plus the plan's interval; never visited → due since the
 * plan or the household began, whichever is later. Plans apply to the households beneath their node.
 */
export function dueReasons(
  h: HouseholdFacts,
  plans: readonly PlanRule[],
  now: Date,
  visible: (plan: PlanRule) => boolean,
): DueReason[] {
  const todayStart = chinaDayStart(now);
  const todayEnd = todayStart + DAY_MS;
  const out: DueReason[] = [];
  for (const plan of plans) {
    if (!isInSubtree(h.nodePath, plan.nodePath)) continue;
    if (!visible(plan)) continue;
    if (!householdMatchesPlan(h, plan, now)) continue;
    const last = plan.tagCode === null ? h.lastScreenedAt : h.lastVisitAt;
    const due = last
      ? new Date(last).getTime() + plan.everyDays * DAY_MS
      : Math.max(new Date(plan.createdAt).getTime(), new Date(h.createdAt).getTime());
    if (due >= todayEnd) continue;
    const overdueDays = Math.max(0, Math.round((todayStart - chinaDayStart(new Date(due))) / DAY_MS));
    out.push({
      planId: plan.id,
      plan: plan.name,
      tagCode: plan.tagCode,
      dueAt: new Date(due).toISOString(),
      overdueDays,
    });
  }
  return out.sort((a, b) => b.overdueDays - a.overdueDays || a.dueAt.localeCompare(b.dueAt));
}

/** Most overdue first, then the earliest due date, then the room label. */
export function compareDue(
  a: { reasons: DueReason[]; roomLabel: string },
  b: { reasons: DueReason[]; roomLabel: string },
): number {
  const ao = a.reasons[0]?.overdueDays ?? 0;
  const bo = b.reasons[0]?.overdueDays ?? 0;
  if (ao !== bo) return bo - ao;
  const ad = a.reasons[0]?.dueAt ?? '';
  const bd = b.reasons[0]?.dueAt ?? '';
  if (ad !== bd) return ad.localeCompare(bd);
  return a.roomLabel.localeCompare(b.roomLabel, 'en', { numeric: true });
}

// ---------------------------------------------------------------------------------------------
// screening periods

export const PERIOD_PATTERN = '^\\d{4}Q[1-4]$';

/** The quarter ('2026Q4') containing an instant, on the Beijing calendar. */
export function quarterOf(at: Date): string {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** [start, end) of a quarter as UTC ISO strings, or null when malformed. */
export function quarterRange(period: string): { from: string; to: string } | null {
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  if (!m) return null;
  const y = Number(m[1]);
  const q = Number(m[2]);
  const from = Date.UTC(y, (q - 1) * 3, 1) - CHINA_OFFSET_MS;
  const to = Date.UTC(y, q * 3, 1) - CHINA_OFFSET_MS;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export const rate = (screened: number, total: number) =>
  total === 0 ? 0 : Math.round((screened / total) * 1000) / 1000;

// ---------------------------------------------------------------------------------------------
// actions on a visit

export const VISIT_ACTIONS = ['add_photos', 'resolve_dispute', 'flag'] as const;
export type VisitAction = (typeof VISIT_ACTIONS)[number];

export function visitActions(
  actor: Actor,
  nodePath: string,
  v: { disputeFound: boolean; disputeResolvedAt: string | null; flagged: boolean },
): VisitAction[] {
  if (!authorize(actor, 'person.write', { path: nodePath })) return [];
  const out: VisitAction[] = ['add_photos'];
  if (v.disputeFound && !v.disputeResolvedAt) out.push('resolve_dispute');
  if (!v.flagged) out.push('flag');
  return out;
}
