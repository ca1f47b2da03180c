import { Alert, Progress, Select, Skeleton, Table } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../../lib/errors';
import { useI18n } from '../../../lib/i18n';
import { useCoverage } from '../api/coverage';
import type { CoverageRow } from '../api/types';
import { useVisitText } from '../messages';

/** The current quarter on the Beijing calendar and the three before it, newest first. */
export function recentQuarters(now = new Date()): string[] {
  const d = new Date(now.getTime() + 8 * 3_600_000);
  let y = d.getUTCFullYear();
  let q = Math.floor(d.getUTCMonth() / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < 4; i++) {
    out.push(`${y}Q${q}`);
    q--;
    if (q === 0) {
      q = 4;
      y--;
    }
  }
  return out;
}

const strokeFor = (rate: number) => (rate >= 0.9 ? '#389e0d' : rate >= 0.6 ? '#d48806' : '#cf1322');

/** 排查覆盖率 per child node: households screened this quarter ÷ households, with progress bars. */
export function CoverageTable({ nodeId }: { nodeId: number | null }) {
  const { t, locale } = useI18n();
  const vt = useVisitText();
  const quarters = useMemo(() => recentQuarters(), []);
  const [period, setPeriod] = useState(quarters[0]);
  const coverage = useCoverage(nodeId, period);

  const rows: Array<CoverageRow & { key: string; isTotal?: boolean }> = coverage.data
    ? [
        ...coverage.data.children.map((c) => ({ ...c, key: String(c.nodeId) })),
        {
          nodeId: coverage.data.nodeId,
          level: coverage.data.level,
          screened: coverage.data.screened,
          total: coverage.data.total,
          rate: coverage.data.rate,
          key: 'total',
          name: `${vt('visits.coverage.total')} · ${coverage.data.name}`,
          isTotal: true,
        },
      ]
    : [];

  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12 }}>
        <span>{vt('visits.coverage.period')}</span>
        <Select
          value={period}
          onChange={setPeriod}
          options={quarters.map((q) => ({
            value: q,
            label: q.replace('Q', locale === 'en' ? ' Q' : ' 第') + (locale === 'en' ? '' : '季度'),
          }))}
          style={{ width: 150 }}
          data-testid="coverage-period"
        />
      </div>
      {coverage.isError ? (
        <Alert type="error" showIcon title={errorMessage(coverage.error, locale, t)} />
      ) : coverage.isPending ? (
        <Skeleton active />
      ) : (
        <Table
          data-testid="coverage-table"
          size="middle"
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: vt('visits.coverage.empty') }}
          rowClassName={(r) => (r.isTotal ? 'og-coverage-total' : '')}
          columns={[
            {
              title: vt('visits.coverage.node'),
              dataIndex: 'name',
              render: (name: string, r) => (r.isTotal ? <strong>{name}</strong> : name),
            },
            {
              title: vt('visits.coverage.rate'),
              dataIndex: 'rate',
              width: '42%',
              render: (rate: number, r) => (
                <Progress
                  percent={Math.round(rate * 1000) / 10}
                  strokeColor={strokeFor(rate)}
                  size="small"
                  format={(p) => `${p}%`}
                  status={r.total === 0 ? 'normal' : undefined}
                />
              ),
            },
            {
              title: vt('visits.coverage.screened'),
              key: 'screened',
              align: 'right',
              render: (_: unknown, r) => (
                <span className="og-mono" style={{ whiteSpace: 'nowrap' }}>
                  {r.screened} / {r.total}
                </span>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
