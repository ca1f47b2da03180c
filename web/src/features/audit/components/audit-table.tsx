import { Col, Row, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { formatDateTime } from '../../../lib/format';
import { pickLabel, useI18n } from '../../../lib/i18n';
import type { AuditEntry, AuditOutcome } from '../api/types';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_TYPES } from './audit-labels';

const OUTCOME_COLORS: Record<AuditOutcome, string> = { success: 'green', failure: 'orange', denied: 'red' };

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {title}
      </Typography.Text>
      <pre className="og-json og-mono">
        {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

export function AuditTable({
  data,
  total,
  loading,
  page,
  pageSize,
  onPageChange,
}: {
  data: AuditEntry[];
  total: number;
  loading: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
}) {
  const { t, locale } = useI18n();

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.col.seq'),
      dataIndex: 'seq',
      width: 80,
      render: (v: number) => <span className="og-mono">{v}</span>,
    },
    { title: t('audit.col.time'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.col.actor'),
      dataIndex: 'actorName',
      width: 120,
      render: (v: string | null, row) =>
        v ? (
          <Tooltip title={row.actorId !== null ? `#${row.actorId}` : undefined}>{v}</Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('audit.actor.anonymous')}</Typography.Text>
        ),
    },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      width: 190,
      render: (v: string) => (
        <div>
          <div>{AUDIT_ACTION_LABELS[v] ? pickLabel(AUDIT_ACTION_LABELS[v], locale) : v}</div>
          <div className="og-mono" style={{ fontSize: 11, color: 'rgba(0,0,0,0.45)' }}>
            {v}
          </div>
        </div>
      ),
    },
    {
      title: t('audit.col.entity'),
      key: 'entity',
      width: 140,
      render: (_v, row) =>
        row.entityType ? (
          <span>
            {AUDIT_ENTITY_TYPES[row.entityType]
              ? pickLabel(AUDIT_ENTITY_TYPES[row.entityType], locale)
              : row.entityType}
            {row.entityId !== null && row.entityId !== undefined ? (
              <span className="og-mono" style={{ color: 'rgba(0,0,0,0.5)' }}>
                {' '}
                #{row.entityId}
              </span>
            ) : null}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('audit.col.outcome'),
      dataIndex: 'outcome',
      width: 90,
      render: (v: AuditOutcome) => (
        <Tag color={OUTCOME_COLORS[v] ?? 'default'} data-testid="audit-outcome">
          {t(`audit.outcome.${v}` as 'audit.outcome.success')}
        </Tag>
      ),
    },
    {
      title: 'IP',
      dataIndex: 'ip',
      width: 130,
      render: (v: string | null) => <span className="og-mono">{v ?? '—'}</span>,
    },
    {
      title: t('audit.col.requestId'),
      dataIndex: 'requestId',
      width: 150,
      render: (v: string | null) =>
        v ? (
          <Typography.Text
            className="og-mono"
            copyable={{ text: v }}
            style={{ fontSize: 12 }}
            ellipsis={{ tooltip: v }}
          >
            {v.length > 14 ? `${v.slice(0, 14)}…` : v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Table<AuditEntry>
      rowKey="seq"
      size="middle"
      columns={columns}
      dataSource={data}
      loading={loading}
      scroll={{ x: 'max-content' }}
      data-testid="audit-table"
      expandable={{
        rowExpandable: (row) => row.before != null || row.after != null,
        expandedRowRender: (row) => (
          <Row gutter={[16, 12]}>
            <Col xs={24} lg={12}>
              <JsonBlock title={t('audit.before')} value={row.before} />
            </Col>
            <Col xs={24} lg={12}>
              <JsonBlock title={t('audit.after')} value={row.after} />
            </Col>
          </Row>
        ),
      }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (count) => t('common.total', { count }),
        onChange: onPageChange,
      }}
    />
  );
}
