import { UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { usePermissions } from '../../../features/auth/hooks/use-permissions';
import { ExportButton } from '../../../features/imports';
import { useResidents } from '../../../features/registry/api/list-residents';
import { RegistryFilters } from '../../../features/registry/components/registry-filters';
import { ResidentFormModal } from '../../../features/registry/components/resident-form-modal';
import { ResidentsTable } from '../../../features/registry/components/residents-table';
import { useListParams } from '../../../features/registry/hooks/use-list-params';
import { useRegistryI18n } from '../../../features/registry/messages';
import { errorMessage } from '../../../lib/errors';

/** 居民: people in the chosen grid; search by name fragment, room label or a full ID number. */
export function ResidentsPage() {
  const { t, locale } = useRegistryI18n();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const { params, update } = useListParams({ status: 'active' });
  const [creating, setCreating] = useState(false);
  const list = useResidents({
    nodeId: params.nodeId,
    buildingId: params.buildingId,
    tag: params.tag,
    status: params.status,
    q: params.q || undefined,
    page: params.page,
    pageSize: params.pageSize,
  });

  return (
    <div data-testid="residents-page">
      <PageHeader
        title={t('nav.residents')}
        subtitle={t('reg.residents.subtitle')}
        extra={
          <Space wrap>
            <ExportButton
              kind="residents"
              filters={{
                nodeId: params.nodeId,
                buildingId: params.buildingId,
                tag: params.tag,
                q: params.q || undefined,
              }}
            />
            {can('person.write') ? (
              <Button
                type="primary"
                icon={<UserAddOutlined />}
                onClick={() => setCreating(true)}
                data-testid="resident-create"
              >
                {t('reg.household.addResident')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card className="og-card" styles={{ body: { paddingBottom: 8 } }}>
        <RegistryFilters kind="residents" params={params} onChange={update} />
        {list.isError ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(list.error, locale, t)}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <ResidentsTable
          data={list.data?.items ?? []}
          total={list.data?.total ?? 0}
          totalCapped={list.data?.totalCapped ?? false}
          loading={list.isFetching}
          page={params.page}
          pageSize={params.pageSize}
          onPageChange={(page, pageSize) => update(pageSize !== params.pageSize ? { pageSize } : { page })}
          onOpen={(row) => navigate(`/registry/residents/${row.id}`)}
        />
      </Card>
      {creating ? (
        <ResidentFormModal
          open
          mode="create"
          onClose={() => setCreating(false)}
          onDone={(saved) => navigate(`/registry/residents/${saved.id}`)}
        />
      ) : null}
    </div>
  );
}
