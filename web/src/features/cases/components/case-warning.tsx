import { ClockCircleOutlined, FlagFilled, WarningOutlined } from '@ant-design/icons';
import { URGENCY_LABELS, type Urgency } from '../../../../../common/cases';
import { formatDateTime } from '../../../lib/format';
import type { WarningLevel } from '../api/types';
import { type CaseTranslate, useCaseI18n } from '../messages';

/** Yellow at 75 % of the time used, red when overdue (docs/domain/cases.md); nothing when on time. */
export function CaseWarning({ level, compact = false }: { level: WarningLevel; compact?: boolean }) {
  const { t } = useCaseI18n();
  if (level === 'ok') return null;
  const text = level === 'red' ? t('cases.warning.red') : t('cases.warning.yellow');
  return (
    <span
      className={`cs-warning cs-warning-${level}${compact ? ' cs-warning-compact' : ''}`}
      data-testid="case-warning"
      data-level={level}
      title={text}
      aria-label={text}
    >
      {level === 'red' ? <WarningOutlined /> : <ClockCircleOutlined />}
      {compact ? null : <span>{text}</span>}
    </span>
  );
}

export function SupervisedFlag({ compact = false }: { compact?: boolean }) {
  const { t } = useCaseI18n();
  return (
    <span className="cs-flag" data-testid="case-supervised" title={t('cases.supervised')}>
      <FlagFilled />
      {compact ? null : <span>{t('cases.supervised')}</span>}
    </span>
  );
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { label } = useCaseI18n();
  if (urgency === 'normal') return null;
  return (
    <span className={`cs-urgency cs-urgency-${urgency}`} data-testid="case-urgency">
      {label(URGENCY_LABELS[urgency])}
    </span>
  );
}

/** "3 天 4 小时" — the two largest parts of a span, enough for a worker to judge it at a glance. */
export function spanText(ms: number, t: CaseTranslate): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) {
    return hours > 0 && days < 10
      ? `${t('cases.time.days', { n: days })} ${t('cases.time.hours', { n: hours })}`
      : t('cases.time.days', { n: days });
  }
  if (hours > 0) return t('cases.time.hours', { n: hours });
  return t('cases.time.minutes', { n: minutes });
}

/** "剩 2 天 3 小时" or "超期 5 小时" for a deadline, relative to now. */
export function dueText(dueAt: string | null, t: CaseTranslate, now: number = Date.now()): string {
  if (!dueAt) return t('cases.due.none');
  const due = new Date(dueAt).getTime();
  if (Number.isNaN(due)) return t('cases.due.none');
  const diff = due - now;
  return diff < 0
    ? t('cases.due.overdue', { time: spanText(diff, t) })
    : t('cases.due.left', { time: spanText(diff, t) });
}

/** The deadline a worker races now: the handling deadline, or the response deadline before acceptance. */
export function currentDue(item: {
  state: string;
  responseDueAt: string | null;
  handlingDueAt: string | null;
}) {
  if (item.state === 'collected') return item.responseDueAt ?? item.handlingDueAt;
  return item.handlingDueAt ?? item.responseDueAt;
}

export function DueText({
  item,
  now,
  hideEmpty = false,
}: {
  item: {
    state: string;
    warning: WarningLevel;
    responseDueAt: string | null;
    handlingDueAt: string | null;
  };
  now?: number;
  /** Render nothing (rather than a dash) when no deadline is running. */
  hideEmpty?: boolean;
}) {
  const { t } = useCaseI18n();
  const open = !['closed', 'rejected', 'merged', 'handled', 'awaiting_rating'].includes(item.state);
  const due = currentDue(item);
  if (!open || !due) return hideEmpty ? null : <span className="og-muted">—</span>;
  // A deadline already past reads red whatever the stored level says: "超期" in grey would be a lie.
  const late = new Date(due).getTime() < (now ?? Date.now());
  const level = late ? 'red' : item.warning;
  return (
    <span className={`cs-due cs-due-${level}`} data-testid="case-due" title={formatDateTime(due)}>
      {dueText(due, t, now)}
    </span>
  );
}
