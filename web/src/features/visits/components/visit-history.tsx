import { App, Button, Empty, Image, Popconfirm, Tag, Typography } from 'antd';
import { errorMessage } from '../../../lib/errors';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import type { Visit } from '../api/types';
import { useVisitAction } from '../api/visit-actions';
import { useVisitText } from '../messages';

function VisitEntry({ visit }: { visit: Visit }) {
  const { t, locale } = useI18n();
  const vt = useVisitText();
  const { message } = App.useApp();
  const act = useVisitAction();
  const run = async (action: 'resolve_dispute' | 'flag') => {
    try {
      await act.mutateAsync({ id: visit.id, action });
      message.success(vt('visits.action.done'));
    } catch (err) {
      message.error(errorMessage(err, locale, t));
    }
  };
  return (
    <div
      data-testid="visit-history-item"
      style={{
        background: '#fff',
        border: '1px solid var(--og-border)',
        borderRadius: 10,
        padding: '12px 14px',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
        <strong>{formatDateTime(visit.visitedAt).slice(0, 16)}</strong>
        <Typography.Text type="secondary">
          {vt('visits.history.by', {
            name: visit.visitorName ?? '—',
            method: vt(`visits.method.${visit.method}`),
          })}
        </Typography.Text>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, margin: '6px 0' }}>
        {visit.planName ? <Tag>{visit.planName}</Tag> : null}
        {visit.disputeFound && !visit.disputeResolvedAt ? (
          <Tag color="red">{vt('visits.dispute.open')}</Tag>
        ) : null}
        {visit.disputeFound && visit.disputeResolvedAt ? (
          <Tag color="green">
            {vt('visits.dispute.resolved', { date: formatDate(visit.disputeResolvedAt) })}
          </Tag>
        ) : null}
        {visit.followUp ? <Tag color="orange">{vt('visits.followUp.tag')}</Tag> : null}
        {visit.flagged ? <Tag color="purple">{vt('visits.flagged')}</Tag> : null}
      </div>
      {visit.findings ? <div style={{ whiteSpace: 'pre-wrap' }}>{visit.findings}</div> : null}
      {visit.photos.length ? (
        <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', marginTop: 8 }}>
          <Image.PreviewGroup>
            {visit.photos.map((p) => (
              <Image
                key={p.id}
                src={p.url}
                alt={p.fileName}
                width={64}
                height={64}
                style={{ objectFit: 'cover', borderRadius: 6 }}
              />
            ))}
          </Image.PreviewGroup>
        </div>
      ) : null}
      {visit.allowedActions.includes('resolve_dispute') || visit.allowedActions.includes('flag') ? (
        <div style={{ display: 'flex', gap: 8, marginTop: 10, flexWrap: 'wrap' }}>
          {visit.allowedActions.includes('resolve_dispute') ? (
            <Popconfirm title={vt('visits.action.resolve')} onConfirm={() => run('resolve_dispute')}>
              <Button size="small" loading={act.isPending}>
                {vt('visits.action.resolve')}
              </Button>
            </Popconfirm>
          ) : null}
          {visit.allowedActions.includes('flag') && (visit.disputeFound || visit.followUp) ? (
            <Popconfirm title={vt('visits.action.flag')} onConfirm={() => run('flag')}>
              <Button size="small" loading={act.isPending}>
                {vt('visits.action.flag')}
              </Button>
            </Popconfirm>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** A household's visits, newest first. */
export function VisitHistory({ visits }: { visits: Visit[] }) {
  const vt = useVisitText();
  if (!visits.length) return <Empty description={vt('visits.history.empty')} />;
  return (
    <div style={{ display: 'grid', gap: 10 }} data-testid="visit-history">
      {visits.map((v) => (
        <VisitEntry key={v.id} visit={v} />
      ))}
    </div>
  );
}
