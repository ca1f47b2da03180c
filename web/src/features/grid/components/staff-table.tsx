import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { STAFF_POST_LABELS, type StaffPost } from '../../../../../common/grid';
import { RevealValue } from '../../../components/reveal-value';
import { errorMessage } from '../../../lib/errors';
import { formatDate } from '../../../lib/format';
import { pickLabel, useI18n } from '../../../lib/i18n';
import { useRemoveStaff } from '../api/remove-staff';
import { revealStaffPhone } from '../api/reveal-staff-phone';
import type { Staff } from '../api/types';
import { StaffFormModal } from './staff-form-modal';

/** Staff of one node; 查看 and 移除 appear only where the server's allowedActions say so. */
export function StaffTable({ nodeId, staff, canEdit }: { nodeId: number; staff: Staff[]; canEdit: boolean }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const remove = useRemoveStaff();
  const [adding, setAdding] = useState(false);

  const columns: TableColumnsType<Staff> = [
    {
      title: t('grid.staff.post'),
      dataIndex: 'post',
      width: 130,
      render: (post: string) => (
        <Tag color="red" variant="outlined">
          {STAFF_POST_LABELS[post as StaffPost]
            ? pickLabel(STAFF_POST_LABELS[post as StaffPost], locale)
            : post}
        </Tag>
      ),
    },
    { title: t('grid.staff.name'), dataIndex: 'name', width: 120 },
    {
      title: t('grid.staff.phone'),
      dataIndex: 'phoneMasked',
      render: (_v, row) => (
        <RevealValue
          masked={row.phoneMasked}
          canReveal={row.allowedActions.includes('reveal_phone')}
          reveal={() => revealStaffPhone(row.id)}
          testId={`reveal-phone-${row.id}`}
        />
      ),
    },
    {
      title: t('grid.staff.since'),
      dataIndex: 'since',
      width: 120,
      responsive: ['md'],
      render: (v: string | null) => formatDate(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_v, row) =>
        canEdit && row.allowedActions.includes('remove') ? (
          <Popconfirm
            title={t('grid.staff.remove.confirm', { name: row.name })}
            okText={t('grid.staff.remove')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutateAsync({ nodeId, staffId: row.id }).then(
                () => message.success(t('grid.staff.removed')),
                (error: unknown) => message.error(errorMessage(error, locale, t)),
              )
            }
          >
            <Button type="link" size="small" danger icon={<DeleteOutlined />}>
              {t('grid.staff.remove')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Card
      className="og-card"
      title={t('grid.staff.title')}
      extra={
        canEdit ? (
          <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="staff-add">
            {t('grid.staff.add')}
          </Button>
        ) : null
      }
      styles={{ body: { padding: 0 } }}
      data-testid="staff-table"
    >
      <Table<Staff>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={staff}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('grid.staff.empty') }}
      />
      <StaffFormModal open={adding} nodeId={nodeId} onClose={() => setAdding(false)} />
    </Card>
  );
}
