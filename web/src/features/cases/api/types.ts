import type {
  AssignmentRole,
  AssignmentStatus,
  CaseAction,
  CaseSource,
  CaseState,
  ClosedBy,
  EventVisibility,
  Rating,
  TimeUnit,
  Urgency,
} from '../../../../../common/cases';
import type { LocalizedText } from '../../../../../common/i18n';

/** Shapes of /api/cases (docs/api-cases.md). */

export type WarningLevel = 'ok' | 'yellow' | 'red';

export interface CaseSummary {
  id: number;
  number: string;
  title: string;
  categoryId: number;
  categoryCode: string;
  categoryName: string;
  source: CaseSource;
  urgency: Urgency;
  state: CaseState;
  nodeId: number;
  nodeName: string;
  address: string | null;
  roomLabel: string | null;
  /** Masked unless it is the caller's own case. */
  reporterName: string | null;
  createdAt: string;
  responseDueAt: string | null;
  handlingDueAt: string | null;
  warning: WarningLevel;
  supervised: boolean;
  reopenCount: number;
  leadUnitName: string | null;
  version: number;
}

export interface CaseAssignment {
  id: number;
  unitId: number;
  unitName: string;
  role: AssignmentRole;
  status: AssignmentStatus;
  dueAt: string | null;
  signedAt: string | null;
  reply: string | null;
  returnReason: string | null;
}

export interface MeetingActionItem {
  who: string;
  what: string;
  by: string | null;
}

export interface CaseMeeting {
  id: number;
  heldAt: string;
  place: string | null;
  attendees: string[];
  decisions: string;
  actionItems: MeetingActionItem[];
}

export interface CaseExtension {
  id: number;
  days: number;
  reason: string;
  state: 'pending' | 'approved' | 'denied';
}

export interface CaseRating {
  rating: Rating;
  resolved: boolean;
  comment: string | null;
  at: string;
}

export interface CaseFile {
  id: number;
  eventId: number | null;
  filename: string;
  mime: string;
  size: number;
  url: string;
}

export interface CaseEvent {
  id: number;
  at: string;
  action: CaseAction | 'create';
  fromState: CaseState | null;
  toState: CaseState | null;
  actorName: string;
  actorRole: string | null;
  note: string | null;
  visibility: EventVisibility;
  fileIds: number[];
  data: Record<string, unknown> | null;
}

export interface CaseReporter {
  kind: 'resident' | 'user' | 'anonymous';
  name: string | null;
  phoneMasked: string | null;
}

export interface CaseDetail extends CaseSummary {
  description: string;
  householdId: number | null;
  buildingId: number | null;
  lat: number | null;
  lng: number | null;
  reporter: CaseReporter | null;
  rejectReason: string | null;
  result: string | null;
  masterId: number | null;
  masterNumber: string | null;
  externalId: string | null;
  headReview: boolean;
  closedBy: ClosedBy | null;
  acceptedAt: string | null;
  contactedAt: string | null;
  dispatchedAt: string | null;
  handledAt: string | null;
  feedbackAt: string | null;
  closedAt: string | null;
  assignments: CaseAssignment[];
  meetings: CaseMeeting[];
  extension: CaseExtension | null;
  rating: CaseRating | null;
  files: CaseFile[];
  timeline: CaseEvent[];
  duplicates: CaseSummary[];
  allowedActions: CaseAction[];
}

export interface PageResponse<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CaseLimit {
  amount: number;
  unit: TimeUnit;
}

/** One category of the tree in /api/cases/meta. Names may come localised as a pair or a plain string. */
export interface CaseCategory {
  id: number;
  code: string;
  parentId: number | null;
  name: LocalizedText | string;
  sort?: number;
  active?: boolean;
  responseLimits?: Partial<Record<Urgency, CaseLimit>>;
  handlingLimits?: Partial<Record<Urgency, CaseLimit>>;
  defaultUnitId?: number | null;
  defaultUnitCode?: string | null;
  children?: CaseCategory[];
}

export interface CaseUnit {
  id: number;
  code: string;
  name: LocalizedText | string;
  kind?: string;
  active?: boolean;
}

export interface CaseMeta {
  categories: CaseCategory[];
  units: CaseUnit[];
}

export interface BoardColumn {
  state: CaseState;
  count: number;
  items: CaseSummary[];
}

export interface CaseBoard {
  columns: BoardColumn[];
}

export type CaseView = 'inbox' | 'all';

export interface CaseListFilters {
  view: CaseView;
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

export interface CreateCaseInput {
  title: string;
  description: string;
  categoryId: number;
  source: CaseSource;
  urgency: Urgency;
  nodeId?: number;
  householdId?: number;
  buildingId?: number;
  address?: string;
  lat?: number;
  lng?: number;
  reporter?: { residentId?: number; name?: string; phone?: string };
  visitId?: number;
}

export interface DuplicateQuery {
  nodeId?: number;
  householdId?: number;
  buildingId?: number;
  categoryId?: number;
  text?: string;
}

/** Body of POST /api/cases/:id/actions/:action: the version read, plus the action's own fields. */
export interface CaseActionBody {
  version: number;
  note?: string;
  visibility?: EventVisibility;
  [field: string]: unknown;
}

export interface BulkDispatchInput {
  ids: number[];
  leadUnitId: number;
  assistUnitIds?: number[];
  note?: string;
}

export interface BulkDispatchResult {
  id: number;
  ok: boolean;
  number?: string;
  code?: string;
  state?: CaseState;
}
