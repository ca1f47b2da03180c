import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { CoverageTable } from '../../../features/visits/components/coverage-table';
import { TodayList } from '../../../features/visits/components/today-list';
import { useVisitText } from '../../../features/visits/messages';
import { useScope } from '../../../lib/scope';

/** 走访排查: today's households first (phone), screening coverage second. */
export function VisitsPage() {
  const vt = useVisitText();
  const { scope } = useScope();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'coverage' ? 'coverage' : 'today';
  const nodeId = scope?.id ?? null;
  return (
    <div data-testid="visits-page">
      <PageHeader
        title={vt('visits.title')}
        subtitle={scope ? `${scope.name} · ${vt('visits.subtitle')}` : vt('visits.subtitle')}
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'today' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'today', label: vt('visits.tab.today'), children: <TodayList nodeId={nodeId} /> },
          {
            key: 'coverage',
            label: vt('visits.tab.coverage'),
            children: (
              <Card className="og-card" styles={{ body: { padding: 12 } }}>
                <CoverageTable nodeId={nodeId} />
              </Card>
            ),
          },
        ]}
      />
    </div>
  );
}
