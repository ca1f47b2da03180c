import type { CaseAction } from '../../../common/cases.js';
import type { LocalizedText } from '../../../common/i18n.js';

// PURE: who hears about which case event (docs/notifications-webhooks.md "Who is notified"). The service turns the
// groups into user ids; the acting user is never notified of their own act.

export const NOTIFICATION_KINDS = [
  'new_task',
  'returned',
  'supervised',
  'rated',
  'deadline_yellow',
  'deadline_red',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Readonly<Record<NotificationKind, LocalizedText>> = {
  new_task: { zh: '新任务', en: 'New task' },
  returned: { zh: '被退回', en: 'Returned' },
  supervised: { zh: '督办', en: 'Supervised' },
  rated: { zh: '已评价', en: 'Rated' },
  deadline_yellow: { zh: '即将到期', en: 'Deadline near' },
  deadline_red: { zh: '已超期', en: 'Overdue' },
};

/**
 * Recipient groups:
 * - `intake`: the intake staff of the case's node — grid workers of its grid (and micro-grid), community staff of its
 *   community (or of the street / district node an escalated case now sits at);
 * - `dispatchedUnits`: members of the units this dispatch assigned (lead and assisting);
 * - `leadUnit`: members of the case's lead unit;
 * - `dispatcher`: whoever made the last dispatch.
 */
export type RecipientGroup = 'intake' | 'dispatchedUnits' | 'leadUnit' | 'dispatcher';

export interface NoticePlan {
  kind: NotificationKind;
  groups: readonly RecipientGroup[];
}

/**
 * The notice one timeline event produces, or null. Accept, start, sign and the rest add nobody: the people who must
 * act next already hold the case in their inbox.
 */
export function noticeFor(action: CaseAction | 'create'): NoticePlan | null {
  switch (action) {
    case 'create':
    case 'escalate':
      return { kind: 'new_task', groups: ['intake'] };
    case 'dispatch':
      return { kind: 'new_task', groups: ['dispatchedUnits'] };
    case 'return':
      return { kind: 'returned', groups: ['dispatcher'] };
    case 'supervise':
      return { kind: 'supervised', groups: ['leadUnit', 'intake'] };
    case 'rate':
      return { kind: 'rated', groups: ['leadUnit', 'intake'] };
    default:
      return null;
  }
}

/** Deadline alerts go to whoever holds the case: the lead unit, the community-side self-handler, else intake staff. */
export type DeadlineHolder = 'leadUnit' | 'selfHandler' | 'intake';

export function deadlineHolder(c: {
  leadUnitId: number | null;
  selfHandled: boolean;
  state: string;
}): DeadlineHolder {
  if (c.leadUnitId !== null && (c.state === 'dispatched' || c.state === 'in_progress')) return 'leadUnit';
  if (c.selfHandled) return 'selfHandler';
  return 'intake';
}

/** Intake staff of a node, from the levels along its path: grid workers below the community, staff at the community. */
export function intakeNodes(pathNodes: ReadonlyArray<{ id: number; level: string }>): {
  gridNodeIds: number[];
  staffNodeId: number | null;
} {
  const gridNodeIds = pathNodes.filter((n) => n.level === 'grid' || n.level === 'microgrid').map((n) => n.id);
  const upper = pathNodes.filter((n) => n.level !== 'grid' && n.level !== 'microgrid');
  return { gridNodeIds, staffNodeId: upper.length ? upper[upper.length - 1].id : null };
}
