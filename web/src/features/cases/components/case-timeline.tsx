import '../cases.css';
import { EyeOutlined, LockOutlined, PaperClipOutlined } from '@ant-design/icons';
import {
  ASSIGNMENT_ROLE_LABELS,
  CASE_ACTION_LABELS,
  CASE_STATE_LABELS,
  RATING_LABELS,
  type Rating,
  URGENCY_LABELS,
  type Urgency,
} from '../../../../../common/cases';
import type { LocalizedText } from '../../../../../common/i18n';
import { isRole, ROLE_LABELS } from '../../../../../common/permissions';
import { formatDateTime } from '../../../lib/format';
import type { CaseEvent, CaseFile } from '../api/types';
import { type CaseTranslate, useCaseI18n } from '../messages';
import { STATE_COLORS } from './case-state-tag';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * The facts an action's data adds to its line (units, deadline, place, urgency, days, merged numbers,
 * rating), in words; free text the note already says is not repeated.
 */
export function eventDetails(
  event: CaseEvent,
  t: CaseTranslate,
  label: (l: LocalizedText) => string,
): string[] {
  const data = event.data;
  if (!data || typeof data !== 'object') return [];
  const out: string[] = [];
  const lead = str(data.leadUnitName);
  const assists = strs(data.assistUnitNames);
  if (lead) out.push(t('cases.kv', { k: t('cases.action.leadUnit'), v: lead }));
  if (assists.length) out.push(t('cases.kv', { k: t('cases.action.assistUnits'), v: assists.join('、') }));
  const unit = str(data.unitName);
  if (unit && !lead) {
    const role =
      data.role === 'lead' || data.role === 'assist' ? label(ASSIGNMENT_ROLE_LABELS[data.role]) : '';
    out.push(role ? `${unit}（${role}）` : unit);
  }
  const due = str(data.dueAt);
  if (due) out.push(t('cases.detail.assignment.due', { time: formatDateTime(due).slice(0, 16) }));
  const place = str(data.place);
  if (place) out.push(t('cases.kv', { k: t('cases.action.place'), v: place }));
  const attendees = strs(data.attendees);
  if (attendees.length)
    out.push(t('cases.kv', { k: t('cases.detail.meeting.attendees'), v: attendees.join('、') }));
  const from = data.fromUrgency;
  const to = data.toUrgency;
  if (typeof from === 'string' && typeof to === 'string' && from in URGENCY_LABELS && to in URGENCY_LABELS) {
    const step = `${label(URGENCY_LABELS[from as Urgency])} → ${label(URGENCY_LABELS[to as Urgency])}`;
    out.push(t('cases.kv', { k: t('cases.col.urgency'), v: step }));
  }
  if (typeof data.days === 'number') out.push(t('cases.timeline.days', { days: data.days }));
  const merged = str(data.mergedCaseNumber);
  if (merged) out.push(t('cases.timeline.mergedIn', { number: merged }));
  const master = str(data.masterNumber);
  if (master) out.push(t('cases.timeline.mergedInto', { number: master }));
  const toNode = str(data.toNodeName);
  if (toNode) out.push(t('cases.timeline.escalatedTo', { node: toNode }));
  if (typeof data.rating === 'string' && data.rating in RATING_LABELS) {
    const resolved =
      data.resolved === true
        ? t('cases.detail.rating.resolved')
        : data.resolved === false
          ? t('cases.detail.rating.unresolved')
          : '';
    out.push([label(RATING_LABELS[data.rating as Rating]), resolved].filter(Boolean).join(' · '));
  }
  for (const key of ['reason', 'result', 'text', 'comment']) {
    const value = str(data[key]);
    if (value && value !== event.note) out.push(value);
  }
  return out;
}

function isImage(file: CaseFile) {
  return file.mime.startsWith('image/');
}

/**
 * 办理过程: every step in order with who and when, whether the resident sees it (公开) or not (内部),
 * and the files that came with it. Printed as is on the case sheet.
 */
export function CaseTimeline({
  events,
  files = [],
  printable = false,
}: {
  events: CaseEvent[];
  files?: CaseFile[];
  printable?: boolean;
}) {
  const { t, label } = useCaseI18n();
  if (events.length === 0) return <div className="og-muted">{t('cases.timeline.empty')}</div>;
  const byId = new Map(files.map((f) => [f.id, f]));
  const roleText = (role: string | null) => (role && isRole(role) ? label(ROLE_LABELS[role]) : (role ?? ''));
  return (
    <ol className={`cs-timeline${printable ? ' cs-timeline-print' : ''}`} data-testid="case-timeline">
      {events.map((event, index) => {
        const actionText =
          event.action === 'create' ? t('cases.timeline.create') : label(CASE_ACTION_LABELS[event.action]);
        const moved = event.fromState && event.toState && event.fromState !== event.toState;
        const color = event.toState ? STATE_COLORS[event.toState].dot : '#bfbfbf';
        const attached = event.fileIds.map((id) => byId.get(id)).filter((f): f is CaseFile => Boolean(f));
        const last = index === events.length - 1;
        const details = eventDetails(event, t, label);
        return (
          <li
            key={event.id}
            className={`cs-tl-item${last ? ' cs-tl-last' : ''}`}
            data-testid="case-event"
            data-action={event.action}
            data-visibility={event.visibility}
          >
            <span className="cs-tl-dot" style={{ borderColor: color }} aria-hidden />
            <div className="cs-tl-head">
              <span className="cs-tl-action">{actionText}</span>
              {moved && event.toState ? (
                <span className="cs-tl-move">→ {label(CASE_STATE_LABELS[event.toState])}</span>
              ) : null}
              <span className={`cs-tl-vis cs-tl-vis-${event.visibility}`} data-testid="case-event-visibility">
                {event.visibility === 'internal' ? <LockOutlined /> : <EyeOutlined />}
                {event.visibility === 'internal' ? t('cases.timeline.internal') : t('cases.timeline.public')}
              </span>
            </div>
            <div className="cs-tl-meta">
              <time dateTime={event.at}>{formatDateTime(event.at).slice(0, 16)}</time>
              <span data-testid="case-event-actor">
                {event.actorName}
                {event.actorRole ? <span className="og-muted"> · {roleText(event.actorRole)}</span> : null}
              </span>
            </div>
            {details.length ? (
              <div className="cs-tl-data" data-testid="case-event-details">
                {details.map((line) => (
                  <span key={line}>{line}</span>
                ))}
              </div>
            ) : null}
            {event.note ? <div className="cs-tl-note">{event.note}</div> : null}
            {attached.length ? (
              <div className="cs-tl-files">
                {attached.map((f) =>
                  isImage(f) && !printable ? (
                    <a key={f.id} href={f.url} target="_blank" rel="noreferrer" title={f.filename}>
                      <img src={f.url} alt={f.filename} className="cs-thumb-sm" loading="lazy" />
                    </a>
                  ) : (
                    <a key={f.id} href={f.url} target="_blank" rel="noreferrer" className="cs-file-link">
                      <PaperClipOutlined /> {f.filename}
                    </a>
                  ),
                )}
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
