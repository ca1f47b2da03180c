import { Button } from 'antd';
import { useI18n } from '../../../lib/i18n';
import type { ChartData } from '../api/types';
import { useGcText } from '../messages';

/** The legend: every visible tag with its symbol and household count; click to highlight (multi-select). */
export function ChartLegend({
  data,
  selected,
  onToggle,
  onClear,
  variant = 'page',
}: {
  data: ChartData;
  selected: readonly string[];
  onToggle?: (code: string) => void;
  onClear?: () => void;
  variant?: 'page' | 'wall';
}) {
  const t = useGcText();
  const { locale } = useI18n();
  return (
    <div className={`gc-legend gc-legend-${variant}`} data-testid="gridchart-legend">
      {data.tags.length === 0 ? <span className="gc-legend-empty">{t('gc.legend.empty')}</span> : null}
      {data.tags.map((tag) => {
        const on = selected.includes(tag.code);
        const count = data.counts[tag.code] ?? 0;
        return (
          <button
            key={tag.code}
            type="button"
            className={`gc-legend-item${on ? ' is-on' : ''}${count === 0 ? ' is-zero' : ''}`}
            data-testid={`gridchart-legend-item-${tag.code}`}
            aria-pressed={on}
            onClick={onToggle ? () => onToggle(tag.code) : undefined}
            style={on ? { borderColor: tag.color, background: `${tag.color}1a` } : undefined}
          >
            <span className="gc-legend-sym" style={{ color: tag.color }}>
              {tag.symbol}
            </span>
            <span className="gc-legend-name">{locale === 'en' ? tag.name.en : tag.name.zh}</span>
            <span className="gc-legend-count">{count}</span>
          </button>
        );
      })}
      {selected.length && onClear ? (
        <Button size="small" type="link" onClick={onClear} className="gc-legend-clear">
          {t('gc.legend.clear')}
        </Button>
      ) : null}
    </div>
  );
}
