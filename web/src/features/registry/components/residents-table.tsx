import { ManOutlined, WomanOutlined } from '@ant-design/icons';
import { Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { RevealValue } from '../../../components/reveal-value';
import { revealResidentField } from '../api/reveal-resident';
import type { ResidentRow } from '../api/types';
import { type RegistryTranslate, useRegistryI18n } from '../messages';
import { allows } from './allowed';
import { politicalLabel, relationLabel } from './labels';
import { TagSymbols } from './tag-chip';

export function SexMark({ sex }: { sex: string | null }) {
  const { t } = useRegistryI18n();
  if (sex === 'male')
    return (
      <Tooltip title={t('reg.sex.male')}>
        <ManOutlined style={{ color: '#1677ff' }} aria-label={t('reg.sex.male')} />
      </Tooltip>
    );
  if (sex === 'female')
    return (
      <Tooltip title={t('reg.sex.female')}>
        <WomanOutlined style={{ color: '#eb2f96' }} aria-label={t('reg.sex.female')} />
      </Tooltip>
    );
  return <span className="og-muted">—</span>;
}

/** 人户一致: registered here and living here, shown as one word for the four combinations. */
export function HujiFlag({
  registeredHere,
  livingHere,
  t,
}: {
  registeredHere: boolean;
  livingHere: boolean;
  t: RegistryTranslate;
}) {
  if (registeredHere && livingHere) return <Tag color="green">{t('reg.flag.consistent')}</Tag>;
  if (registeredHere) return <Tag color="orange">{t('reg.flag.registeredOnly')}</Tag>;
  if (livingHere) return <Tag color="blue">{t('reg.flag.livingOnly')}</Tag>;
  return <Tag>{t('reg.flag.neither')}</Tag>;
}

export function StatusTag({ status, t }: { status: string; t: RegistryTranslate }) {
  if (status === 'active') return null;
  if (status === 'moved_out') return <Tag color="default">{t('reg.status.moved_out')}</Tag>;
  if (status === 'deceased') return <Tag color="default">{t('reg.status.deceased')}</Tag>;
  return <Tag>{status}</Tag>;
}

/** 居民 table: masked ID and phone, with an audited 查看 when the row allows it. */
export function ResidentsTable({
  data,
  total,
  totalCapped = false,
  loading,
  page,
  pageSize,
  onPageChange,
  onOpen,
  showRoom = true,
  testId = 'residents-table',
}: {
  data: ResidentRow[];
  total?: number;
  /** The total is a cap (a name search with more matches): shown as "over N". */
  totalCapped?: boolean;
  loading?: boolean;
  page?: number;
  pageSize?: number;
  onPageChange?: (page: number, pageSize: number) => void;
  onOpen: (row: ResidentRow) => void;
  showRoom?: boolean;
  testId?: string;
}) {
  const { t, locale } = useRegistryI18n();
  const columns: TableColumnsType<ResidentRow> = [
    {
      title: t('reg.col.name'),
      key: 'name',
      fixed: 'left',
      width: 120,
      render: (_v, row) => (
        <Space size={4} wrap={false}>
          <SexMark sex={row.sex} />
          <Typography.Link
            onClick={(e) => {
              e.stopPropagation();
              onOpen(row);
            }}
            data-testid={`resident-link-${row.id}`}
            strong
          >
            {row.name}
          </Typography.Link>
        </Space>
      ),
    },
    {
      title: t('reg.col.age'),
      dataIndex: 'age',
      width: 64,
      align: 'right',
      render: (age: number | null) => (age === null ? '—' : age),
    },
    ...(showRoom
      ? [
          {
            title: t('reg.col.room'),
            key: 'room',
            width: 110,
            render: (_v: unknown, row: ResidentRow) =>
              row.roomLabel ? (
                <span className="og-room">{row.roomLabel}</span>
              ) : (
                <span className="og-muted">—</span>
              ),
          },
        ]
      : []),
    {
      title: t('reg.col.tags'),
      key: 'tags',
      render: (_v, row) => <TagSymbols tags={row.tags} />,
    },
    {
      title: t('reg.col.relation'),
      dataIndex: 'relation',
      width: 96,
      responsive: ['sm'],
      render: (r: string) => relationLabel(r, locale),
    },
    {
      title: t('reg.col.huji'),
      key: 'huji',
      width: 120,
      responsive: ['md'],
      render: (_v, row) => (
        <Space size={4}>
          <HujiFlag registeredHere={row.registeredHere} livingHere={row.livingHere} t={t} />
          <StatusTag status={row.status} t={t} />
        </Space>
      ),
    },
    {
      title: t('reg.col.political'),
      dataIndex: 'politicalStatus',
      width: 110,
      responsive: ['lg'],
      render: (p: string) =>
        p === 'cpc_member' || p === 'cpc_probationary' ? (
          <Tag color="red">{politicalLabel(p, locale)}</Tag>
        ) : (
          politicalLabel(p, locale)
        ),
    },
    {
      title: t('reg.col.idNumber'),
      key: 'id',
      width: 230,
      responsive: ['lg'],
      render: (_v, row) => (
        <span onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
          <RevealValue
            masked={row.idNumberMasked}
            canReveal={allows(row.allowedActions, 'reveal_id')}
            reveal={() => revealResidentField(row.id, 'idNumber')}
            testId={`resident-reveal-id-${row.id}`}
          />
        </span>
      ),
    },
    {
      title: t('reg.col.phone'),
      key: 'phone',
      width: 170,
      responsive: ['md'],
      render: (_v, row) => (
        <span onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
          <RevealValue
            masked={row.phoneMasked}
            canReveal={allows(row.allowedActions, 'reveal_phone')}
            reveal={() => revealResidentField(row.id, 'phone')}
            testId={`resident-reveal-phone-${row.id}`}
          />
        </span>
      ),
    },
  ];

  return (
    <Table<ResidentRow>
      data-testid={testId}
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data}
      loading={loading}
      rowClassName={(row) =>
        row.status === 'active' ? 'og-clickable-row' : 'og-clickable-row og-row-inactive'
      }
      onRow={(row) => ({ onClick: () => onOpen(row), 'data-testid': `resident-row-${row.id}` }) as never}
      scroll={{ x: 'max-content' }}
      pagination={
        onPageChange
          ? {
              current: page,
              pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (count) =>
                totalCapped ? t('reg.totalCapped', { count }) : t('common.total', { count }),
              onChange: onPageChange,
              size: 'small',
            }
          : false
      }
    />
  );
}
