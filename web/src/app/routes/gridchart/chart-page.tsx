import { DesktopOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Result, Skeleton, Space, Switch, Typography } from 'antd';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { useMe } from '../../../features/auth/api/me';
import { GridNodePicker } from '../../../features/grid/components/grid-node-picker';
import { useChart } from '../../../features/gridchart/api/chart';
import { useChartSearch } from '../../../features/gridchart/api/search';
import { ChartBoard } from '../../../features/gridchart/components/chart-board';
import { ChartLegend } from '../../../features/gridchart/components/chart-legend';
import { HouseholdDrawer } from '../../../features/gridchart/components/household-drawer';
import { WallMode } from '../../../features/gridchart/components/wall-mode';
import '../../../features/gridchart/gridchart.css';
import { useGcText } from '../../../features/gridchart/messages';
import { highlighted, localRoomHits, screeningRate, toggleCode } from '../../../features/gridchart/model';
import { isApiError } from '../../../lib/api';
import { useScope } from '../../../lib/scope';

function parseId(raw: string | undefined): number | null {
  return raw && /^\d+$/.test(raw) ? Number(raw) : null;
}

/** 网格图: /chart/:nodeId (page, print poster) and /chart/:nodeId/wall (大屏模式). */
export function ChartPage() {
  const t = useGcText();
  const params = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { scope } = useScope();
  const me = useMe();
  const nodeId = parseId(params.nodeId);
  const wall = location.pathname.endsWith('/wall');
  const chart = useChart(nodeId);
  const [selected, setSelected] = useState<string[]>([]);
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const remote = useChartSearch(nodeId, q);
  const [activeId, setActiveId] = useState<number | null>(null);
  const [layer, setLayer] = useState(false);
  const data = chart.data && chart.data.node.id === nodeId ? chart.data : undefined;

  const hits = useMemo(() => {
    if (!data || !q) return null;
    const set = localRoomHits(data, q);
    for (const id of remote.data ?? []) set.add(id);
    return set;
  }, [data, q, remote.data]);
  const highlight = useMemo(() => (data ? highlighted(data, selected, hits) : null), [data, selected, hits]);
  const onToggle = useCallback(
    (code: string) => data && setSelected((s) => toggleCode(data, s, code)),
    [data],
  );
  const onOpen = useCallback((id: number) => setActiveId(id), []);

  if (params.nodeId !== undefined && nodeId === null) return <Navigate to="/chart" replace />;
  if (nodeId === null) {
    const home = scope?.id ?? me.data?.homeNodeId ?? me.data?.assignments[0]?.nodeId;
    if (home) return <Navigate to={`/chart/${home}`} replace />;
  }

  const picker = (
    <GridNodePicker
      value={nodeId}
      valueLabel={data?.node.name}
      onChange={(id) => id && navigate(`/chart/${id}`)}
      placeholder={t('gc.pickNode')}
      style={{ width: 260, maxWidth: '100%' }}
      data-testid="gridchart-node-picker"
    />
  );

  if (chart.isError) {
    const notFound = isApiError(chart.error) && (chart.error.status === 404 || chart.error.status === 400);
    return (
      <div data-testid="gridchart-page" className="gc-page">
        <PageHeader title={t('gc.title')} extra={picker} />
        <Result
          status={notFound ? '404' : 'warning'}
          title={notFound ? t('gc.notFound') : String(chart.error.message)}
        />
      </div>
    );
  }
  if (wall && data) return <WallMode data={data} onExit={() => navigate(`/chart/${nodeId}`)} />;

  const totalRate = data ? screeningRate(data.screening.screened, data.screening.total) : 0;
  return (
    <div data-testid="gridchart-page" className="gc-page">
      <div className="gc-print-title">
        {data?.node.name} · {t('gc.title')} · {data?.today}
      </div>
      <PageHeader
        title={
          <span>
            {t('gc.title')}
            {data ? <span className="gc-title-node"> · {data.node.name}</span> : null}
          </span>
        }
        subtitle={t('gc.subtitle')}
        extra={
          <Space wrap className="gc-toolbar">
            {picker}
            <Button
              icon={<DesktopOutlined />}
              onClick={() => navigate(`/chart/${nodeId}/wall`)}
              data-testid="gridchart-wall"
            >
              {t('gc.wall')}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('gc.print')}
            </Button>
          </Space>
        }
      />
      {!data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <div className="gc-controls">
            <Input.Search
              allowClear
              className="gc-search"
              placeholder={t('gc.search')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              data-testid="gridchart-search"
              style={{ maxWidth: 360 }}
            />
            <Space size={16} wrap className="gc-stats">
              <Typography.Text>{t('gc.buildings', { count: data.buildings.length })}</Typography.Text>
              <Typography.Text>{t('gc.households', { count: data.screening.total })}</Typography.Text>
              <Typography.Text>
                {t('gc.screening', { period: data.screening.period })}：
                <b className="gc-rate">{t('gc.screening.rate', { rate: totalRate })}</b>
              </Typography.Text>
              <Space size={6}>
                <Switch
                  size="small"
                  checked={layer}
                  onChange={setLayer}
                  data-testid="gridchart-screening-layer"
                />
                <Typography.Text>{t('gc.screening.layer')}</Typography.Text>
              </Space>
              {highlight ? (
                <Typography.Text type="danger" data-testid="gridchart-highlight-count">
                  {q && highlight.size === 0
                    ? t('gc.search.none')
                    : t('gc.highlighted', { count: highlight.size })}
                </Typography.Text>
              ) : null}
            </Space>
          </div>
          <ChartLegend data={data} selected={selected} onToggle={onToggle} onClear={() => setSelected([])} />
          {data.buildings.length === 0 ? (
            <Empty className="gc-empty" description={t('gc.empty')}>
              <Typography.Text type="secondary">{t('gc.empty.hint')}</Typography.Text>
            </Empty>
          ) : null}
          <ChartBoard
            data={data}
            highlight={highlight}
            screeningLayer={layer}
            onOpen={onOpen}
            activeId={activeId}
          />
          <HouseholdDrawer data={data} householdId={activeId} onClose={() => setActiveId(null)} />
        </>
      )}
    </div>
  );
}
