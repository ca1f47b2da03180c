import { Alert, Card } from 'antd';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ExportButton } from '../../../features/imports';
import { useHouseholds } from '../../../features/registry/api/list-households';
import { HouseholdsTable } from '../../../features/registry/components/households-table';
import { RegistryFilters } from '../../../features/registry/components/registry-filters';
import { useListParams } from '../../../features/registry/hooks/use-list-params';
import { useRegistryI18n } from '../../../features/registry/messages';
import { errorMessage } from '../../../lib/errors';

/** 住户: every household in the chosen grid, filterable by building, tag and use, searchable by room or name. */
export function HouseholdsPage() {
  const { t, locale } = useRegistryI18n();
  const navigate = useNavigate();
  const { params, update } = useListParams();
  const list = useHouseholds({
    nodeId: params.nodeId,
    buildingId: params.buildingId,
    tag: params.tag,
    use: params.use,
    q: params.q || undefined,
    page: params.page,
    pageSize: params.pageSize,
  });

  return (
    <div data-testid="households-page">
      <PageHeader
        title={t('nav.households')}
        subtitle={t('reg.households.subtitle')}
        extra={
          <ExportButton
            kind="households"
            filters={{
              nodeId: params.nodeId,
              buildingId: params.buildingId,
              tag: params.tag,
              use: params.use,
              q: params.q || undefined,
            }}
          />
        }
      />
      <Card className="og-card" styles={{ body: { paddingBottom: 8 } }}>
        <RegistryFilters kind="households" params={params} onChange={update} />
        {list.isError ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(list.error, locale, t)}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <HouseholdsTable
          data={list.data?.items ?? []}
          total={list.data?.total ?? 0}
          totalCapped={list.data?.totalCapped ?? false}
          loading={list.isFetching}
          page={params.page}
          pageSize={params.pageSize}
          onPageChange={(page, pageSize) => update(pageSize !== params.pageSize ? { pageSize } : { page })}
          onOpen={(row) => navigate(`/registry/households/${row.id}`)}
        />
      </Card>
    </div>
  );
}
