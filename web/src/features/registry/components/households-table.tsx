import { Grid, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { formatDate } from '../../../lib/format';
import type { HouseholdRow } from '../api/types';
import { useRegistryI18n } from '../messages';
import { householdUseLabel, USE_COLORS } from './labels';
import { TagSymbols } from './tag-chip';

/** 住户 table: room number first with its symbols, as on the grid chart; a row opens the household. */
export function HouseholdsTable({
  data,
  total,
  totalCapped = false,
  loading,
  page,
  pageSize,
  onPageChange,
  onOpen,
}: {
  data: HouseholdRow[];
  total: number;
  /** The total is a cap (more matches than counted): shown as "over N". */
  totalCapped?: boolean;
  loading: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
  onOpen: (row: HouseholdRow) => void;
}) {
  const { t, locale } = useRegistryI18n();
  // Wide screens have room for the names next to the symbols; phones show the symbols alone.
  const labelled = Boolean(Grid.useBreakpoint().xl);
  const columns: TableColumnsType<HouseholdRow> = [
    {
      title: t('reg.col.room'),
      key: 'room',
      fixed: 'left',
      width: 128,
      render: (_v, row) => (
        <Typography.Link
          className="og-room"
          onClick={(e) => {
            e.stopPropagation();
            onOpen(row);
          }}
          data-testid={`household-link-${row.id}`}
        >
          {row.roomLabel}
        </Typography.Link>
      ),
    },
    {
      title: t('reg.col.tags'),
      key: 'tags',
      render: (_v, row) => <TagSymbols tags={row.tags} labelled={labelled} />,
    },
    {
      title: t('reg.col.householder'),
      dataIndex: 'householderName',
      width: 110,
      render: (name: string | null) => name ?? <span className="og-muted">—</span>,
    },
    {
      title: t('reg.col.members'),
      dataIndex: 'members',
      width: 70,
      align: 'right',
      responsive: ['sm'],
    },
    {
      title: t('reg.col.use'),
      dataIndex: 'use',
      width: 96,
      responsive: ['md'],
      render: (use: string) => (
        <Tag color={USE_COLORS[use] ?? 'default'}>{householdUseLabel(use, locale)}</Tag>
      ),
    },
    {
      title: t('reg.col.building'),
      dataIndex: 'buildingNumber',
      width: 100,
      responsive: ['lg'],
      render: (n: string) => t('reg.building.label', { number: n }),
    },
    {
      title: t('reg.col.lastVisit'),
      dataIndex: 'lastVisitAt',
      width: 116,
      responsive: ['md'],
      render: (at: string | null) =>
        at ? formatDate(at) : <Typography.Text type="warning">{t('reg.never')}</Typography.Text>,
    },
  ];

  return (
    <Table<HouseholdRow>
      data-testid="households-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data}
      loading={loading}
      rowClassName={() => 'og-clickable-row'}
      onRow={(row) => ({ onClick: () => onOpen(row), 'data-testid': `household-row-${row.id}` }) as never}
      scroll={{ x: 'max-content' }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (count) => (totalCapped ? t('reg.totalCapped', { count }) : t('common.total', { count })),
        onChange: onPageChange,
        size: 'small',
      }}
    />
  );
}
