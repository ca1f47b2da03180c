import type { CaseAction, CaseState, EventVisibility } from '../../../common/cases.js';
import type { Deps } from '../../context.js';
import type { Tx } from '../../db/create-db.js';

// The hook point for everything that reacts to a case's timeline (notifications, webhooks, the visits module):
// listeners run inside the transaction that wrote the event, right after it, so whatever they write commits or
// rolls back with the transition. A listener that throws aborts the transition; keep them small and put slow work
// (HTTP deliveries) in an outbox row the listener writes.

export interface CaseEventNotice {
  caseId: number;
  caseNumber: string;
  eventId: number;
  action: CaseAction | 'create';
  fromState: CaseState | null;
  toState: CaseState | null;
  nodeId: number;
  actorId: number | null;
  visibility: EventVisibility;
  at: string;
  /** Action fields worth reacting to (units dispatched to, rating, masterId, visitId …). */
  data: Record<string, unknown> | null;
}

export type CaseEventListener = (deps: Deps, tx: Tx, event: CaseEventNotice) => Promise<void> | void;

const listeners: CaseEventListener[] = [];

/** Registers a listener; returns a function that removes it (for tests). */
export function registerCaseEventListener(listener: CaseEventListener): () => void {
  listeners.push(listener);
  return () => {
    const i = listeners.indexOf(listener);
    if (i >= 0) listeners.splice(i, 1);
  };
}

/** Called by the cases service inside the transaction after each timeline event. */
export async function onCaseEvent(deps: Deps, tx: Tx, event: CaseEventNotice): Promise<void> {
  for (const l of listeners) await l(deps, tx, event);
}
