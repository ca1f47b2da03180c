import { Button, Table, type TableColumnsType } from 'antd';
import { formatDateTime } from '../../../lib/format';
import type { AccountStatus } from '../api/resident-accounts';
import type { ResidentAccount } from '../api/types';
import { useResidentText } from '../messages';

/** Residents' registrations of one status; pending ones open the matching drawer. */
export function RegistrationsTable({
  status,
  items,
  total,
  page,
  loading,
  onPage,
  onMatch,
}: {
  status: AccountStatus;
  items: ResidentAccount[];
  total: number;
  page: number;
  loading: boolean;
  onPage: (page: number) => void;
  onMatch: (a: ResidentAccount) => void;
}) {
  const rt = useResidentText();
  const columns: TableColumnsType<ResidentAccount> = [
    { title: rt('ra.col.name'), dataIndex: 'name', width: 110 },
    { title: rt('ra.col.phone'), dataIndex: 'phoneMasked', width: 130, className: 'og-mono' },
    { title: rt('ra.col.community'), dataIndex: 'communityName', width: 140 },
    { title: rt('ra.col.room'), dataIndex: 'roomText' },
    status === 'confirmed'
      ? { title: rt('ra.col.matched'), dataIndex: 'roomLabel', width: 140 }
      : status === 'rejected'
        ? { title: rt('ra.col.reason'), dataIndex: 'rejectReason' }
        : {
            title: rt('ra.col.createdAt'),
            dataIndex: 'createdAt',
            width: 170,
            render: (v: string) => formatDateTime(v),
          },
    ...(status === 'pending'
      ? [
          {
            title: '',
            key: 'actions',
            width: 96,
            render: (_: unknown, a: ResidentAccount) => (
              <Button type="primary" size="small" data-testid={`ra-match-${a.id}`} onClick={() => onMatch(a)}>
                {rt('ra.match')}
              </Button>
            ),
          },
        ]
      : [
          {
            title: rt('ra.col.decidedAt'),
            dataIndex: 'decidedAt',
            width: 170,
            render: (v: string) => formatDateTime(v),
          },
        ]),
  ];
  return (
    <Table<ResidentAccount>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      locale={{ emptyText: rt('ra.empty') }}
      scroll={{ x: 720 }}
      pagination={{ current: page, total, pageSize: 20, showSizeChanger: false, onChange: onPage }}
      data-testid="ra-table"
    />
  );
}
