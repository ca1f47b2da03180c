import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Grid, Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { usePermissions } from '../../../features/auth/hooks/use-permissions';
import { useCases } from '../../../features/cases/api/list-cases';
import type { CaseListFilters } from '../../../features/cases/api/types';
import { CaseList } from '../../../features/cases/components/case-table';
import { useCaseI18n } from '../../../features/cases/messages';
import { errorMessage } from '../../../lib/errors';
import { useScope } from '../../../lib/scope';

type TabKey = 'mine' | 'grid' | 'overdue' | 'supervised';
const TABS: readonly TabKey[] = ['mine', 'grid', 'overdue', 'supervised'];

function filtersFor(
  tab: TabKey,
  nodeId: number | undefined,
  page: number,
  pageSize: number,
): CaseListFilters {
  switch (tab) {
    case 'mine':
      return { view: 'inbox', page, pageSize, sort: 'due' };
    case 'grid':
      return { view: 'all', nodeId, page, pageSize, sort: 'due' };
    case 'overdue':
      return { view: 'all', nodeId, overdue: true, page, pageSize, sort: 'due' };
    case 'supervised':
      return { view: 'all', nodeId, supervised: true, page, pageSize, sort: 'due' };
  }
}

/** A tab's label with its count, fetched as a one-row page so every tab shows how much waits there. */
function TabLabel({ tab, nodeId, text }: { tab: TabKey; nodeId: number | undefined; text: string }) {
  const count = useCases(filtersFor(tab, nodeId, 1, 1));
  const total = count.data?.total;
  return (
    <span data-testid={`cases-tab-${tab}`}>
      {text}
      {total !== undefined ? (
        <span className={`cs-tab-count${tab === 'overdue' && total > 0 ? ' cs-tab-count-red' : ''}`}>
          {total}
        </span>
      ) : null}
    </span>
  );
}

/** 我的待办: what waits for me (overdue first), then my grid's cases, the overdue ones and the supervised ones. */
export function CasesInboxPage() {
  const { t, locale } = useCaseI18n();
  const { can } = usePermissions();
  const { scope } = useScope();
  const [search, setSearch] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(search.get('tab') ?? '')
    ? (search.get('tab') as TabKey)
    : 'mine';
  const page = Number(search.get('page') ?? '1') || 1;
  const pageSize = Number(search.get('size') ?? '20') || 20;
  const nodeId = scope?.id;
  const phone = Grid.useBreakpoint().md === false;
  const list = useCases(filtersFor(tab, nodeId, page, pageSize));

  const setParams = (next: { tab?: TabKey; page?: number; pageSize?: number }) => {
    const p = new URLSearchParams();
    const nextTab = next.tab ?? tab;
    if (nextTab !== 'mine') p.set('tab', nextTab);
    const nextPage = next.tab ? 1 : (next.page ?? 1);
    if (nextPage > 1) p.set('page', String(nextPage));
    const size = next.pageSize ?? pageSize;
    if (size !== 20) p.set('size', String(size));
    setSearch(p, { replace: true });
  };

  const labels: Record<TabKey, string> = {
    mine: t('cases.tab.mine'),
    grid: t('cases.tab.grid'),
    overdue: t('cases.tab.overdue'),
    supervised: t('cases.tab.supervised'),
  };

  return (
    <div data-testid="cases-inbox-page">
      <PageHeader
        title={t('nav.cases.inbox')}
        subtitle={scope ? `${scope.name} · ${t('cases.inbox.subtitle')}` : t('cases.inbox.subtitle')}
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
      <Card className="og-card cs-list-card" styles={{ body: { padding: '0 12px 8px' } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key as TabKey })}
          items={TABS.map((key) => ({
            key,
            label: <TabLabel tab={key} nodeId={nodeId} text={labels[key]} />,
          }))}
          className="cs-tabs"
          tabBarGutter={phone ? 12 : undefined}
        />
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
          page={page}
          pageSize={pageSize}
          onPageChange={(p, size) => setParams(size !== pageSize ? { pageSize: size } : { page: p })}
          empty={
            <div className="cs-empty" data-testid="cases-empty">
              {tab === 'mine' ? t('cases.empty.inbox') : t('cases.empty.list')}
            </div>
          }
          testId="cases-inbox-list"
        />
      </Card>
    </div>
  );
}
