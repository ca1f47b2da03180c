import type { WarningLevel } from '../../../common/case-deadlines.js';
import type {
  AssignmentRole,
  AssignmentStatus,
  CaseAction,
  CaseSource,
  CaseState,
  ClosedBy,
  EventVisibility,
  Rating,
  Urgency,
} from '../../../common/cases.js';
import type { Locale } from '../../../common/i18n.js';
import { maskName, maskPhone } from '../../../common/masking.js';
import type { FieldCrypto } from '../../lib/field-crypto.js';
import { liveWarning } from './cases.policy.js';
import type * as repo from './cases.repository.js';

// Rows → API shapes of docs/api-cases.md. Masking happens here, on the server: the reporter's phone is only ever
// shown masked, the name in full only to staff who read people there and to the reporter.

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

export interface AssignmentView {
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

export interface MeetingView {
  id: number;
  heldAt: string;
  place: string | null;
  attendees: string[];
  decisions: string;
  actionItems: Array<{ who: string; what: string; by: string | null }>;
}

export interface FileView {
  id: number;
  eventId: number | null;
  filename: string;
  mime: string;
  size: number;
  url: string;
}

export interface TimelineView {
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

export interface CaseDetail extends CaseSummary {
  description: string;
  householdId: number | null;
  buildingId: number | null;
  lat: number | null;
  lng: number | null;
  reporter: {
    kind: 'resident' | 'user' | 'anonymous';
    name: string | null;
    phoneMasked: string | null;
  } | null;
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
  visitId: number | null;
  assignments: AssignmentView[];
  meetings: MeetingView[];
  extension: { id: number; days: number; reason: string; state: 'pending' | 'approved' | 'denied' } | null;
  rating: { rating: Rating; resolved: boolean; comment: string | null; at: string } | null;
  files: FileView[];
  timeline: TimelineView[];
  duplicates: CaseSummary[];
  allowedActions: CaseAction[];
}

export interface PresentOptions {
  locale: Locale;
  now: Date;
  /** Whether this viewer sees the reporter's full name on this row. */
  showName: (r: { node_path: string; reporter_user_id: number | null }) => boolean;
}

const pick = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function presentSummary(r: repo.CaseSummaryRow, o: PresentOptions): CaseSummary {
  const name = r.reporter_name;
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    categoryId: r.category_id,
    categoryCode: r.category_code,
    categoryName: pick(o.locale, r.category_name_zh, r.category_name_en),
    source: r.source as CaseSource,
    urgency: r.urgency as Urgency,
    state: r.state as CaseState,
    nodeId: r.node_id,
    nodeName: r.node_name,
    address: r.address,
    roomLabel: r.room_label,
    reporterName: name === null ? null : o.showName(r) ? name : maskName(name),
    createdAt: r.created_at,
    responseDueAt: r.response_due_at,
    handlingDueAt: r.handling_due_at,
    warning: liveWarning(
      {
        state: r.state as CaseState,
        contactedAt: r.contacted_at,
        hasReporter: r.reporter_kind !== null,
        clockStartAt: r.clock_start_at,
        responseDueAt: r.response_due_at,
        handlingDueAt: r.handling_due_at,
      },
      o.now,
    ),
    supervised: r.supervised === 1,
    reopenCount: r.reopen_count,
    leadUnitName:
      r.lead_unit_name_zh === null ? null : pick(o.locale, r.lead_unit_name_zh, r.lead_unit_name_en ?? ''),
    version: r.version,
  };
}

export const fileUrl = (caseId: number, fileId: number) => `/api/cases/${caseId}/files/${fileId}`;

export function presentFile(f: {
  id: number;
  case_id: number;
  event_id: number | null;
  file_name: string;
  mime: string;
  size: number;
}): FileView {
  return {
    id: f.id,
    eventId: f.event_id,
    filename: f.file_name,
    mime: f.mime,
    size: f.size,
    url: fileUrl(f.case_id, f.id),
  };
}

export function presentEvent(e: repo.EventRow): TimelineView {
  return {
    id: e.id,
    at: e.at,
    action: e.action as CaseAction | 'create',
    fromState: e.from_state as CaseState | null,
    toState: e.to_state as CaseState | null,
    actorName: e.actor_name,
    actorRole: e.actor_role,
    note: e.note,
    visibility: e.visibility as EventVisibility,
    fileIds: parseJson<number[]>(e.file_ids, []),
    data: parseJson<Record<string, unknown> | null>(e.data, null),
  };
}

export interface DetailParts {
  row: repo.CaseRow;
  assignments: repo.AssignmentRow[];
  meetings: Awaited<ReturnType<typeof repo.meetingsOf>>;
  extensions: Awaited<ReturnType<typeof repo.extensionsOf>>;
  ratings: Awaited<ReturnType<typeof repo.ratingsOf>>;
  files: Awaited<ReturnType<typeof repo.filesOf>>;
  events: repo.EventRow[];
  duplicates: CaseSummary[];
  allowedActions: CaseAction[];
  /** Sees internal events and every file; otherwise public events and their files (and own uploads). */
  seesInternal: boolean;
  viewerId: number;
}

export function presentDetail(p: DetailParts, crypto: FieldCrypto, o: PresentOptions): CaseDetail {
  const r = p.row;
  const events = p.seesInternal ? p.events : p.events.filter((e) => e.visibility === 'public');
  const publicEventIds = new Set(events.map((e) => e.id));
  const files = p.seesInternal
    ? p.files
    : p.files.filter((f) =>
        f.event_id === null ? f.uploaded_by === p.viewerId : publicEventIds.has(f.event_id),
      );
  const ext = p.extensions.at(-1);
  const rating = p.ratings.at(-1);
  const showName = o.showName(r);
  return {
    ...presentSummary(r, o),
    description: r.description,
    householdId: r.household_id,
    buildingId: r.building_id,
    lat: r.lat,
    lng: r.lng,
    reporter:
      r.reporter_kind === null
        ? null
        : {
            kind: r.reporter_kind as 'resident' | 'user' | 'anonymous',
            name: r.reporter_name === null ? null : showName ? r.reporter_name : maskName(r.reporter_name),
            phoneMasked: r.reporter_phone_enc ? maskPhone(crypto.decrypt(r.reporter_phone_enc)) : null,
          },
    rejectReason: r.reject_reason,
    result: r.result,
    masterId: r.master_id,
    masterNumber: r.master_number,
    externalId: p.seesInternal ? r.external_id : null,
    headReview: r.head_review === 1,
    closedBy: r.closed_by as ClosedBy | null,
    acceptedAt: r.accepted_at,
    contactedAt: r.contacted_at,
    dispatchedAt: r.dispatched_at,
    handledAt: r.handled_at,
    feedbackAt: r.feedback_at,
    closedAt: r.closed_at,
    visitId: p.seesInternal ? r.visit_id : null,
    assignments: p.assignments.map((a) => ({
      id: a.id,
      unitId: a.unit_id,
      unitName: pick(o.locale, a.unit_name_zh, a.unit_name_en),
      role: a.role as AssignmentRole,
      status: a.status as AssignmentStatus,
      dueAt: a.due_at,
      signedAt: a.signed_at,
      reply: p.seesInternal ? a.reply : null,
      returnReason: p.seesInternal ? a.return_reason : null,
    })),
    meetings: p.meetings.map((m) => ({
      id: m.id,
      heldAt: m.held_at,
      place: m.place,
      attendees: parseJson<string[]>(m.attendees, []),
      decisions: m.decisions,
      actionItems: parseJson<MeetingView['actionItems']>(m.action_items, []),
    })),
    extension:
      ext && p.seesInternal
        ? {
            id: ext.id,
            days: ext.days,
            reason: ext.reason,
            state: ext.state as 'pending' | 'approved' | 'denied',
          }
        : null,
    rating: rating
      ? {
          rating: rating.rating as Rating,
          resolved: rating.resolved === 1,
          comment: rating.comment,
          at: rating.at,
        }
      : null,
    files: files.map(presentFile),
    timeline: events.map(presentEvent),
    duplicates: p.duplicates,
    allowedActions: p.allowedActions,
  };
}
