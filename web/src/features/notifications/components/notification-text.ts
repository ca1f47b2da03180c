import { formatDateTime } from '../../../lib/format';
import type { NotificationItem } from '../api/types';
import type { NotificationTranslate } from '../messages';

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const shortTime = (iso: unknown) => (typeof iso === 'string' ? formatDateTime(iso).slice(0, 16) : '');

/** The one sentence a notification says, from its kind and data (the server sends facts, not prose). */
export function notificationText(n: NotificationItem, t: NotificationTranslate): string {
  const actor = n.actorName ?? t('ntf.someone');
  const d = n.data;
  switch (n.kind) {
    case 'new_task': {
      if (d.action === 'dispatch') {
        const base = t(d.role === 'assist' ? 'ntf.text.dispatch.assist' : 'ntf.text.dispatch.lead', {
          actor,
        });
        return str(d.dueAt) ? base + t('ntf.text.dueBy', { due: shortTime(d.dueAt) }) : base;
      }
      if (d.action === 'escalate') return t('ntf.text.escalate', { actor });
      return t('ntf.text.create');
    }
    case 'returned':
      return t('ntf.text.returned', { actor, reason: str(d.reason) ?? '—' });
    case 'supervised':
      return t('ntf.text.supervised', { actor, note: str(d.note) ?? '—' });
    case 'rated': {
      const rating = str(d.rating);
      const label =
        rating === 'satisfied' || rating === 'basically_satisfied' || rating === 'unsatisfied'
          ? t(`ntf.rating.${rating}`)
          : '—';
      let text = t('ntf.text.rated', { rating: label });
      if (d.headReview) text += t('ntf.text.rated.head');
      else if (d.reopen) text += t('ntf.text.rated.reopen');
      return text;
    }
    case 'deadline_yellow':
    case 'deadline_red': {
      const which = d.deadline === 'response' ? 'response' : 'handling';
      const level = n.kind === 'deadline_red' ? 'red' : 'yellow';
      return t(`ntf.text.${level}.${which}`, { due: shortTime(d.dueAt) });
    }
  }
}

/** "3 分钟前" / "3 min ago"; a date for anything older than a week. */
export function relativeTime(iso: string, locale: string, now = Date.now()): string {
  const en = locale === 'en';
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return en ? 'just now' : '刚刚';
  const m = Math.floor(s / 60);
  if (m < 60) return en ? `${m} min ago` : `${m} 分钟前`;
  const h = Math.floor(m / 60);
  if (h < 24) return en ? `${h} h ago` : `${h} 小时前`;
  const days = Math.floor(h / 24);
  if (days < 7) return en ? `${days} d ago` : `${days} 天前`;
  return formatDateTime(iso).slice(0, 16);
}
