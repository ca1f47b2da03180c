import { SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Input, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { PageHeader } from '../../../components/page-header';
import { usePermissions } from '../../../features/auth/hooks/use-permissions';
import { GridNodePicker } from '../../../features/grid/components/grid-node-picker';
import { useUsers } from '../../../features/users/api/list-users';
import { CreateUserModal } from '../../../features/users/components/create-user-modal';
import { roleOptions } from '../../../features/users/components/role-options';
import { UsersTable } from '../../../features/users/components/users-table';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';
import { useScope } from '../../../lib/scope';

/** 用户管理: accounts in the administrator's subtree. */
export function UsersPage() {
  const { t, locale } = useI18n();
  const { can } = usePermissions();
  const { scope } = useScope();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();
  const [node, setNode] = useState<{ id: number; name: string } | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(text.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(timer);
  }, [text]);

  const users = useUsers({ q: q || undefined, role, nodeId: node?.id, page, pageSize });

  return (
    <div data-testid="users-page">
      <PageHeader
        title={t('nav.users')}
        subtitle={t('users.subtitle')}
        extra={
          can('user.write') ? (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => setCreating(true)}
              data-testid="user-create"
            >
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Card className="og-card" styles={{ body: { paddingBottom: 8 } }}>
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          <Col xs={24} md={8}>
            <Input
              allowClear
              prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
              placeholder={t('users.search.placeholder')}
              value={text}
              onChange={(e) => setText(e.target.value)}
              data-testid="users-search"
            />
          </Col>
          <Col xs={12} md={6}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('users.filter.role')}
              options={roleOptions(locale)}
              value={role}
              onChange={(value?: string) => {
                setRole(value);
                setPage(1);
              }}
              data-testid="users-role-filter"
            />
          </Col>
          <Col xs={12} md={10}>
            <GridNodePicker
              style={{ width: '100%' }}
              placeholder={t('users.filter.node')}
              value={node?.id ?? null}
              valueLabel={node?.name}
              onChange={(id, picked) => {
                setNode(id === null || !picked ? null : { id, name: picked.name });
                setPage(1);
              }}
            />
          </Col>
        </Row>
        {users.isError ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(users.error, locale, t)}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <UsersTable
          data={users.data?.items ?? []}
          total={users.data?.total ?? 0}
          loading={users.isFetching}
          page={page}
          pageSize={pageSize}
          onPageChange={(nextPage, nextSize) => {
            setPage(nextSize !== pageSize ? 1 : nextPage);
            setPageSize(nextSize);
          }}
        />
      </Card>
      {creating ? <CreateUserModal open onClose={() => setCreating(false)} defaultNode={scope} /> : null}
    </div>
  );
}
