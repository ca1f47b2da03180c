import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Grid } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { usePermissions } from '../../../features/auth/hooks/use-permissions';
import { useCases } from '../../../features/cases/api/list-cases';
import type { CaseSummary } from '../../../features/cases/api/types';
import { BulkDispatchModal } from '../../../features/cases/components/bulk-dispatch-modal';
import { CaseFilters } from '../../../features/cases/components/case-filters';
import { CaseList } from '../../../features/cases/components/case-table';
import { useCaseListParams } from '../../../features/cases/hooks/use-case-list-params';
import { useCaseI18n } from '../../../features/cases/messages';
import { errorMessage } from '../../../lib/errors';

/** 全部事件: every case in scope with filters; dispatchers select accepted cases and dispatch them at once. */
export function CasesListPage() {
  const { t, locale } = useCaseI18n();
  const { can } = usePermissions();
  const { params, update, reset } = useCaseListParams();
  const list = useCases({
    view: 'all',
    state: params.state,
    categoryId: params.categoryId,
    nodeId: params.nodeId,
    unitId: params.unitId,
    source: params.source,
    overdue: params.overdue,
    supervised: params.supervised,
    q: params.q || undefined,
    sort: params.sort,
    page: params.page,
    pageSize: params.pageSize,
  });
  const canDispatch = can('case.dispatch');
  const desk = Grid.useBreakpoint().md !== false;
  const [selected, setSelected] = useState<Map<number, CaseSummary>>(new Map());
  const [bulkOpen, setBulkOpen] = useState(false);
  const selectedIds = useMemo(() => [...selected.keys()], [selected]);

  const onSelect = (ids: number[]) => {
    const next = new Map<number, CaseSummary>();
    const visible = new Map((list.data?.items ?? []).map((c) => [c.id, c]));
    for (const id of ids) {
      const row = visible.get(id) ?? selected.get(id);
      if (row) next.set(id, row);
    }
    setSelected(next);
  };

  return (
    <div data-testid="cases-list-page">
      <PageHeader
        title={t('nav.cases.all')}
        subtitle={
          params.nodeName ? `${params.nodeName} · ${t('cases.all.subtitle')}` : t('cases.all.subtitle')
        }
        extra={
          can('case.create') ? (
            <Link to="/cases/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="cases-new">
                {t('nav.cases.new')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Card className="og-card cs-list-card" styles={{ body: { padding: 12 } }}>
        <CaseFilters params={params} onChange={update} onReset={reset} />
        {canDispatch && desk && selectedIds.length > 0 ? (
          <div className="cs-bulkbar" data-testid="cases-bulkbar">
            <span>{t('cases.bulk.selected', { count: selectedIds.length })}</span>
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={() => setBulkOpen(true)}
              data-testid="cases-bulk-dispatch"
            >
              {t('cases.bulk.dispatch')}
            </Button>
            <Button type="link" onClick={() => setSelected(new Map())}>
              {t('cases.bulk.clear')}
            </Button>
          </div>
        ) : null}
        {list.isError ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(list.error, locale, t)}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <CaseList
          items={list.data?.items ?? []}
          total={list.data?.total ?? 0}
          loading={list.isFetching}
          page={params.page}
          pageSize={params.pageSize}
          onPageChange={(page, pageSize) => update(pageSize !== params.pageSize ? { pageSize } : { page })}
          selectedIds={canDispatch ? selectedIds : undefined}
          onSelect={canDispatch ? onSelect : undefined}
          // Only accepted cases can be dispatched (docs/domain/cases.md); the server still decides each one.
          selectable={(row) => row.state === 'accepted'}
          testId="cases-list"
        />
      </Card>
      <BulkDispatchModal
        open={bulkOpen}
        cases={[...selected.values()]}
        onClose={() => setBulkOpen(false)}
        onDone={() => {
          setBulkOpen(false);
          setSelected(new Map());
        }}
      />
    </div>
  );
}
