import '../cases.css';
import {
  ASSIGNMENT_ROLE_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  CASE_ACTION_LABELS,
  CASE_SOURCE_LABELS,
  CASE_STATE_LABELS,
  CLOSED_BY_LABELS,
  RATING_LABELS,
  URGENCY_LABELS,
} from '../../../../../common/cases';
import { isRole, ROLE_LABELS } from '../../../../../common/permissions';
import { formatDateTime } from '../../../lib/format';
import type { CasePrint } from '../api/case-print';
import { useCaseI18n } from '../messages';
import { eventDetails } from './case-timeline';

const short = (value: string | null | undefined) => (value ? formatDateTime(value).slice(0, 16) : '');

/**
 * 事件办理单: the whole record on A4 for the paper file — facts, units, meetings, result, rating and
 * every step of the timeline with who, when and whether the resident saw it.
 */
export function CaseSheet({ sheet, appName }: { sheet: CasePrint; appName: string }) {
  const { t, label } = useCaseI18n();
  const reporter = sheet.reporter;
  const reporterText = reporter
    ? [
        reporter.name ?? (reporter.kind === 'anonymous' ? t('cases.detail.reporter.anonymous') : ''),
        reporter.phoneMasked,
      ]
        .filter(Boolean)
        .join(' ')
    : t('cases.detail.reporter.none');
  const place = [sheet.roomLabel, sheet.address].filter(Boolean).join(' · ') || sheet.nodeName;
  const roleText = (role: string | null) => (role && isRole(role) ? label(ROLE_LABELS[role]) : (role ?? ''));
  return (
    <article className="cs-sheet-page" data-testid="case-sheet">
      <header className="cs-sheet-head">
        <div className="cs-sheet-org">{appName}</div>
        <h1>{t('cases.print.title')}</h1>
        <div className="cs-sheet-number">
          <span className="og-mono">{sheet.number}</span>
          <span>
            {t('cases.print.printedAt', { time: short(sheet.printedAt ?? new Date().toISOString()) })}
            {sheet.printedBy ? ` · ${sheet.printedBy}` : ''}
          </span>
        </div>
      </header>

      <table className="cs-sheet-table">
        <tbody>
          <tr>
            <th>{t('cases.form.title')}</th>
            <td colSpan={3}>{sheet.title}</td>
          </tr>
          <tr>
            <th>{t('cases.col.state')}</th>
            <td>
              {label(CASE_STATE_LABELS[sheet.state])}
              {sheet.supervised ? ` · ${t('cases.supervised')}` : ''}
              {sheet.warning === 'red' ? ` · ${t('cases.warning.red')}` : ''}
            </td>
            <th>{t('cases.col.category')}</th>
            <td>{sheet.categoryName}</td>
          </tr>
          <tr>
            <th>{t('cases.col.source')}</th>
            <td>{label(CASE_SOURCE_LABELS[sheet.source])}</td>
            <th>{t('cases.col.urgency')}</th>
            <td>{label(URGENCY_LABELS[sheet.urgency])}</td>
          </tr>
          <tr>
            <th>{t('cases.detail.location')}</th>
            <td>{place}</td>
            <th>{t('cases.detail.node')}</th>
            <td>{sheet.nodeName}</td>
          </tr>
          <tr>
            <th>{t('cases.detail.reporter')}</th>
            <td>{reporterText}</td>
            <th>{t('cases.detail.external')}</th>
            <td>{sheet.externalId ?? ''}</td>
          </tr>
          <tr>
            <th>{t('cases.col.created')}</th>
            <td>{short(sheet.createdAt)}</td>
            <th>{t('cases.print.acceptedAt')}</th>
            <td>{short(sheet.acceptedAt)}</td>
          </tr>
          <tr>
            <th>{t('cases.due.response')}</th>
            <td>{short(sheet.responseDueAt)}</td>
            <th>{t('cases.due.handling')}</th>
            <td>{short(sheet.handlingDueAt)}</td>
          </tr>
          <tr>
            <th>{t('cases.print.handledAt')}</th>
            <td>{short(sheet.handledAt)}</td>
            <th>{t('cases.print.closedAt')}</th>
            <td>
              {short(sheet.closedAt)}
              {sheet.closedBy ? ` · ${label(CLOSED_BY_LABELS[sheet.closedBy])}` : ''}
            </td>
          </tr>
          <tr>
            <th>{t('cases.detail.description')}</th>
            <td colSpan={3} className="cs-pre">
              {sheet.description}
            </td>
          </tr>
          {sheet.rejectReason ? (
            <tr>
              <th>{t('cases.detail.rejectReason')}</th>
              <td colSpan={3}>{sheet.rejectReason}</td>
            </tr>
          ) : null}
          <tr>
            <th>{t('cases.detail.assignments')}</th>
            <td colSpan={3}>
              {sheet.assignments.length === 0
                ? t('cases.detail.assignments.none')
                : sheet.assignments.map((a) => (
                    <div key={a.id}>
                      【{label(ASSIGNMENT_ROLE_LABELS[a.role])}】{a.unitName} ·{' '}
                      {label(ASSIGNMENT_STATUS_LABELS[a.status])}
                      {a.dueAt ? ` · ${t('cases.detail.assignment.due', { time: short(a.dueAt) })}` : ''}
                      {a.reply ? ` · ${t('cases.detail.assignment.reply')}：${a.reply}` : ''}
                      {a.returnReason ? ` · ${t('cases.detail.assignment.returned')}：${a.returnReason}` : ''}
                    </div>
                  ))}
            </td>
          </tr>
          {sheet.meetings.map((m) => (
            <tr key={`m${m.id}`}>
              <th>{t('cases.detail.meetings')}</th>
              <td colSpan={3}>
                <div>
                  {short(m.heldAt)}
                  {m.place ? ` · ${m.place}` : ''}
                </div>
                <div>
                  {t('cases.detail.meeting.attendees')}：{m.attendees.join('、')}
                </div>
                <div className="cs-pre">
                  {t('cases.detail.meeting.decisions')}：{m.decisions}
                </div>
                {m.actionItems.map((item, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: action items have no id; order is identity
                  <div key={i}>
                    {i + 1}. {item.who}：{item.what}
                    {item.by ? `（${item.by.slice(0, 10)}）` : ''}
                  </div>
                ))}
              </td>
            </tr>
          ))}
          {sheet.extension ? (
            <tr>
              <th>{t('cases.detail.extension')}</th>
              <td colSpan={3}>
                {t('cases.detail.extension.line', {
                  days: sheet.extension.days,
                  reason: sheet.extension.reason,
                })}
              </td>
            </tr>
          ) : null}
          <tr>
            <th>{t('cases.detail.result')}</th>
            <td colSpan={3} className="cs-pre cs-sheet-tall">
              {sheet.result ?? ''}
            </td>
          </tr>
          <tr>
            <th>{t('cases.detail.rating')}</th>
            <td colSpan={3}>
              {sheet.rating
                ? `${label(RATING_LABELS[sheet.rating.rating])} · ${
                    sheet.rating.resolved
                      ? t('cases.detail.rating.resolved')
                      : t('cases.detail.rating.unresolved')
                  }${sheet.rating.comment ? ` · “${sheet.rating.comment}”` : ''}`
                : ''}
            </td>
          </tr>
        </tbody>
      </table>

      <h2 className="cs-sheet-h2">{t('cases.detail.timeline')}</h2>
      <table className="cs-sheet-table cs-sheet-timeline" data-testid="case-sheet-timeline">
        <thead>
          <tr>
            <th style={{ width: '17%' }}>{t('cases.col.time')}</th>
            <th style={{ width: '14%' }}>{t('cases.col.step')}</th>
            <th style={{ width: '19%' }}>{t('cases.col.actor')}</th>
            <th>{t('cases.action.note')}</th>
            <th style={{ width: '11%' }}>{t('cases.action.visibility')}</th>
          </tr>
        </thead>
        <tbody>
          {sheet.timeline.map((e) => (
            <tr key={e.id}>
              <td>{short(e.at)}</td>
              <td>
                {e.action === 'create' ? t('cases.timeline.create') : label(CASE_ACTION_LABELS[e.action])}
                {e.toState && e.fromState !== e.toState ? (
                  <div className="cs-sheet-small">→ {label(CASE_STATE_LABELS[e.toState])}</div>
                ) : null}
              </td>
              <td>
                {e.actorName}
                {e.actorRole ? <div className="cs-sheet-small">{roleText(e.actorRole)}</div> : null}
              </td>
              <td className="cs-pre">
                {[...eventDetails(e, t, label), e.note ?? ''].filter(Boolean).join('\n')}
              </td>
              <td>
                {e.visibility === 'internal' ? t('cases.timeline.internal') : t('cases.timeline.public')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <footer className="cs-sheet-sign">
        <span>
          {t('cases.print.signature')}：<i />
        </span>
        <span>
          {t('cases.print.leader')}：<i />
        </span>
        <span>
          {t('cases.print.date')}：<i />
        </span>
      </footer>
    </article>
  );
}
