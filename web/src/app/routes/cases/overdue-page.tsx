import { Alert, Card } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { useOverdueCases } from '../../../features/cases/api/overdue';
import { CaseList } from '../../../features/cases/components/case-table';
import { useCaseI18n } from '../../../features/cases/messages';
import { errorMessage } from '../../../lib/errors';

/** 超期预警: red (overdue) and yellow (75 % used) cases of everything the user oversees, most overdue first. */
export function CasesOverduePage() {
  const { t, locale } = useCaseI18n();
  const [search, setSearch] = useSearchParams();
  const page = Number(search.get('page') ?? '1') || 1;
  const pageSize = Number(search.get('size') ?? '50') || 50;
  const overdue = useOverdueCases(page, pageSize);
  const items = overdue.data?.items ?? [];
  const now = Date.now();
  const late = (c: (typeof items)[number]) => {
    const due =
      c.state === 'collected' ? (c.responseDueAt ?? c.handlingDueAt) : (c.handlingDueAt ?? c.responseDueAt);
    return c.warning === 'red' || (due !== null && Date.parse(due) < now);
  };
  const red = items.filter(late).length;
  const yellow = items.length - red;
  return (
    <div data-testid="cases-overdue-page">
      <PageHeader title={t('nav.cases.overdue')} subtitle={t('cases.overdue.subtitle')} />
      <div className="cs-overdue-stats">
        <span className="cs-stat cs-stat-red" data-testid="overdue-red">
          {t('cases.overdue.red', { count: red })}
        </span>
        <span className="cs-stat cs-stat-yellow" data-testid="overdue-yellow">
          {t('cases.overdue.yellow', { count: yellow })}
        </span>
        {overdue.data && overdue.data.total > items.length ? (
          <span className="cs-sub">{t('common.total', { count: overdue.data.total })}</span>
        ) : null}
      </div>
      <Card className="og-card cs-list-card" styles={{ body: { padding: 12 } }}>
        {overdue.isError ? (
          <Alert
            type="error"
            showIcon
            title={errorMessage(overdue.error, locale, t)}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <CaseList
          items={items}
          total={overdue.data?.total ?? 0}
          loading={overdue.isFetching}
          page={page}
          pageSize={pageSize}
          onPageChange={(p, size) => {
            const next = new URLSearchParams();
            if (size !== pageSize) {
              if (size !== 50) next.set('size', String(size));
            } else {
              if (p > 1) next.set('page', String(p));
              if (size !== 50) next.set('size', String(size));
            }
            setSearch(next, { replace: true });
          }}
          empty={<div className="cs-empty">{t('cases.empty.overdue')}</div>}
          testId="cases-overdue-list"
        />
      </Card>
    </div>
  );
}
