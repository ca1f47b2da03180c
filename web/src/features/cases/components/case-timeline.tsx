import '../cases.css';
import { EyeOutlined, LockOutlined, PaperClipOutlined } from '@ant-design/icons';
import { CASE_ACTION_LABELS, CASE_STATE_LABELS } from '../../../../../common/cases';
import { isRole, ROLE_LABELS } from '../../../../../common/permissions';
import { formatDateTime } from '../../../lib/format';
import type { CaseEvent, CaseFile } from '../api/types';
import { useCaseI18n } from '../messages';
import { STATE_COLORS } from './case-state-tag';

/** Text an action's data adds to the line (reason, units, rating …) when the note does not already say it. */
function dataLines(event: CaseEvent): string[] {
  const data = event.data;
  if (!data || typeof data !== 'object') return [];
  const out: string[] = [];
  for (const key of ['reason', 'result', 'text']) {
    const value = data[key];
    if (typeof value === 'string' && value.trim() && value !== event.note) out.push(value);
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
            {event.note ? <div className="cs-tl-note">{event.note}</div> : null}
            {dataLines(event).map((line) => (
              <div key={line} className="cs-tl-note">
                {line}
              </div>
            ))}
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
