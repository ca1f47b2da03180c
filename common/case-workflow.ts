import {
  type AssignmentStatus,
  CASE_ACTIONS,
  CASE_STATES,
  type CaseAction,
  type CaseState,
  MAX_REOPENS,
  OPEN_STATES,
  type Rating,
} from './cases';

/**
 * The case workflow (docs/domain/cases.md), one declarative transition table.
 *
 * Pure: the server computes the caller's capabilities and the case facts; this module only says whether an
 * action is allowed and where it leads. Reading of a decision:
 * 1. no row of the action lists the current state → `CASE_INVALID_TRANSITION` (never applies here, whoever asks);
 * 2. rows exist but none is for this caller → `CASE_FORBIDDEN_ACTION`;
 * 3. a row is for this caller but the case is not in the condition it needs (lead already signed, an
 *    extension already pending, no parent to escalate to…) → `CASE_INVALID_TRANSITION`;
 * 4. otherwise the first matching row gives the target state.
 */

/** What the caller is, on this one case. Computed by the server policy; see docs/domain/cases.md. */
export interface CaseCaps {
  intake: boolean;
  dispatcher: boolean;
  supervisor: boolean;
  leadUnit: boolean;
  assistUnit: boolean;
  reporter: boolean;
  system: boolean;
  reader: boolean;
}

export const CASE_CAPS = [
  'intake',
  'dispatcher',
  'supervisor',
  'leadUnit',
  'assistUnit',
  'reporter',
  'system',
  'reader',
] as const satisfies readonly (keyof CaseCaps)[];
export type CaseCap = (typeof CASE_CAPS)[number];

export const NO_CASE_CAPS: Readonly<CaseCaps> = Object.freeze({
  intake: false,
  dispatcher: false,
  supervisor: false,
  leadUnit: false,
  assistUnit: false,
  reporter: false,
  system: false,
  reader: false,
});

export interface CaseFacts {
  state: CaseState;
  reopenCount: number;
  /** The community side handles it itself (after `start`). */
  selfHandled: boolean;
  hasPendingExtension: boolean;
  /** Status of the live lead assignment, if any. */
  leadStatus: AssignmentStatus | null;
  /** Status of the caller's unit's assist assignment, if any. */
  myAssistStatus: AssignmentStatus | null;
  /** The case's node has a parent at district level or below to go to. */
  canEscalate: boolean;
}

export type Decision =
  | { ok: true; to: CaseState; headReview?: boolean; reopen?: boolean }
  | { ok: false; code: 'CASE_INVALID_TRANSITION' | 'CASE_FORBIDDEN_ACTION' };

/** In which capacity a row lets the caller act; the server uses it to pick the assignment to update. */
export type CaseActingAs =
  | 'intake'
  | 'dispatcher'
  | 'supervisor'
  | 'lead'
  | 'assist'
  | 'self'
  | 'reporter'
  | 'system'
  | 'any';

type Target = CaseState | 'same' | ((facts: CaseFacts, input: { rating?: Rating }) => TargetResult);
interface TargetResult {
  to: CaseState;
  headReview?: boolean;
  reopen?: boolean;
}

export interface CaseTransitionRow {
  action: CaseAction;
  from: readonly CaseState[];
  as: CaseActingAs;
  /** Who may: a predicate on the caller (and, for self-handled cases, the case). */
  who: (caps: CaseCaps, facts: CaseFacts) => boolean;
  /** The condition the case must be in, whoever asks; absent = always. */
  when?: (facts: CaseFacts) => boolean;
  to: Target;
}

const ALL_BUT_MERGED = CASE_STATES.filter((s) => s !== 'merged');
const UNIT_STAGE: readonly CaseState[] = ['dispatched', 'in_progress'];
const anyCap = (c: CaseCaps) => CASE_CAPS.some((k) => c[k]);

function rateTarget(facts: CaseFacts, input: { rating?: Rating }): TargetResult {
  switch (input.rating) {
    case 'satisfied':
    case 'basically_satisfied':
      return { to: 'closed' };
    case 'unsatisfied':
      // 重办 at most MAX_REOPENS times; the next unsatisfied rating goes to the community head.
      return facts.reopenCount < MAX_REOPENS
        ? { to: 'in_progress', reopen: true }
        : { to: 'accepted', headReview: true };
    default:
      throw new TypeError(`rate needs input.rating (one of satisfied, basically_satisfied, unsatisfied)`);
  }
}

/** The whole workflow. Rows of one action are tried in order; the first for the caller whose condition holds wins. */
export const CASE_TRANSITIONS: readonly CaseTransitionRow[] = [
  { action: 'accept', from: ['collected'], as: 'intake', who: (c) => c.intake, to: 'accepted' },
  { action: 'reject', from: ['collected'], as: 'intake', who: (c) => c.intake, to: 'rejected' },
  { action: 'dispatch', from: ['accepted'], as: 'dispatcher', who: (c) => c.dispatcher, to: 'dispatched' },
  { action: 'start', from: ['accepted'], as: 'self', who: (c) => c.intake, to: 'in_progress' },
  {
    action: 'sign',
    from: UNIT_STAGE,
    as: 'lead',
    who: (c) => c.leadUnit,
    when: (f) => f.leadStatus === 'pending',
    to: 'in_progress',
  },
  {
    action: 'sign',
    from: UNIT_STAGE,
    as: 'assist',
    who: (c) => c.assistUnit,
    when: (f) => f.myAssistStatus === 'pending',
    to: 'same',
  },
  {
    action: 'return',
    from: UNIT_STAGE,
    as: 'lead',
    who: (c) => c.leadUnit,
    when: (f) => f.leadStatus === 'pending' || f.leadStatus === 'signed',
    to: 'accepted',
  },
  {
    action: 'return',
    from: UNIT_STAGE,
    as: 'assist',
    who: (c) => c.assistUnit,
    when: (f) => f.myAssistStatus === 'pending' || f.myAssistStatus === 'signed',
    to: 'same',
  },
  {
    action: 'reply',
    from: UNIT_STAGE,
    as: 'assist',
    who: (c) => c.assistUnit,
    when: (f) => f.myAssistStatus === 'signed',
    to: 'same',
  },
  {
    action: 'meeting',
    from: ['accepted', 'dispatched', 'in_progress'],
    as: 'intake',
    who: (c) => c.intake,
    to: 'same',
  },
  {
    action: 'meeting',
    from: ['accepted', 'dispatched', 'in_progress'],
    as: 'lead',
    who: (c) => c.leadUnit,
    // the lead unit takes part once it has signed
    when: (f) => f.leadStatus === 'signed',
    to: 'same',
  },
  {
    action: 'handle',
    from: ['in_progress'],
    as: 'lead',
    who: (c) => c.leadUnit,
    when: (f) => f.leadStatus === 'signed',
    to: 'handled',
  },
  {
    action: 'handle',
    from: ['in_progress'],
    as: 'self',
    who: (c, f) => c.intake && f.selfHandled,
    to: 'handled',
  },
  { action: 'feedback', from: ['handled'], as: 'intake', who: (c) => c.intake, to: 'awaiting_rating' },
  { action: 'rate', from: ['awaiting_rating'], as: 'reporter', who: (c) => c.reporter, to: rateTarget },
  { action: 'auto_close', from: ['awaiting_rating'], as: 'system', who: (c) => c.system, to: 'closed' },
  {
    action: 'escalate',
    from: ['collected', 'accepted'],
    as: 'intake',
    who: (c) => c.intake,
    when: (f) => f.canEscalate,
    to: 'same',
  },
  { action: 'merge', from: ['collected', 'accepted'], as: 'intake', who: (c) => c.intake, to: 'merged' },
  {
    action: 'request_extension',
    from: UNIT_STAGE,
    as: 'lead',
    who: (c) => c.leadUnit,
    when: (f) => f.leadStatus === 'signed' && !f.hasPendingExtension,
    to: 'same',
  },
  {
    action: 'request_extension',
    from: UNIT_STAGE,
    as: 'self',
    who: (c, f) => c.intake && f.selfHandled,
    when: (f) => !f.hasPendingExtension,
    to: 'same',
  },
  {
    action: 'approve_extension',
    from: UNIT_STAGE,
    as: 'dispatcher',
    who: (c) => c.dispatcher,
    when: (f) => f.hasPendingExtension,
    to: 'same',
  },
  {
    action: 'deny_extension',
    from: UNIT_STAGE,
    as: 'dispatcher',
    who: (c) => c.dispatcher,
    when: (f) => f.hasPendingExtension,
    to: 'same',
  },
  { action: 'supervise', from: OPEN_STATES, as: 'supervisor', who: (c) => c.supervisor, to: 'same' },
  { action: 'comment', from: ALL_BUT_MERGED, as: 'any', who: anyCap, to: 'same' },
];

const ROWS_BY_ACTION = new Map<CaseAction, CaseTransitionRow[]>(
  CASE_ACTIONS.map((a) => [a, CASE_TRANSITIONS.filter((r) => r.action === a)]),
);

type Match =
  | { ok: true; row: CaseTransitionRow }
  | { ok: false; code: 'CASE_INVALID_TRANSITION' | 'CASE_FORBIDDEN_ACTION' };

function match(action: CaseAction, facts: CaseFacts, caps: CaseCaps): Match {
  const rows = (ROWS_BY_ACTION.get(action) ?? []).filter((r) => r.from.includes(facts.state));
  if (rows.length === 0) return { ok: false, code: 'CASE_INVALID_TRANSITION' };
  const mine = rows.filter((r) => r.who(caps, facts));
  if (mine.length === 0) return { ok: false, code: 'CASE_FORBIDDEN_ACTION' };
  const row = mine.find((r) => !r.when || r.when(facts));
  return row ? { ok: true, row } : { ok: false, code: 'CASE_INVALID_TRANSITION' };
}

/**
 * The row that would carry out `action` for this caller, or null. Tells the server in which capacity the
 * caller acts (e.g. `sign` as lead or as assist) without changing the Decision shape.
 */
export function findCaseTransition(
  action: CaseAction,
  facts: CaseFacts,
  caps: CaseCaps,
): CaseTransitionRow | null {
  const m = match(action, facts, caps);
  return m.ok ? m.row : null;
}

/**
 * Whether `action` is allowed and where it leads. `rate` needs `input.rating` (a TypeError otherwise, once the
 * state and caller have been found fit — callers validate the body first).
 */
export function decide(
  action: CaseAction,
  facts: CaseFacts,
  caps: CaseCaps,
  input: { rating?: Rating } = {},
): Decision {
  const m = match(action, facts, caps);
  if (!m.ok) return m;
  const { to } = m.row;
  if (to === 'same') return { ok: true, to: facts.state };
  if (typeof to === 'string') return { ok: true, to };
  return { ok: true, ...to(facts, input) };
}

/** The actions `decide` would accept, in CASE_ACTIONS order (the order of the buttons). */
export function allowedActions(facts: CaseFacts, caps: CaseCaps): CaseAction[] {
  return CASE_ACTIONS.filter((a) => match(a, facts, caps).ok);
}
