import type { LocalizedText } from './i18n';

/** Vocabularies of the case loop (事件闭环), docs/domain/cases.md. */

export const CASE_STATES = [
  'collected',
  'accepted',
  'rejected',
  'dispatched',
  'in_progress',
  'handled',
  'awaiting_rating',
  'closed',
  'merged',
] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Readonly<Record<CaseState, LocalizedText>> = {
  collected: { zh: '待受理', en: 'Collected' },
  accepted: { zh: '已受理', en: 'Accepted' },
  rejected: { zh: '不予受理', en: 'Rejected' },
  dispatched: { zh: '已分办', en: 'Dispatched' },
  in_progress: { zh: '处置中', en: 'In progress' },
  handled: { zh: '已处置', en: 'Handled' },
  awaiting_rating: { zh: '待评价', en: 'Awaiting rating' },
  closed: { zh: '已办结', en: 'Closed' },
  merged: { zh: '已合并', en: 'Merged' },
};

/** States nothing more happens in (except comments on rejected / closed). */
export const TERMINAL_STATES: readonly CaseState[] = ['rejected', 'closed', 'merged'];
/** Every state a case still moves from: all but rejected, closed and merged. */
export const OPEN_STATES: readonly CaseState[] = CASE_STATES.filter((s) => !TERMINAL_STATES.includes(s));

export function isOpenState(state: CaseState): boolean {
  return OPEN_STATES.includes(state);
}

export const CASE_SOURCES = [
  'resident',
  'grid_worker',
  'visit',
  'petition_agent',
  'hotline_12345',
  'open311',
  'deliberation',
  'inspection',
] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CASE_SOURCE_LABELS: Readonly<Record<CaseSource, LocalizedText>> = {
  resident: { zh: '居民上报', en: 'Resident report' },
  grid_worker: { zh: '网格员上报', en: 'Grid worker report' },
  visit: { zh: '走访发现', en: 'Found on a visit' },
  petition_agent: { zh: '信访代理', en: 'Petition agent' },
  hotline_12345: { zh: '12345热线', en: '12345 hotline' },
  open311: { zh: 'Open311客户端', en: 'Open311 client' },
  deliberation: { zh: '议事协商', en: 'Deliberation meeting' },
  inspection: { zh: '巡查发现', en: 'Found on inspection' },
};

export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Readonly<Record<Urgency, LocalizedText>> = {
  normal: { zh: '一般', en: 'Normal' },
  urgent: { zh: '紧急', en: 'Urgent' },
  emergency: { zh: '特急', en: 'Emergency' },
};

export const ASSIGNMENT_ROLES = ['lead', 'assist'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];
export const ASSIGNMENT_ROLE_LABELS: Readonly<Record<AssignmentRole, LocalizedText>> = {
  lead: { zh: '主办', en: 'Lead' },
  assist: { zh: '协办', en: 'Assisting' },
};

export const ASSIGNMENT_STATUSES = ['pending', 'signed', 'replied', 'done', 'returned'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const ASSIGNMENT_STATUS_LABELS: Readonly<Record<AssignmentStatus, LocalizedText>> = {
  pending: { zh: '待签收', en: 'Pending' },
  signed: { zh: '已签收', en: 'Signed' },
  replied: { zh: '已回复', en: 'Replied' },
  done: { zh: '已办结', en: 'Done' },
  returned: { zh: '已退回', en: 'Returned' },
};

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Readonly<Record<Rating, LocalizedText>> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
};

/** DOMAIN.md §1.5. */
export const TIME_UNITS = ['urgent_hours', 'work_hours', 'work_days', 'natural_days'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
export const TIME_UNIT_LABELS: Readonly<Record<TimeUnit, LocalizedText>> = {
  urgent_hours: { zh: '紧急工作时', en: 'Urgent hours (24×7)' },
  work_hours: { zh: '工作时', en: 'Working hours' },
  work_days: { zh: '工作日', en: 'Working days' },
  natural_days: { zh: '自然日', en: 'Calendar days' },
};

export const CASE_ACTIONS = [
  'accept',
  'reject',
  'dispatch',
  'start',
  'sign',
  'return',
  'reply',
  'meeting',
  'handle',
  'feedback',
  'rate',
  'auto_close',
  'escalate',
  'merge',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'supervise',
  'comment',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export const CASE_ACTION_LABELS: Readonly<Record<CaseAction, LocalizedText>> = {
  accept: { zh: '受理', en: 'Accept' },
  reject: { zh: '不予受理', en: 'Reject' },
  dispatch: { zh: '分办', en: 'Dispatch' },
  start: { zh: '自行处置', en: 'Handle locally' },
  sign: { zh: '签收', en: 'Sign for' },
  return: { zh: '退回', en: 'Return' },
  reply: { zh: '协办回复', en: 'Assist reply' },
  meeting: { zh: '协调会', en: 'Coordination meeting' },
  handle: { zh: '办结处置', en: 'Record result' },
  feedback: { zh: '结果反馈', en: 'Inform resident' },
  rate: { zh: '评价', en: 'Rate' },
  auto_close: { zh: '超时自动办结', en: 'Auto-close' },
  escalate: { zh: '上报', en: 'Escalate' },
  merge: { zh: '合并', en: 'Merge' },
  request_extension: { zh: '申请延期', en: 'Request extension' },
  approve_extension: { zh: '批准延期', en: 'Approve extension' },
  deny_extension: { zh: '驳回延期', en: 'Deny extension' },
  supervise: { zh: '督办', en: 'Supervise' },
  comment: { zh: '备注', en: 'Comment' },
};

/** How a closed case came to be closed. */
export const CLOSED_BY = ['rating', 'timeout'] as const;
export type ClosedBy = (typeof CLOSED_BY)[number];
export const CLOSED_BY_LABELS: Readonly<Record<ClosedBy, LocalizedText>> = {
  rating: { zh: '居民评价', en: 'Resident rating' },
  timeout: { zh: '超时未评价', en: 'No rating in time' },
};

/** Timeline visibility: public events are shown to the resident. */
export const EVENT_VISIBILITIES = ['public', 'internal'] as const;
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number];
export const EVENT_VISIBILITY_LABELS: Readonly<Record<EventVisibility, LocalizedText>> = {
  public: { zh: '公开', en: 'Public' },
  internal: { zh: '内部', en: 'Internal' },
};

/** An unsatisfied rating reopens the case at most this many times; the next goes to the community head. */
export const MAX_REOPENS = 2;
/** Natural days after feedback before an unrated case closes by itself. */
export const RATING_WINDOW_DAYS = 7;
/** Open cases of the same place and category within this many days are offered as duplicates. */
export const DUPLICATE_WINDOW_DAYS = 30;
export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 4000;
export const CASE_FILE_MAX_BYTES = 5 * 1024 * 1024;

const CASE_NUMBER_PREFIX = 'SQ';
const CASE_NUMBER_PATTERN = /^SQ-(\d{4})-(\d{6})$/;
export const CASE_SEQ_MAX = 999_999;

/** The human-readable number `SQ-2026-000123`: one counter per year, six digits. */
export function formatCaseNumber(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`case number year must be a 4-digit integer, got ${year}`);
  }
  if (!Number.isInteger(seq) || seq < 1 || seq > CASE_SEQ_MAX) {
    throw new RangeError(`case number sequence must be an integer 1..${CASE_SEQ_MAX}, got ${seq}`);
  }
  return `${CASE_NUMBER_PREFIX}-${year}-${String(seq).padStart(6, '0')}`;
}

/** Reads `SQ-2026-000123` exactly (no spaces, lower case, other widths or a zero sequence); null otherwise. */
export function parseCaseNumber(s: string): { year: number; seq: number } | null {
  if (typeof s !== 'string') return null;
  const match = CASE_NUMBER_PATTERN.exec(s);
  if (!match) return null;
  const year = Number(match[1]);
  const seq = Number(match[2]);
  if (year < 1000 || seq < 1) return null;
  return { year, seq };
}

/** Supervision raises urgency one step: normal → urgent → emergency → emergency. */
export function raiseUrgency(u: Urgency): Urgency {
  const i = URGENCIES.indexOf(u);
  return URGENCIES[Math.min(i + 1, URGENCIES.length - 1)];
}
