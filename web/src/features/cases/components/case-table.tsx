import '../cases.css';
import { RightOutlined } from '@ant-design/icons';
import { Empty, Grid, Pagination, Table, type TableColumnsType, Typography } from 'antd';
import type { Key, ReactNode } from 'react';
import { Link } from 'react-router';
import { CASE_SOURCE_LABELS } from '../../../../../common/cases';
import { formatDateTime } from '../../../lib/format';
import type { CaseSummary } from '../api/types';
import { useCaseI18n } from '../messages';
import { CaseStateTag } from './case-state-tag';
import { CaseWarning, DueText, SupervisedFlag, UrgencyTag } from './case-warning';

/** Where it happened, as briefly as the record allows: room, else address, else the grid. */
export function placeText(item: Pick<CaseSummary, 'roomLabel' | 'address' | 'nodeName'>): string {
  return item.roomLabel ?? item.address ?? item.nodeName;
}

function shortTime(value: string): string {
  return formatDateTime(value).slice(0, 16);
}

/** Badges that ride next to a title: overdue / due soon, supervised, urgency, reopened. */
export function CaseBadges({ item }: { item: CaseSummary }) {
  const { t } = useCaseI18n();
  return (
    <>
      <CaseWarning level={item.warning} />
      {item.supervised ? <SupervisedFlag /> : null}
      <UrgencyTag urgency={item.urgency} />
      {item.reopenCount > 0 ? (
        <span className="cs-reopen">{t('cases.reopened', { count: item.reopenCount })}</span>
      ) : null}
    </>
  );
}

export interface CaseListProps {
  items: CaseSummary[];
  total: number;
  loading: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
  /** Row selection for bulk work (desktop only); absent = no checkboxes. */
  selectedIds?: number[];
  onSelect?: (ids: number[]) => void;
  /** Rows that may be ticked (the rest show a disabled box); all when absent. */
  selectable?: (row: CaseSummary) => boolean;
  empty?: ReactNode;
  testId?: string;
}

/** 事件列表 on a desk: dense rows, number and state first, the deadline in its warning colour. */
export function CaseTable({
  items,
  total,
  loading,
  page,
  pageSize,
  onPageChange,
  selectedIds,
  onSelect,
  selectable,
  empty,
  testId = 'case-table',
}: CaseListProps) {
  const { t, label } = useCaseI18n();
  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('cases.col.number'),
      key: 'number',
      width: 138,
      render: (_v, row) => (
        <Link to={`/cases/${row.id}`} className="cs-number" data-testid={`case-link-${row.id}`}>
          {row.number}
        </Link>
      ),
    },
    {
      title: t('cases.col.title'),
      key: 'title',
      render: (_v, row) => (
        <div className="cs-title-cell">
          <div className="cs-title-line">
            <Link to={`/cases/${row.id}`} className="cs-title-text" title={row.title}>
              {row.title}
            </Link>
            <CaseBadges item={row} />
          </div>
          <div className="cs-sub">
            {row.categoryName} · {label(CASE_SOURCE_LABELS[row.source])} · {shortTime(row.createdAt)}
          </div>
        </div>
      ),
    },
    {
      title: t('cases.col.state'),
      key: 'state',
      width: 104,
      render: (_v, row) => <CaseStateTag state={row.state} />,
    },
    {
      title: t('cases.col.place'),
      key: 'place',
      width: 150,
      responsive: ['lg'],
      render: (_v, row) => (
        <div className="cs-place">
          <div className={row.roomLabel ? 'og-room' : undefined}>{placeText(row)}</div>
          {row.roomLabel || row.address ? <div className="cs-sub">{row.nodeName}</div> : null}
        </div>
      ),
    },
    {
      title: t('cases.col.unit'),
      key: 'unit',
      width: 112,
      responsive: ['xl'],
      render: (_v, row) => row.leadUnitName ?? <span className="og-muted">—</span>,
    },
    {
      title: t('cases.col.due'),
      key: 'due',
      width: 124,
      render: (_v, row) => <DueText item={row} />,
    },
    {
      title: t('cases.col.created'),
      key: 'created',
      width: 130,
      responsive: ['xxl'],
      render: (_v, row) => <span className="cs-time">{shortTime(row.createdAt)}</span>,
    },
  ];

  return (
    <Table<CaseSummary>
      data-testid={testId}
      rowKey="id"
      size="small"
      className="cs-table"
      columns={columns}
      dataSource={items}
      loading={loading}
      locale={{ emptyText: empty ?? <Empty description={t('cases.empty.list')} /> }}
      rowClassName={(row) => `cs-row cs-row-${row.warning}`}
      onRow={(row) => ({ 'data-testid': `case-row-${row.id}`, 'data-number': row.number }) as never}
      rowSelection={
        onSelect
          ? {
              selectedRowKeys: selectedIds ?? [],
              onChange: (keys: Key[]) => onSelect(keys.map(Number)),
              preserveSelectedRowKeys: true,
              columnWidth: 40,
              getCheckboxProps: (row: CaseSummary) => ({
                disabled: selectable ? !selectable(row) : false,
                'aria-label': row.number,
              }),
            }
          : undefined
      }
      scroll={{ x: 'max-content' }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (count) => t('common.total', { count }),
        onChange: onPageChange,
        size: 'small',
      }}
    />
  );
}

/** One case as a card for a phone: what, where, how late, and a big tap target to open it. */
export function CaseCard({ item }: { item: CaseSummary }) {
  const { label } = useCaseI18n();
  return (
    <Link
      to={`/cases/${item.id}`}
      className={`cs-card cs-card-${item.warning}`}
      data-testid={`case-card-${item.id}`}
      data-number={item.number}
    >
      <div className="cs-card-body">
        <div className="cs-card-top">
          <span className="cs-number">{item.number}</span>
          <CaseStateTag state={item.state} />
        </div>
        <div className="cs-card-title">{item.title}</div>
        <div className="cs-card-badges">
          <CaseBadges item={item} />
        </div>
        <div className="cs-card-meta">
          <span className={item.roomLabel ? 'og-room' : undefined}>{placeText(item)}</span>
          <span className="cs-sub">
            {item.categoryName} · {label(CASE_SOURCE_LABELS[item.source])}
          </span>
        </div>
        <div className="cs-card-foot">
          <DueText item={item} hideEmpty />
          {item.leadUnitName ? <span className="cs-sub">{item.leadUnitName}</span> : null}
        </div>
      </div>
      <RightOutlined className="cs-card-chevron" aria-hidden />
    </Link>
  );
}

export function CaseCards({
  items,
  total,
  loading,
  page,
  pageSize,
  onPageChange,
  empty,
  testId = 'case-cards',
}: CaseListProps) {
  const { t } = useCaseI18n();
  if (!loading && items.length === 0) {
    return <div data-testid={testId}>{empty ?? <Empty description={t('cases.empty.list')} />}</div>;
  }
  return (
    <div data-testid={testId} className={loading ? 'cs-cards cs-loading' : 'cs-cards'}>
      {items.map((item) => (
        <CaseCard key={item.id} item={item} />
      ))}
      {total > pageSize ? (
        <Pagination
          simple
          size="small"
          current={page}
          pageSize={pageSize}
          total={total}
          onChange={onPageChange}
          style={{ textAlign: 'center', marginTop: 8 }}
        />
      ) : null}
      <Typography.Text type="secondary" className="cs-total">
        {t('common.total', { count: total })}
      </Typography.Text>
    </div>
  );
}

/** Table on a desk, cards on a phone: the same list props either way. */
export function CaseList(props: CaseListProps) {
  const screens = Grid.useBreakpoint();
  // Before the first measure (and in tests) antd reports nothing: treat that as a desk.
  const phone = screens.md === false;
  return phone ? <CaseCards {...props} /> : <CaseTable {...props} />;
}
