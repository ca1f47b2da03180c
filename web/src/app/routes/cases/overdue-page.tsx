import { Alert, Card } from 'antd';
import { PageHeader } from '../../../components/page-header';
import { useOverdueCases } from '../../../features/cases/api/overdue';
import { CaseList } from '../../../features/cases/components/case-table';
import { useCaseI18n } from '../../../features/cases/messages';
import { errorMessage } from '../../../lib/errors';
import { useScope } from '../../../lib/scope';

/** 超期预警: red (overdue) and yellow (75 % used) cases of the scope, most overdue first. */
export function CasesOverduePage() {
  const { t, locale } = useCaseI18n();
  const { scope } = useScope();
  const overdue = useOverdueCases(scope?.id ?? null);
  const items = overdue.data?.items ?? [];
  const red = items.filter((c) => c.warning === 'red').length;
  const yellow = items.filter((c) => c.warning === 'yellow').length;
  return (
    <div data-testid="cases-overdue-page">
      <PageHeader
        title={t('nav.cases.overdue')}
        subtitle={scope ? `${scope.name} · ${t('cases.overdue.subtitle')}` : t('cases.overdue.subtitle')}
      />
      <div className="cs-overdue-stats">
        <span className="cs-stat cs-stat-red" data-testid="overdue-red">
          {t('cases.overdue.red', { count: red })}
        </span>
        <span className="cs-stat cs-stat-yellow" data-testid="overdue-yellow">
          {t('cases.overdue.yellow', { count: yellow })}
        </span>
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
          total={overdue.data?.total ?? items.length}
          loading={overdue.isFetching}
          page={1}
          pageSize={Math.max(items.length, 20)}
          onPageChange={() => undefined}
          empty={<div className="cs-empty">{t('cases.empty.overdue')}</div>}
          testId="cases-overdue-list"
        />
      </Card>
    </div>
  );
}
