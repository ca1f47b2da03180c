import { RedoOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Grid, Pagination, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import type { DeliveryStatus, WebhookDelivery, WebhookEndpoint } from '../api/types';
import { useRedeliver, useWebhookDeliveries, useWebhookEventTypes } from '../api/webhooks';
import { useNotificationText } from '../messages';

const STATUS_COLOR: Record<DeliveryStatus, string> = { pending: 'gold', delivered: 'green', failed: 'red' };

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useNotificationText();
  return <Tag color={STATUS_COLOR[status]}>{t(`wh.status.${status}`)}</Tag>;
}

const caseNumberOf = (d: WebhookDelivery) => {
  const p = d.payload as { case?: { number?: string } } | null;
  return p?.case?.number ?? null;
};

/** One endpoint's delivery log: status, attempts, response, last error, next try; redeliver any row. */
export function WebhookDeliveriesDrawer({
  endpoint,
  onClose,
}: {
  endpoint: WebhookEndpoint;
  onClose: () => void;
}) {
  const { t, tCore, locale } = useNotificationText();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const [page, setPage] = useState(1);
  const log = useWebhookDeliveries(endpoint.id, status, page);
  const redeliver = useRedeliver();
  const types = useWebhookEventTypes();
  const labelOf = (type: string) => {
    const l = types.data?.find((x) => x.type === type)?.label;
    return l ? (locale === 'en' ? l.en : l.zh) : type === 'ping' ? t('wh.event.ping') : type;
  };
  const eventCell = (d: WebhookDelivery) => (
    <span>
      <span>{labelOf(d.eventType)}</span> <span className="wh-url wh-muted">{d.eventType}</span>
      {caseNumberOf(d) && d.caseId ? (
        <div>
          <Link to={`/cases/${d.caseId}`} className="ntf-number">
            {caseNumberOf(d)}
          </Link>
        </div>
      ) : null}
    </span>
  );
  const outcome = (d: WebhookDelivery) => (
    <>
      {d.lastError ? <div className="wh-error">{d.lastError}</div> : null}
      {d.status === 'pending' && d.nextAttemptAt ? (
        <div className="wh-counts">
          {t('wh.log.next')} {formatDateTime(d.nextAttemptAt).slice(5, 16)}
        </div>
      ) : null}
      {!d.lastError && d.status !== 'pending' ? '—' : null}
    </>
  );
  const redeliverButton = (d: WebhookDelivery) =>
    d.status === 'pending' ? null : (
      <Button size="small" icon={<RedoOutlined />} onClick={() => again(d)} data-testid="webhook-redeliver">
        {t('wh.log.redeliver')}
      </Button>
    );
  const again = (d: WebhookDelivery) =>
    redeliver.mutate(d.id, {
      onSuccess: () => message.success(t('wh.log.redelivered')),
      onError: (err) => message.error(errorMessage(err, locale, tCore)),
    });

  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 960 : '100%'}
      title={t('wh.log.title', { name: endpoint.name })}
      extra={
        <Select<DeliveryStatus | 'any'>
          value={status ?? 'any'}
          style={{ width: 130 }}
          onChange={(v) => {
            setStatus(v === 'any' ? null : v);
            setPage(1);
          }}
          options={[
            { value: 'any', label: t('wh.status.any') },
            { value: 'pending', label: t('wh.status.pending') },
            { value: 'delivered', label: t('wh.status.delivered') },
            { value: 'failed', label: t('wh.status.failed') },
          ]}
          data-testid="webhook-log-status"
        />
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12.5 }}>
        {t('wh.retry.note')}
      </Typography.Paragraph>
      {screens.md ? null : (
        <>
          <ul className="wh-delivery-cards" data-testid="webhook-log-cards">
            {(log.data?.items ?? []).map((d) => (
              <li key={d.id} className="wh-delivery-card">
                <div className="wh-card-row">
                  {eventCell(d)}
                  <DeliveryStatusTag status={d.status} />
                </div>
                <div className="wh-card-row wh-counts">
                  <span>{formatDateTime(d.createdAt).slice(5, 16)}</span>
                  <span>
                    {t('wh.log.attempts')} {d.attempts}
                    {d.responseStatus !== null ? ` · HTTP ${d.responseStatus}` : ''}
                  </span>
                </div>
                <div className="wh-card-row">
                  <div style={{ minWidth: 0 }}>{outcome(d)}</div>
                  {redeliverButton(d)}
                </div>
              </li>
            ))}
          </ul>
          {(log.data?.items.length ?? 0) === 0 && !log.isLoading ? (
            <Typography.Paragraph type="secondary">{t('wh.log.empty')}</Typography.Paragraph>
          ) : null}
          {(log.data?.total ?? 0) > 10 ? (
            <Pagination
              style={{ marginTop: 12, textAlign: 'center' }}
              size="small"
              current={page}
              pageSize={10}
              total={log.data?.total ?? 0}
              onChange={setPage}
              showSizeChanger={false}
            />
          ) : null}
        </>
      )}
      {screens.md ? (
        <Table<WebhookDelivery>
          rowKey="id"
          size="small"
          loading={log.isLoading}
          dataSource={log.data?.items ?? []}
          locale={{ emptyText: t('wh.log.empty') }}
          scroll={{ x: 820 }}
          data-testid="webhook-log"
          pagination={{
            current: page,
            pageSize: 10,
            total: log.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            size: 'small',
          }}
          expandable={{
            expandedRowRender: (d) => <pre className="wh-payload">{JSON.stringify(d.payload, null, 2)}</pre>,
          }}
          columns={[
            {
              title: t('wh.log.created'),
              dataIndex: 'createdAt',
              width: 150,
              render: (v: string) => formatDateTime(v).slice(0, 16),
            },
            {
              title: t('wh.log.event'),
              dataIndex: 'eventType',
              width: 160,
              render: (_: string, d) => eventCell(d),
            },
            {
              title: t('wh.log.status'),
              dataIndex: 'status',
              width: 90,
              render: (v: DeliveryStatus) => <DeliveryStatusTag status={v} />,
            },
            { title: t('wh.log.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
            {
              title: t('wh.log.response'),
              dataIndex: 'responseStatus',
              width: 80,
              render: (v: number | null) => (v === null ? '—' : <span className="wh-url">{v}</span>),
            },
            {
              title: t('wh.log.error'),
              dataIndex: 'lastError',
              render: (_: string | null, d) => outcome(d),
            },
            {
              title: '',
              width: 110,
              render: (_: unknown, d) => redeliverButton(d),
            },
          ]}
        />
      ) : null}
    </Drawer>
  );
}
