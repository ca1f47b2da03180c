import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  CASE_CAPS,
  CASE_TRANSITIONS,
  type CaseCap,
  type CaseCaps,
  type CaseFacts,
  type Decision,
  decide,
  findCaseTransition,
  NO_CASE_CAPS,
} from '../case-workflow';
import {
  ASSIGNMENT_STATUSES,
  type AssignmentStatus,
  CASE_ACTIONS,
  CASE_STATES,
  type CaseAction,
  type CaseState,
  RATINGS,
  type Rating,
} from '../cases';

const INVALID: Decision = { ok: false, code: 'CASE_INVALID_TRANSITION' };
const FORBIDDEN: Decision = { ok: false, code: 'CASE_FORBIDDEN_ACTION' };

function capsOf(...names: CaseCap[]): CaseCaps {
  const caps: CaseCaps = { ...NO_CASE_CAPS };
  for (const n of names) caps[n] = true;
  return caps;
}

/** All 2^8 capability sets. */
const ALL_CAP_SETS: CaseCaps[] = Array.from({ length: 1 << CASE_CAPS.length }, (_, mask) =>
  capsOf(...CASE_CAPS.filter((_, i) => mask & (1 << i))),
);

function facts(state: CaseState, over: Partial<CaseFacts> = {}): CaseFacts {
  return {
    state,
    reopenCount: 0,
    selfHandled: false,
    hasPendingExtension: false,
    leadStatus: null,
    myAssistStatus: null,
    canEscalate: true,
    ...over,
  };
}

/** What a case usually looks like in each state when it went through the units (not self-handled). */
const TYPICAL: Record<CaseState, CaseFacts> = {
  collected: facts('collected'),
  accepted: facts('accepted'),
  rejected: facts('rejected'),
  dispatched: facts('dispatched', { leadStatus: 'pending', myAssistStatus: 'pending' }),
  in_progress: facts('in_progress', { leadStatus: 'signed', myAssistStatus: 'signed' }),
  handled: facts('handled', { leadStatus: 'done', myAssistStatus: 'replied' }),
  awaiting_rating: facts('awaiting_rating', { leadStatus: 'done', myAssistStatus: 'replied' }),
  closed: facts('closed', { leadStatus: 'done', myAssistStatus: 'replied' }),
  merged: facts('merged'),
};

/**
 * The expected table, written out by hand from docs/domain/cases.md for the TYPICAL facts and one cap at a
 * time. An action missing under a state never applies there (CASE_INVALID_TRANSITION whoever asks); under a
 * listed action, a cap not listed is CASE_FORBIDDEN_ACTION, 'invalid' means the caller is right but the
 * case is not in the condition needed, otherwise the value is the target state. `rate` is with 'satisfied'.
 */
type Expect = Partial<Record<CaseCap, CaseState | 'invalid'>>;
const everyone = (s: CaseState): Expect => Object.fromEntries(CASE_CAPS.map((c) => [c, s]));
const EXPECTED: Record<CaseState, Partial<Record<CaseAction, Expect>>> = {
  collected: {
    accept: { intake: 'accepted' },
    reject: { intake: 'rejected' },
    escalate: { intake: 'collected' },
    merge: { intake: 'merged' },
    supervise: { supervisor: 'collected' },
    comment: everyone('collected'),
  },
  accepted: {
    dispatch: { dispatcher: 'dispatched' },
    start: { intake: 'in_progress' },
    meeting: { intake: 'accepted', leadUnit: 'invalid' }, // no signed lead
    escalate: { intake: 'accepted' },
    merge: { intake: 'merged' },
    supervise: { supervisor: 'accepted' },
    comment: everyone('accepted'),
  },
  rejected: {
    comment: everyone('rejected'),
  },
  dispatched: {
    sign: { leadUnit: 'in_progress', assistUnit: 'dispatched' },
    return: { leadUnit: 'accepted', assistUnit: 'dispatched' },
    reply: { assistUnit: 'invalid' }, // assist has not signed yet
    meeting: { intake: 'dispatched', leadUnit: 'invalid' }, // the lead has not signed yet
    request_extension: { leadUnit: 'invalid' }, // lead not signed yet; intake only when self-handled
    approve_extension: { dispatcher: 'invalid' }, // nothing pending
    deny_extension: { dispatcher: 'invalid' },
    supervise: { supervisor: 'dispatched' },
    comment: everyone('dispatched'),
  },
  in_progress: {
    sign: { leadUnit: 'invalid', assistUnit: 'invalid' }, // both signed already
    return: { leadUnit: 'accepted', assistUnit: 'in_progress' },
    reply: { assistUnit: 'in_progress' },
    meeting: { intake: 'in_progress', leadUnit: 'in_progress' },
    handle: { leadUnit: 'handled' }, // intake only when self-handled
    request_extension: { leadUnit: 'in_progress' },
    approve_extension: { dispatcher: 'invalid' },
    deny_extension: { dispatcher: 'invalid' },
    supervise: { supervisor: 'in_progress' },
    comment: everyone('in_progress'),
  },
  handled: {
    feedback: { intake: 'awaiting_rating' },
    supervise: { supervisor: 'handled' },
    comment: everyone('handled'),
  },
  awaiting_rating: {
    rate: { reporter: 'closed' },
    auto_close: { system: 'closed' },
    supervise: { supervisor: 'awaiting_rating' },
    comment: everyone('awaiting_rating'),
  },
  closed: {
    comment: everyone('closed'),
  },
  merged: {},
};

/** The same for a self-handled case (started by the community side) in progress. */
const SELF_IN_PROGRESS = facts('in_progress', { selfHandled: true });
const EXPECTED_SELF_IN_PROGRESS: Partial<Record<CaseAction, Expect>> = {
  // a unit holding a stray lead assignment is the right kind of caller, but there is no pending/signed lead
  sign: { leadUnit: 'invalid', assistUnit: 'invalid' },
  return: { leadUnit: 'invalid', assistUnit: 'invalid' },
  reply: { assistUnit: 'invalid' },
  meeting: { intake: 'in_progress', leadUnit: 'invalid' },
  handle: { intake: 'handled', leadUnit: 'invalid' },
  request_extension: { intake: 'in_progress', leadUnit: 'invalid' },
  approve_extension: { dispatcher: 'invalid' },
  deny_extension: { dispatcher: 'invalid' },
  supervise: { supervisor: 'in_progress' },
  comment: everyone('in_progress'),
};

/** A dispatched case whose lead unit already asked for more time. */
const DISPATCHED_EXTENSION = facts('dispatched', {
  leadStatus: 'pending',
  myAssistStatus: 'pending',
  hasPendingExtension: true,
});
const EXPECTED_DISPATCHED_EXTENSION: Partial<Record<CaseAction, Expect>> = {
  ...EXPECTED.dispatched,
  request_extension: { leadUnit: 'invalid' },
  approve_extension: { dispatcher: 'dispatched' },
  deny_extension: { dispatcher: 'dispatched' },
};

/** When several caps are held the lead unit's row comes first (a lead sign moves the case, an assist sign does not). */
const PRIORITY: CaseCap[] = ['leadUnit', ...CASE_CAPS.filter((c) => c !== 'leadUnit')];

function expectedFromTable(
  table: Partial<Record<CaseAction, Expect>>,
  action: CaseAction,
  caps: CaseCaps,
): Decision {
  const entry = table[action];
  if (!entry) return INVALID;
  const held = PRIORITY.filter((c) => caps[c] && entry[c] !== undefined);
  if (held.length === 0) return FORBIDDEN;
  const target = held.map((c) => entry[c]).find((t) => t !== 'invalid');
  return target ? { ok: true, to: target as CaseState } : INVALID;
}

/**
 * The oracle: docs/domain/cases.md written out plainly, one case per action, for any facts and caps.
 * Independent of the table in case-workflow.ts.
 */
function oracle(action: CaseAction, f: CaseFacts, c: CaseCaps, rating: Rating = 'satisfied'): Decision {
  const s = f.state;
  const ok = (to: CaseState, extra: { headReview?: boolean; reopen?: boolean } = {}): Decision => ({
    ok: true,
    to,
    ...extra,
  });
  const unitStage = s === 'dispatched' || s === 'in_progress';
  const isOpen = s !== 'rejected' && s !== 'closed' && s !== 'merged';
  switch (action) {
    case 'accept':
      if (s !== 'collected') return INVALID;
      return c.intake ? ok('accepted') : FORBIDDEN;
    case 'reject':
      if (s !== 'collected') return INVALID;
      return c.intake ? ok('rejected') : FORBIDDEN;
    case 'dispatch':
      if (s !== 'accepted') return INVALID;
      return c.dispatcher ? ok('dispatched') : FORBIDDEN;
    case 'start':
      if (s !== 'accepted') return INVALID;
      return c.intake ? ok('in_progress') : FORBIDDEN;
    case 'sign':
      if (!unitStage) return INVALID;
      if (!c.leadUnit && !c.assistUnit) return FORBIDDEN;
      if (c.leadUnit && f.leadStatus === 'pending') return ok('in_progress');
      if (c.assistUnit && f.myAssistStatus === 'pending') return ok(s);
      return INVALID;
    case 'return':
      if (!unitStage) return INVALID;
      if (!c.leadUnit && !c.assistUnit) return FORBIDDEN;
      if (c.leadUnit && (f.leadStatus === 'pending' || f.leadStatus === 'signed')) return ok('accepted');
      if (c.assistUnit && (f.myAssistStatus === 'pending' || f.myAssistStatus === 'signed')) return ok(s);
      return INVALID;
    case 'reply':
      if (!unitStage) return INVALID;
      if (!c.assistUnit) return FORBIDDEN;
      return f.myAssistStatus === 'signed' ? ok(s) : INVALID;
    case 'meeting':
      if (s !== 'accepted' && !unitStage) return INVALID;
      if (!c.intake && !c.leadUnit) return FORBIDDEN;
      // the lead unit only once it has signed
      return c.intake || f.leadStatus === 'signed' ? ok(s) : INVALID;
    case 'handle':
      if (s !== 'in_progress') return INVALID;
      if (c.leadUnit && f.leadStatus === 'signed') return ok('handled');
      if (c.intake && f.selfHandled) return ok('handled');
      return c.leadUnit ? INVALID : FORBIDDEN;
    case 'feedback':
      if (s !== 'handled') return INVALID;
      return c.intake ? ok('awaiting_rating') : FORBIDDEN;
    case 'rate':
      if (s !== 'awaiting_rating') return INVALID;
      if (!c.reporter) return FORBIDDEN;
      if (rating !== 'unsatisfied') return ok('closed');
      if (f.reopenCount < 2) return ok('in_progress', { reopen: true });
      return ok('accepted', { headReview: true });
    case 'auto_close':
      if (s !== 'awaiting_rating') return INVALID;
      return c.system ? ok('closed') : FORBIDDEN;
    case 'escalate':
      if (s !== 'collected' && s !== 'accepted') return INVALID;
      if (!c.intake) return FORBIDDEN;
      return f.canEscalate ? ok(s) : INVALID;
    case 'merge':
      if (s !== 'collected' && s !== 'accepted') return INVALID;
      return c.intake ? ok('merged') : FORBIDDEN;
    case 'request_extension':
      if (!unitStage) return INVALID;
      if (!c.leadUnit && !(c.intake && f.selfHandled)) return FORBIDDEN;
      if (f.hasPendingExtension) return INVALID;
      // the lead unit only once it has signed
      return (c.leadUnit && f.leadStatus === 'signed') || (c.intake && f.selfHandled) ? ok(s) : INVALID;
    case 'approve_extension':
    case 'deny_extension':
      if (!unitStage) return INVALID;
      if (!c.dispatcher) return FORBIDDEN;
      return f.hasPendingExtension ? ok(s) : INVALID;
    case 'supervise':
      if (!isOpen) return INVALID;
      return c.supervisor ? ok(s) : FORBIDDEN;
    case 'comment':
      if (s === 'merged') return INVALID;
      return Object.values(c).some(Boolean) ? ok(s) : FORBIDDEN;
  }
}

const STATUS_OR_NULL: Array<AssignmentStatus | null> = [null, ...ASSIGNMENT_STATUSES];

/** Every combination of facts that matters: reopen counts either side of the limit, every status. */
function* factGrid(state: CaseState): Generator<CaseFacts> {
  for (const reopenCount of [0, 1, 2, 3])
    for (const selfHandled of [false, true])
      for (const hasPendingExtension of [false, true])
        for (const leadStatus of STATUS_OR_NULL)
          for (const myAssistStatus of STATUS_OR_NULL)
            for (const canEscalate of [false, true])
              yield {
                state,
                reopenCount,
                selfHandled,
                hasPendingExtension,
                leadStatus,
                myAssistStatus,
                canEscalate,
              };
}

const SINGLE_CAP_SETS: CaseCaps[] = [NO_CASE_CAPS, ...CASE_CAPS.map((c) => capsOf(c)), capsOf(...CASE_CAPS)];

const describeCaps = (c: CaseCaps) => CASE_CAPS.filter((k) => c[k]).join('+') || 'none';

const factsArb: fc.Arbitrary<CaseFacts> = fc.record({
  state: fc.constantFrom(...CASE_STATES),
  reopenCount: fc.integer({ min: 0, max: 5 }),
  selfHandled: fc.boolean(),
  hasPendingExtension: fc.boolean(),
  leadStatus: fc.constantFrom(...STATUS_OR_NULL),
  myAssistStatus: fc.constantFrom(...STATUS_OR_NULL),
  canEscalate: fc.boolean(),
});
const capsArb: fc.Arbitrary<CaseCaps> = fc.record(
  Object.fromEntries(CASE_CAPS.map((c) => [c, fc.boolean()])) as Record<CaseCap, fc.Arbitrary<boolean>>,
);

describe('the workflow table against the hand-written expected table', () => {
  it.each(CASE_STATES)(
    'when a typical %s case is acted on with each of the 2^8 cap sets, then every action gives the expected decision',
    (state) => {
      for (const action of CASE_ACTIONS) {
        for (const caps of ALL_CAP_SETS) {
          const got = decide(action, TYPICAL[state], caps, { rating: 'satisfied' });
          expect(got, `${state} ${action} ${describeCaps(caps)}`).toEqual(
            expectedFromTable(EXPECTED[state], action, caps),
          );
        }
      }
    },
  );

  it('when a self-handled case in progress is acted on with each cap set, then only the community side handles it', () => {
    for (const action of CASE_ACTIONS) {
      for (const caps of ALL_CAP_SETS) {
        expect(decide(action, SELF_IN_PROGRESS, caps), `${action} ${describeCaps(caps)}`).toEqual(
          expectedFromTable(EXPECTED_SELF_IN_PROGRESS, action, caps),
        );
      }
    }
  });

  it('when a dispatched case has an extension pending, then only the dispatcher decides it and no second one is asked', () => {
    for (const action of CASE_ACTIONS) {
      for (const caps of ALL_CAP_SETS) {
        expect(decide(action, DISPATCHED_EXTENSION, caps), `${action} ${describeCaps(caps)}`).toEqual(
          expectedFromTable(EXPECTED_DISPATCHED_EXTENSION, action, caps),
        );
      }
    }
  });

  it('when the hand-written table and the oracle are compared on the typical facts, then they agree', () => {
    for (const state of CASE_STATES)
      for (const action of CASE_ACTIONS)
        for (const caps of ALL_CAP_SETS)
          expect(oracle(action, TYPICAL[state], caps), `${state} ${action} ${describeCaps(caps)}`).toEqual(
            expectedFromTable(EXPECTED[state], action, caps),
          );
  });
});

describe('the workflow table against the oracle, exhaustively', () => {
  it.each(CASE_STATES)(
    'when a %s case with any facts is acted on by no cap, each single cap or all caps, then decide matches the oracle',
    (state) => {
      for (const f of factGrid(state)) {
        for (const caps of SINGLE_CAP_SETS) {
          for (const action of CASE_ACTIONS) {
            const ratings: readonly Rating[] = action === 'rate' ? RATINGS : ['satisfied'];
            for (const rating of ratings) {
              const got = decide(action, f, caps, { rating });
              const want = oracle(action, f, caps, rating);
              if (got.ok !== want.ok || JSON.stringify(got) !== JSON.stringify(want)) {
                expect(got, `${action} ${rating} ${describeCaps(caps)} ${JSON.stringify(f)}`).toEqual(want);
              }
            }
          }
        }
      }
    },
  );

  it('when any facts, caps, action and rating are drawn, then decide matches the oracle', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_ACTIONS),
        factsArb,
        capsArb,
        fc.constantFrom(...RATINGS),
        (action, f, caps, rating) => {
          expect(decide(action, f, caps, { rating })).toEqual(oracle(action, f, caps, rating));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('workflow properties', () => {
  it('when any facts and caps are drawn, then allowedActions contains an action exactly when decide accepts it', () => {
    fc.assert(
      fc.property(factsArb, capsArb, fc.constantFrom(...RATINGS), (f, caps, rating) => {
        const allowed = allowedActions(f, caps);
        for (const a of CASE_ACTIONS) {
          expect(allowed.includes(a), a).toBe(decide(a, f, caps, { rating }).ok);
        }
        expect(allowed).toEqual(CASE_ACTIONS.filter((a) => allowed.includes(a)));
      }),
      { numRuns: 2000 },
    );
  });

  it('when a case is rejected or closed, then only comment is allowed; when merged, nothing', () => {
    fc.assert(
      fc.property(factsArb, capsArb, (f, caps) => {
        const anyCap = CASE_CAPS.some((c) => caps[c]);
        expect(allowedActions({ ...f, state: 'rejected' }, caps)).toEqual(anyCap ? ['comment'] : []);
        expect(allowedActions({ ...f, state: 'closed' }, caps)).toEqual(anyCap ? ['comment'] : []);
        expect(allowedActions({ ...f, state: 'merged' }, caps)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('when any action is decided on a terminal case, then it never leaves that state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_ACTIONS),
        factsArb,
        fc.constantFrom<CaseState>('rejected', 'closed', 'merged'),
        capsArb,
        fc.constantFrom(...RATINGS),
        (action, f, state, caps, rating) => {
          const d = decide(action, { ...f, state }, caps, { rating });
          if (d.ok) {
            expect(action).toBe('comment');
            expect(state).not.toBe('merged');
            expect(d.to).toBe(state);
          } else {
            expect(d.code).toBe(
              action === 'comment' && state !== 'merged'
                ? 'CASE_FORBIDDEN_ACTION'
                : 'CASE_INVALID_TRANSITION',
            );
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('when the table has no row for an action in a state, then every cap set and every facts get CASE_INVALID_TRANSITION', () => {
    const pairsWithRow = new Set<string>();
    for (const state of CASE_STATES) {
      for (const action of CASE_ACTIONS) {
        if (CASE_TRANSITIONS.some((r) => r.action === action && r.from.includes(state))) {
          pairsWithRow.add(`${state} ${action}`);
          continue;
        }
        for (const f of factGrid(state))
          for (const caps of SINGLE_CAP_SETS) {
            const d = decide(action, f, caps, { rating: 'unsatisfied' });
            if (d.ok || d.code !== 'CASE_INVALID_TRANSITION')
              expect(d, `${state} ${action}`).toEqual(INVALID);
          }
      }
    }
    // the pairs the table covers are exactly those the hand-written expected table lists (41 of 9 x 19)
    const listed = CASE_STATES.flatMap((s) => Object.keys(EXPECTED[s]).map((a) => `${s} ${a}`));
    expect([...pairsWithRow].sort()).toEqual(listed.sort());
    expect(pairsWithRow.size).toBe(41);
  });

  it('when a reader alone asks, then it may only comment, in every state but merged', () => {
    const reader = capsOf('reader');
    for (const state of CASE_STATES) {
      for (const f of factGrid(state)) {
        expect(allowedActions(f, reader)).toEqual(state === 'merged' ? [] : ['comment']);
      }
    }
  });

  it('when a success targets a state, then the target is reachable only through rows of the table', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_ACTIONS),
        factsArb,
        capsArb,
        fc.constantFrom(...RATINGS),
        (a, f, c, r) => {
          const d = decide(a, f, c, { rating: r });
          const row = findCaseTransition(a, f, c);
          expect(row !== null).toBe(d.ok);
          if (row) {
            expect(row.action).toBe(a);
            expect(row.from).toContain(f.state);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('workflow stories', () => {
  const intake = capsOf('intake');
  const dispatcher = capsOf('intake', 'dispatcher');
  const lead = capsOf('leadUnit');
  const assist = capsOf('assistUnit');
  const reporter = capsOf('reporter');

  it('when the leaking flat goes the whole way, then each step lands in the documented state', () => {
    expect(decide('accept', facts('collected'), intake)).toEqual({ ok: true, to: 'accepted' });
    expect(decide('dispatch', facts('accepted'), dispatcher)).toEqual({ ok: true, to: 'dispatched' });
    const dispatched = facts('dispatched', { leadStatus: 'pending', myAssistStatus: 'pending' });
    expect(decide('sign', dispatched, assist)).toEqual({ ok: true, to: 'dispatched' });
    expect(findCaseTransition('sign', dispatched, assist)?.as).toBe('assist');
    expect(decide('sign', dispatched, lead)).toEqual({ ok: true, to: 'in_progress' });
    expect(findCaseTransition('sign', dispatched, lead)?.as).toBe('lead');
    const inProgress = facts('in_progress', { leadStatus: 'signed', myAssistStatus: 'signed' });
    expect(decide('meeting', inProgress, intake)).toEqual({ ok: true, to: 'in_progress' });
    expect(decide('reply', inProgress, assist)).toEqual({ ok: true, to: 'in_progress' });
    expect(decide('handle', inProgress, lead)).toEqual({ ok: true, to: 'handled' });
    expect(decide('feedback', facts('handled'), intake)).toEqual({ ok: true, to: 'awaiting_rating' });
    expect(decide('rate', facts('awaiting_rating'), reporter, { rating: 'satisfied' })).toEqual({
      ok: true,
      to: 'closed',
    });
  });

  it('when the resident is unsatisfied three times, then it is reopened twice and then goes to the community head', () => {
    const waiting = (reopenCount: number) => facts('awaiting_rating', { reopenCount, leadStatus: 'done' });
    expect(decide('rate', waiting(0), reporter, { rating: 'unsatisfied' })).toEqual({
      ok: true,
      to: 'in_progress',
      reopen: true,
    });
    expect(decide('rate', waiting(1), reporter, { rating: 'unsatisfied' })).toEqual({
      ok: true,
      to: 'in_progress',
      reopen: true,
    });
    expect(decide('rate', waiting(2), reporter, { rating: 'unsatisfied' })).toEqual({
      ok: true,
      to: 'accepted',
      headReview: true,
    });
    expect(decide('rate', waiting(2), reporter, { rating: 'basically_satisfied' })).toEqual({
      ok: true,
      to: 'closed',
    });
    // back at the community node, the head may dispatch again or settle it locally
    expect(allowedActions(facts('accepted', { reopenCount: 2 }), dispatcher)).toEqual([
      'dispatch',
      'start',
      'meeting',
      'escalate',
      'merge',
      'comment',
    ]);
  });

  it('when the rating is not the reporter’s, then rate is forbidden; without a rating it is a programming error', () => {
    expect(decide('rate', facts('awaiting_rating'), intake, { rating: 'satisfied' })).toEqual(FORBIDDEN);
    expect(() => decide('rate', facts('awaiting_rating'), reporter)).toThrow(TypeError);
    expect(decide('rate', facts('closed'), reporter)).toEqual(INVALID);
  });

  it('when the lead unit returns a wrong dispatch, then the case goes back for re-dispatch; an assist return keeps it', () => {
    const dispatched = facts('dispatched', { leadStatus: 'pending', myAssistStatus: 'pending' });
    expect(decide('return', dispatched, lead)).toEqual({ ok: true, to: 'accepted' });
    expect(decide('return', dispatched, assist)).toEqual({ ok: true, to: 'dispatched' });
    expect(decide('return', { ...dispatched, leadStatus: 'returned' }, lead)).toEqual(INVALID);
    expect(decide('return', dispatched, intake)).toEqual(FORBIDDEN);
  });

  it('when the same unit is both lead and assist, then the lead row wins', () => {
    const dispatched = facts('dispatched', { leadStatus: 'pending', myAssistStatus: 'pending' });
    const both = capsOf('leadUnit', 'assistUnit');
    expect(decide('sign', dispatched, both)).toEqual({ ok: true, to: 'in_progress' });
    expect(decide('sign', { ...dispatched, leadStatus: 'signed' }, both)).toEqual({
      ok: true,
      to: 'dispatched',
    });
    expect(findCaseTransition('sign', { ...dispatched, leadStatus: 'signed' }, both)?.as).toBe('assist');
  });

  it('when the case is handled by the community itself, then intake handles and asks for extensions, not otherwise', () => {
    const self = facts('in_progress', { selfHandled: true });
    expect(decide('handle', self, intake)).toEqual({ ok: true, to: 'handled' });
    expect(findCaseTransition('handle', self, intake)?.as).toBe('self');
    expect(decide('request_extension', self, intake)).toEqual({ ok: true, to: 'in_progress' });
    expect(decide('request_extension', { ...self, hasPendingExtension: true }, intake)).toEqual(INVALID);
    const unit = facts('in_progress', { leadStatus: 'signed' });
    expect(decide('handle', unit, intake)).toEqual(FORBIDDEN);
    expect(decide('request_extension', unit, intake)).toEqual(FORBIDDEN);
  });

  it('when the lead unit has not signed yet, then it is offered neither 申请延期 nor 协调会, only after signing', () => {
    const lead = capsOf('leadUnit');
    const pending = facts('dispatched', { leadStatus: 'pending' });
    expect(allowedActions(pending, lead)).toEqual(['sign', 'return', 'comment']);
    expect(decide('request_extension', pending, lead)).toEqual(INVALID);
    expect(decide('meeting', pending, lead)).toEqual(INVALID);
    const signed = facts('in_progress', { leadStatus: 'signed' });
    expect(allowedActions(signed, lead)).toEqual(
      expect.arrayContaining(['meeting', 'handle', 'request_extension']),
    );
    // the community side still calls a meeting before the unit signs
    expect(decide('meeting', pending, intake)).toEqual({ ok: true, to: 'dispatched' });
  });

  it('when the node has no parent within the district, then escalate does not apply', () => {
    expect(decide('escalate', facts('collected', { canEscalate: false }), intake)).toEqual(INVALID);
    expect(decide('escalate', facts('collected', { canEscalate: false }), capsOf('reader'))).toEqual(
      FORBIDDEN,
    );
  });

  it('when the scheduler closes an unrated case, then only the system may', () => {
    expect(decide('auto_close', facts('awaiting_rating'), capsOf('system'))).toEqual({
      ok: true,
      to: 'closed',
    });
    expect(
      decide('auto_close', facts('awaiting_rating'), capsOf(...CASE_CAPS.filter((c) => c !== 'system'))),
    ).toEqual(FORBIDDEN);
  });

  it('when a supervisor looks at a case, then supervise is offered in every open state and no other', () => {
    const sup = capsOf('supervisor');
    for (const state of CASE_STATES) {
      expect(allowedActions(TYPICAL[state], sup).includes('supervise'), state).toBe(
        !['rejected', 'closed', 'merged'].includes(state),
      );
    }
  });
});
