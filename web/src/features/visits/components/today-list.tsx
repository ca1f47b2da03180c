import { HistoryOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Empty, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { errorMessage } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useToday } from '../api/today';
import type { TodayItem } from '../api/types';
import { useVisitText } from '../messages';

function ReasonTags({ item }: { item: TodayItem }) {
  const { locale } = useI18n();
  const vt = useVisitText();
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
      {item.reasons.map((r) => (
        <Tag
          key={r.planId}
          color={r.color ?? 'default'}
          style={{ marginInlineEnd: 0 }}
          title={r.plan}
          data-testid="visits-reason"
        >
          {r.symbol ? `${r.symbol} ` : ''}
          {r.tagName ? (locale === 'en' ? r.tagName.en : r.tagName.zh) : vt('visits.screening')}
        </Tag>
      ))}
    </div>
  );
}

function TodayCard({ item }: { item: TodayItem }) {
  const vt = useVisitText();
  const worst = item.reasons[0];
  const overdue = worst?.overdueDays ?? 0;
  const planId = worst?.planId;
  return (
    <div
      data-testid="visits-today-item"
      style={{
        background: '#fff',
        border: '1px solid var(--og-border)',
        borderLeft: `4px solid ${overdue > 0 ? '#cf1322' : '#faad14'}`,
        borderRadius: 10,
        display: 'flex',
        alignItems: 'stretch',
      }}
    >
      <Link
        to={`/visits/new?householdId=${item.householdId}${planId ? `&planId=${planId}` : ''}`}
        style={{ flex: 1, minWidth: 0, padding: '12px 14px', color: 'inherit' }}
        aria-label={`${vt('visits.today.record')} ${item.roomLabel}`}
      >
        <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
          <span style={{ fontSize: 20, fontWeight: 700, letterSpacing: 0.5 }} className="og-mono">
            {item.roomLabel}
          </span>
          <span
            style={{ color: overdue > 0 ? '#cf1322' : '#d48806', fontWeight: 600, fontSize: 13 }}
            data-testid="visits-overdue"
          >
            {overdue > 0 ? vt('visits.today.overdue', { days: overdue }) : vt('visits.today.dueToday')}
          </span>
        </div>
        <div style={{ margin: '6px 0' }}>
          <ReasonTags item={item} />
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.lastVisitAt
            ? vt('visits.today.last', { date: formatDate(item.lastVisitAt) })
            : vt('visits.today.never')}
        </Typography.Text>
      </Link>
      <div style={{ display: 'flex', flexDirection: 'column', borderLeft: '1px solid var(--og-border)' }}>
        <Link
          to={`/visits/new?householdId=${item.householdId}${planId ? `&planId=${planId}` : ''}`}
          style={{
            flex: 1,
            display: 'flex',
            alignItems: 'center',
            padding: '0 14px',
            color: 'var(--og-red)',
          }}
          aria-hidden
          tabIndex={-1}
        >
          <RightOutlined />
        </Link>
        <Link
          to={`/visits/household/${item.householdId}`}
          title={vt('visits.today.history')}
          aria-label={`${vt('visits.today.history')} ${item.roomLabel}`}
          style={{
            display: 'flex',
            alignItems: 'center',
            padding: '8px 14px',
            borderTop: '1px solid var(--og-border)',
            color: 'rgba(0,0,0,0.45)',
          }}
        >
          <HistoryOutlined />
        </Link>
      </div>
    </div>
  );
}

/** The grid worker's list for today, phone first: one card per household, most overdue on top. */
export function TodayList({ nodeId }: { nodeId: number | null }) {
  const { t, locale } = useI18n();
  const vt = useVisitText();
  const today = useToday(nodeId);
  if (today.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (today.isError) return <Alert type="error" showIcon title={errorMessage(today.error, locale, t)} />;
  const { items, total } = today.data;
  return (
    <div data-testid="visits-today">
      <div style={{ margin: '0 0 10px', color: 'rgba(0,0,0,0.65)' }}>
        {vt('visits.today.count', { count: total })}
        {total > items.length ? vt('visits.today.shown', { count: items.length }) : null}
      </div>
      {items.length === 0 ? (
        <Empty description={vt('visits.today.empty')} />
      ) : (
        <div
          style={{ display: 'grid', gap: 10, gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))' }}
        >
          {items.map((item) => (
            <TodayCard key={item.householdId} item={item} />
          ))}
        </div>
      )}
    </div>
  );
}
