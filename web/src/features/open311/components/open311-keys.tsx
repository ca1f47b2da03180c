import { EditOutlined, PlusOutlined, PoweroffOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Empty, Grid, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import { errorMessage } from '../../../lib/errors';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useOpen311Keys } from '../api/list-keys';
import type { Open311Key, Open311KeyIssued } from '../api/types';
import { useUpdateOpen311Key } from '../api/update-key';
import { useOpen311Text } from '../messages';
import { KeyFormModal } from './key-form-modal';
import { KeyIssuedModal } from './key-issued-modal';
import { Open311Help } from './open311-help';

/** Open311 接入 (settings.write): one key per outside client — issue (shown once), edit, deactivate, reactivate. */
export function Open311KeysScreen() {
  const { t, tCore, locale } = useOpen311Text();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const keys = useOpen311Keys();
  const update = useUpdateOpen311Key();
  const [editing, setEditing] = useState<Open311Key | null | undefined>(undefined);
  const [issued, setIssued] = useState<Open311KeyIssued | null>(null);
  const fail = (err: unknown) => message.error(errorMessage(err, locale, tCore));

  const setActive = (k: Open311Key, active: boolean) =>
    update.mutate(
      { id: k.id, patch: { active } },
      {
        onSuccess: () =>
          message.success(t(active ? 'o311.reactivated' : 'o311.deactivated', { name: k.name })),
        onError: fail,
      },
    );

  const busy = (k: Open311Key) => update.isPending && update.variables?.id === k.id;

  const name = (k: Open311Key) => (
    <div className="o311-name">
      <div className="o311-name-text">{k.name}</div>
      <div className="og-mono o311-prefix">{k.prefix}…</div>
    </div>
  );

  const mode = (k: Open311Key) => (
    <Tag color={k.mode === 'batch' ? 'purple' : 'blue'} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {t(`o311.mode.${k.mode}`)}
    </Tag>
  );

  const status = (k: Open311Key) => (
    <Badge
      className="o311-status"
      status={k.active ? 'success' : 'default'}
      text={k.active ? t('o311.status.active') : t('o311.status.inactive')}
      data-testid="open311-key-status"
    />
  );

  const lastUsed = (k: Open311Key) =>
    k.lastUsedAt ? (
      <div className="o311-usage">
        <div>{formatDateTime(k.lastUsedAt).slice(0, 16)}</div>
        <div className="o311-muted">{t('o311.requests', { count: k.requestCount })}</div>
      </div>
    ) : (
      <span className="o311-muted">{t('o311.never')}</span>
    );

  const actions = (k: Open311Key) => (
    <Space size={4} className="o311-actions">
      <Button
        size="small"
        type="text"
        icon={<EditOutlined />}
        onClick={() => setEditing(k)}
        data-testid="open311-key-edit"
      >
        {t('o311.editShort')}
      </Button>
      {k.active ? (
        <Popconfirm
          title={t('o311.deactivate.confirm')}
          okText={t('o311.deactivate')}
          okButtonProps={{ danger: true, ...({ 'data-testid': 'open311-key-deactivate-ok' } as object) }}
          onConfirm={() => setActive(k, false)}
        >
          <Button
            size="small"
            type="text"
            danger
            icon={<PoweroffOutlined />}
            loading={busy(k)}
            data-testid="open311-key-deactivate"
          >
            {t('o311.deactivate')}
          </Button>
        </Popconfirm>
      ) : (
        <Button
          size="small"
          type="text"
          icon={<PoweroffOutlined />}
          loading={busy(k)}
          onClick={() => setActive(k, true)}
          data-testid="open311-key-reactivate"
        >
          {t('o311.reactivate')}
        </Button>
      )}
    </Space>
  );

  const items = keys.data ?? [];
  const empty = (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('o311.empty')} style={{ padding: '32px 0' }} />
  );
  const rowClass = (k: Open311Key) => (k.active ? '' : 'o311-inactive');

  return (
    <div data-testid="open311-page">
      <PageHeader
        title={t('o311.title')}
        subtitle={t('o311.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing(null)}
            data-testid="open311-key-create"
          >
            {t('o311.create')}
          </Button>
        }
      />
      {keys.isError ? (
        <Alert
          type="error"
          showIcon
          title={`${t('o311.load.error')}：${errorMessage(keys.error, locale, tCore)}`}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {screens.md ? (
        <Card className="og-card" styles={{ body: { padding: 0 } }}>
          <Table<Open311Key>
            rowKey="id"
            loading={keys.isLoading}
            dataSource={items}
            pagination={false}
            locale={{ emptyText: empty }}
            rowClassName={rowClass}
            data-testid="open311-keys-table"
            columns={[
              { title: t('o311.col.name'), render: (_: unknown, k) => name(k) },
              { title: t('o311.col.node'), dataIndex: 'nodeName', width: 170 },
              { title: t('o311.col.mode'), width: 96, render: (_: unknown, k) => mode(k) },
              { title: t('o311.col.status'), width: 124, render: (_: unknown, k) => status(k) },
              {
                title: t('o311.col.created'),
                width: 116,
                render: (_: unknown, k) => formatDate(k.createdAt),
              },
              { title: t('o311.col.lastUsed'), width: 150, render: (_: unknown, k) => lastUsed(k) },
              { title: t('o311.col.actions'), width: 216, render: (_: unknown, k) => actions(k) },
            ]}
          />
        </Card>
      ) : (
        <div className="o311-cards" data-testid="open311-keys-cards">
          {items.length === 0 && !keys.isLoading ? <Card className="og-card">{empty}</Card> : null}
          {items.map((k) => (
            <Card key={k.id} className={`og-card ${rowClass(k)}`} data-testid="open311-key-card">
              <div className="o311-card-row">
                {name(k)}
                {status(k)}
              </div>
              <dl className="o311-card-facts">
                <dt>{t('o311.col.node')}</dt>
                <dd>{k.nodeName}</dd>
                <dt>{t('o311.col.mode')}</dt>
                <dd>{mode(k)}</dd>
                <dt>{t('o311.col.created')}</dt>
                <dd>{formatDate(k.createdAt)}</dd>
                <dt>{t('o311.col.lastUsed')}</dt>
                <dd>
                  {k.lastUsedAt
                    ? `${formatDateTime(k.lastUsedAt).slice(0, 16)} · ${t('o311.requests', { count: k.requestCount })}`
                    : t('o311.never')}
                </dd>
              </dl>
              <div className="o311-card-actions">{actions(k)}</div>
            </Card>
          ))}
        </div>
      )}
      <Open311Help />
      {editing !== undefined ? (
        <KeyFormModal editing={editing} onClose={() => setEditing(undefined)} onIssued={setIssued} />
      ) : null}
      {issued ? <KeyIssuedModal issued={issued} onClose={() => setIssued(null)} /> : null}
    </div>
  );
}
