import {
  CheckCircleOutlined,
  KeyOutlined,
  LockOutlined,
  MoreOutlined,
  PlusOutlined,
  SafetyCertificateFilled,
  StopOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Dropdown,
  type MenuProps,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { RevealValue } from '../../../components/reveal-value';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { useRemoveAssignment } from '../api/remove-assignment';
import { revealUserField } from '../api/reveal-user-field';
import type { User } from '../api/types';
import { useUnlockUser } from '../api/unlock-user';
import { useUpdateUser } from '../api/update-user';
import { AddAssignmentModal } from './add-assignment-modal';
import { ResetPasswordModal } from './reset-password-modal';
import { roleLabel } from './role-options';

function isLocked(user: User): boolean {
  return Boolean(user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now());
}

/** Accounts table; every action shown comes from the row's allowedActions. */
export function UsersTable({
  data,
  total,
  loading,
  page,
  pageSize,
  onPageChange,
}: {
  data: User[];
  total: number;
  loading: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
}) {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const unlock = useUnlockUser();
  const update = useUpdateUser();
  const removeAssignment = useRemoveAssignment();
  const [resetFor, setResetFor] = useState<User | null>(null);
  const [assignFor, setAssignFor] = useState<User | null>(null);

  const fail = (error: unknown) => message.error(errorMessage(error, locale, t));

  const confirmStatus = (user: User, status: 'active' | 'disabled') =>
    modal.confirm({
      title:
        status === 'disabled'
          ? t('users.disable.confirm', { name: user.displayName })
          : t('users.enable.confirm', { name: user.displayName }),
      content: status === 'disabled' ? t('users.disable.body') : undefined,
      okText: status === 'disabled' ? t('users.action.disable') : t('users.action.enable'),
      okButtonProps: { danger: status === 'disabled' },
      cancelText: t('common.cancel'),
      onOk: () =>
        update
          .mutateAsync({ id: user.id, input: { status } })
          .then(
            () => message.success(status === 'disabled' ? t('users.disabled') : t('users.enabled')),
            fail,
          ),
    });

  const rowMenu = (user: User): MenuProps['items'] => {
    const can = (action: string) => user.allowedActions.includes(action);
    const items: MenuProps['items'] = [];
    if (can('reset_password')) {
      items.push({
        key: 'reset',
        icon: <KeyOutlined />,
        label: t('users.action.resetPassword'),
        onClick: () => setResetFor(user),
      });
    }
    if (can('unlock')) {
      items.push({
        key: 'unlock',
        icon: <UnlockOutlined />,
        label: t('users.action.unlock'),
        onClick: () =>
          unlock.mutate(user.id, { onSuccess: () => message.success(t('users.unlocked')), onError: fail }),
      });
    }
    if (can('assign')) {
      items.push({
        key: 'assign',
        icon: <PlusOutlined />,
        label: t('users.assignment.add'),
        onClick: () => setAssignFor(user),
      });
    }
    if (can('disable')) {
      items.push({ type: 'divider' });
      items.push({
        key: 'disable',
        icon: <StopOutlined />,
        danger: true,
        label: t('users.action.disable'),
        onClick: () => confirmStatus(user, 'disabled'),
      });
    }
    if (can('enable')) {
      items.push({ type: 'divider' });
      items.push({
        key: 'enable',
        icon: <CheckCircleOutlined />,
        label: t('users.action.enable'),
        onClick: () => confirmStatus(user, 'active'),
      });
    }
    return items;
  };

  const columns: TableColumnsType<User> = [
    {
      title: t('users.col.user'),
      key: 'user',
      width: 190,
      render: (_v, user) => (
        <div>
          <Space size={4} wrap>
            <Typography.Text strong>{user.displayName}</Typography.Text>
            {user.totpEnabled ? (
              <Tooltip title={t('users.totpOn')}>
                <SafetyCertificateFilled style={{ color: '#2f8f46' }} />
              </Tooltip>
            ) : null}
          </Space>
          <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.5)' }}>@{user.username}</div>
        </div>
      ),
    },
    {
      title: t('users.col.status'),
      key: 'status',
      width: 110,
      render: (_v, user) => (
        <Space size={4} wrap>
          {user.status === 'active' ? (
            <Tag color="green">{t('users.status.active')}</Tag>
          ) : (
            <Tag>{t('users.status.disabled')}</Tag>
          )}
          {isLocked(user) ? (
            <Tooltip title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>
              <Tag color="orange" icon={<LockOutlined />}>
                {t('users.status.locked')}
              </Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('users.field.phone'),
      key: 'phone',
      width: 170,
      render: (_v, user) => (
        <RevealValue
          masked={user.phoneMasked}
          canReveal={user.allowedActions.includes('reveal_phone')}
          reveal={() => revealUserField(user.id, 'phone')}
          testId={`user-reveal-phone-${user.id}`}
        />
      ),
    },
    {
      title: t('users.field.idNumber'),
      key: 'idNumber',
      width: 230,
      responsive: ['md'],
      render: (_v, user) => (
        <RevealValue
          masked={user.idNumberMasked}
          canReveal={user.allowedActions.includes('reveal_id')}
          reveal={() => revealUserField(user.id, 'idNumber')}
          testId={`user-reveal-id-${user.id}`}
        />
      ),
    },
    {
      title: t('users.col.assignments'),
      key: 'assignments',
      render: (_v, user) => {
        const canAssign = user.allowedActions.includes('assign');
        if (user.assignments.length === 0)
          return <Typography.Text type="secondary">{t('users.noAssignments')}</Typography.Text>;
        return (
          <Space size={[4, 4]} wrap>
            {user.assignments.map((a) => (
              <Tag
                key={a.id}
                color="red"
                variant="outlined"
                closable={canAssign}
                onClose={(event) => {
                  event.preventDefault();
                  modal.confirm({
                    title: t('users.assignment.removeConfirm', {
                      role: roleLabel(a.role, locale),
                      node: a.nodeName,
                      name: user.displayName,
                    }),
                    okText: t('common.remove'),
                    okButtonProps: { danger: true },
                    cancelText: t('common.cancel'),
                    onOk: () =>
                      removeAssignment
                        .mutateAsync({ userId: user.id, assignmentId: a.id })
                        .then(() => message.success(t('users.assignment.removed')), fail),
                  });
                }}
              >
                {roleLabel(a.role, locale)} · {a.nodeName}
              </Tag>
            ))}
          </Space>
        );
      },
    },
    {
      title: t('users.col.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 170,
      responsive: ['lg'],
      render: (v: string | null) =>
        v ? (
          formatDateTime(v)
        ) : (
          <Typography.Text type="secondary">{t('users.neverLoggedIn')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_v, user) => {
        const items = rowMenu(user);
        if (!items || items.length === 0) return null;
        return (
          <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
            <Button
              type="text"
              icon={<MoreOutlined />}
              aria-label={t('common.more')}
              data-testid={`user-actions-${user.id}`}
            />
          </Dropdown>
        );
      },
    },
  ];

  return (
    <>
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={data}
        loading={loading}
        scroll={{ x: 'max-content' }}
        size="middle"
        data-testid="users-table"
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (count) => t('common.total', { count }),
          onChange: onPageChange,
        }}
      />
      {resetFor ? <ResetPasswordModal user={resetFor} onClose={() => setResetFor(null)} /> : null}
      {assignFor ? <AddAssignmentModal user={assignFor} onClose={() => setAssignFor(null)} /> : null}
    </>
  );
}
