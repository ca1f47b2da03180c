import { Button, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { Building } from '../api/types';
import { useRegistryI18n } from '../messages';
import { buildingTypeLabel } from './labels';

const TYPE_COLORS: Record<string, string> = { residential: 'blue', commercial: 'gold', mixed: 'purple' };

/** 楼栋 table: number, micro-grid, type, layout and household count; 查看住户 opens the filtered list. */
export function BuildingsTable({
  data,
  loading,
  onOpenHouseholds,
}: {
  data: Building[];
  loading: boolean;
  onOpenHouseholds: (building: Building) => void;
}) {
  const { t, locale } = useRegistryI18n();
  const columns: TableColumnsType<Building> = [
    {
      title: t('reg.building.col.number'),
      dataIndex: 'number',
      fixed: 'left',
      width: 96,
      sorter: (a, b) => a.number.localeCompare(b.number, 'zh-CN', { numeric: true }),
      defaultSortOrder: 'ascend',
      render: (n: string, row) => (
        <div>
          <Typography.Text strong>{t('reg.building.label', { number: n })}</Typography.Text>
          {row.name ? (
            <div className="og-muted" style={{ fontSize: 12 }}>
              {row.name}
            </div>
          ) : null}
        </div>
      ),
    },
    { title: t('reg.building.col.node'), dataIndex: 'nodeName', width: 150, responsive: ['sm'] },
    {
      title: t('reg.building.col.type'),
      dataIndex: 'type',
      width: 100,
      responsive: ['md'],
      render: (type: string) => (
        <Tag color={TYPE_COLORS[type] ?? 'default'}>{buildingTypeLabel(type, locale)}</Tag>
      ),
    },
    {
      title: t('reg.building.col.layout'),
      key: 'layout',
      width: 170,
      render: (_v, row) => (
        <span className="og-mono">
          {row.units} × {row.floors} × {row.roomsPerFloor}
        </span>
      ),
    },
    {
      title: t('reg.building.col.households'),
      dataIndex: 'households',
      width: 90,
      align: 'right',
      sorter: (a, b) => a.households - b.households,
    },
    {
      title: t('reg.building.col.address'),
      dataIndex: 'address',
      responsive: ['lg'],
      render: (a: string | null) => a ?? <span className="og-muted">—</span>,
    },
    {
      key: 'go',
      width: 100,
      render: (_v, row) => (
        <Button
          type="link"
          size="small"
          onClick={() => onOpenHouseholds(row)}
          data-testid={`building-households-${row.id}`}
        >
          {t('reg.building.households')}
        </Button>
      ),
    },
  ];
  return (
    <Table<Building>
      data-testid="buildings-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data}
      loading={loading}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('reg.building.empty') }}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
    />
  );
}
