import {
  DeleteOutlined,
  EditOutlined,
  KeyOutlined,
  PlusOutlined,
  SendOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Grid, Popconfirm, Space, Switch, Table, Tooltip } from 'antd';
import { type ReactNode, useState } from 'react';
import { PageHeader } from '../../../../components/page-header';
import type { WebhookEndpoint } from '../../../../features/notifications/api/types';
import {
  useDeleteWebhook,
  usePingWebhook,
  useRotateWebhookSecret,
  useUpdateWebhook,
  useWebhookEndpoints,
  useWebhookEventTypes,
} from '../../../../features/notifications/api/webhooks';
import {
  DeliveryStatusTag,
  WebhookDeliveriesDrawer,
} from '../../../../features/notifications/components/webhook-deliveries';
import { WebhookFormModal } from '../../../../features/notifications/components/webhook-form-modal';
import { WebhookSecretModal } from '../../../../features/notifications/components/webhook-secret-modal';
import { useNotificationText } from '../../../../features/notifications/messages';
import '../../../../features/notifications/notifications.css';
import { errorMessage } from '../../../../lib/errors';
import { formatDateTime } from '../../../../lib/format';

/** Webhook 推送 (settings.write): endpoints, their event filters, secrets shown once, the delivery log. */
export function WebhooksPage() {
  const { t, tCore, locale } = useNotificationText();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const endpoints = useWebhookEndpoints();
  const types = useWebhookEventTypes();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const rotate = useRotateWebhookSecret();
  const ping = usePingWebhook();
  const [editing, setEditing] = useState<WebhookEndpoint | null | undefined>(undefined);
  const [secret, setSecret] = useState<{ secret: string; name: string } | null>(null);
  const [logOf, setLogOf] = useState<WebhookEndpoint | null>(null);
  const fail = (err: unknown) => message.error(errorMessage(err, locale, tCore));
  const total = types.data?.length ?? 0;

  const eventsText = (e: WebhookEndpoint) =>
    total && e.events.length === total
      ? t('wh.events.all', { count: total })
      : e.events.length <= 2
        ? e.events
            .map((type) => types.data?.find((x) => x.type === type)?.label)
            .map((l, i) => (l ? (locale === 'en' ? l.en : l.zh) : e.events[i]))
            .join('、')
        : t('wh.events.count', { count: e.events.length });

  const counts = (e: WebhookEndpoint) =>
    t('wh.counts', { delivered: e.counts.delivered, pending: e.counts.pending, failed: e.counts.failed });

  const last = (e: WebhookEndpoint): ReactNode =>
    e.lastDelivery ? (
      <Space size={4}>
        <DeliveryStatusTag status={e.lastDelivery.status} />
        <span className="wh-counts">{formatDateTime(e.lastDelivery.at).slice(5, 16)}</span>
      </Space>
    ) : (
      <span className="wh-counts">{t('wh.never')}</span>
    );

  const actions = (e: WebhookEndpoint) => (
    <Space size={2} wrap>
      <Tooltip title={t('wh.log')}>
        <Button
          type="text"
          icon={<UnorderedListOutlined />}
          onClick={() => setLogOf(e)}
          aria-label={t('wh.log')}
          data-testid="webhook-log-open"
        />
      </Tooltip>
      <Tooltip title={t('wh.ping')}>
        <Button
          type="text"
          icon={<SendOutlined />}
          aria-label={t('wh.ping')}
          onClick={() =>
            ping.mutate(e.id, { onSuccess: () => message.success(t('wh.ping.queued')), onError: fail })
          }
          data-testid="webhook-ping"
        />
      </Tooltip>
      <Tooltip title={t('wh.edit')}>
        <Button type="text" icon={<EditOutlined />} aria-label={t('wh.edit')} onClick={() => setEditing(e)} />
      </Tooltip>
      <Popconfirm
        title={t('wh.rotate.confirm')}
        onConfirm={() =>
          rotate.mutate(e.id, {
            onSuccess: (r) => setSecret({ secret: r.secret, name: e.name }),
            onError: fail,
          })
        }
      >
        <Tooltip title={t('wh.rotate')}>
          <Button type="text" icon={<KeyOutlined />} aria-label={t('wh.rotate')} />
        </Tooltip>
      </Popconfirm>
      <Popconfirm
        title={t('wh.delete.confirm')}
        okButtonProps={{ danger: true }}
        onConfirm={() =>
          remove.mutate(e.id, { onSuccess: () => message.success(t('wh.deleted')), onError: fail })
        }
      >
        <Tooltip title={t('wh.delete')}>
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('wh.delete')} />
        </Tooltip>
      </Popconfirm>
    </Space>
  );

  const activeSwitch = (e: WebhookEndpoint) => (
    <Switch
      size="small"
      checked={e.active}
      loading={update.isPending && update.variables?.id === e.id}
      onChange={(active) => update.mutate({ id: e.id, patch: { active } }, { onError: fail })}
      aria-label={t('wh.col.active')}
    />
  );

  const items = endpoints.data ?? [];
  const empty = (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wh.empty')} style={{ padding: '32px 0' }} />
  );

  return (
    <div data-testid="webhooks-page">
      <PageHeader
        title={t('wh.title')}
        subtitle={t('wh.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing(null)}
            data-testid="webhook-create"
          >
            {t('wh.create')}
          </Button>
        }
      />
      {endpoints.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(endpoints.error, locale, tCore)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {screens.md ? (
        <Card className="og-card" styles={{ body: { padding: 0 } }}>
          <Table<WebhookEndpoint>
            rowKey="id"
            loading={endpoints.isLoading}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: empty }}
            data-testid="webhooks-table"
            columns={[
              {
                title: t('wh.col.name'),
                dataIndex: 'name',
                render: (v: string, e) => (
                  <div>
                    <div style={{ fontWeight: 500 }}>{v}</div>
                    <div className="wh-url" style={{ color: '#595959' }}>
                      {e.url}
                    </div>
                  </div>
                ),
              },
              { title: t('wh.col.events'), width: 170, render: (_: unknown, e) => eventsText(e) },
              { title: t('wh.col.active'), width: 70, render: (_: unknown, e) => activeSwitch(e) },
              {
                title: t('wh.col.deliveries'),
                width: 230,
                render: (_: unknown, e) => (
                  <div>
                    <div className="wh-counts">{counts(e)}</div>
                    <div style={{ marginTop: 2 }}>{last(e)}</div>
                  </div>
                ),
              },
              { title: t('wh.col.actions'), width: 200, render: (_: unknown, e) => actions(e) },
            ]}
          />
        </Card>
      ) : (
        <div className="wh-card-list" data-testid="webhooks-cards">
          {items.length === 0 && !endpoints.isLoading ? <Card className="og-card">{empty}</Card> : null}
          {items.map((e) => (
            <Card key={e.id} className="og-card">
              <div className="wh-card-row">
                <span style={{ fontWeight: 600 }}>{e.name}</span>
                {activeSwitch(e)}
              </div>
              <div className="wh-url" style={{ color: '#595959', margin: '4px 0 8px' }}>
                {e.url}
              </div>
              <div className="wh-counts">{eventsText(e)}</div>
              <div className="wh-counts" style={{ margin: '4px 0' }}>
                {counts(e)}
              </div>
              <div className="wh-card-row">
                {last(e)}
                {actions(e)}
              </div>
            </Card>
          ))}
        </div>
      )}
      {editing !== undefined ? (
        <WebhookFormModal
          endpoint={editing}
          onClose={() => setEditing(undefined)}
          onCreated={(s, name) => setSecret({ secret: s, name })}
        />
      ) : null}
      {secret ? (
        <WebhookSecretModal secret={secret.secret} name={secret.name} onClose={() => setSecret(null)} />
      ) : null}
      {logOf ? <WebhookDeliveriesDrawer endpoint={logOf} onClose={() => setLogOf(null)} /> : null}
    </div>
  );
}
