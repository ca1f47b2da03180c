import { CompressOutlined, ExpandOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChartData } from '../api/types';
import { useChartEvents } from '../hooks/use-chart-events';
import { useGcText } from '../messages';
import { layoutBuilding, screeningRate } from '../model';
import { BuildingMatrix } from './building-matrix';
import { ChartLegend } from './chart-legend';

const CYCLE_MS = 15_000;

function useNow(everyMs: number) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** The size of the area the building is drawn in (below the header and legend). */
function useBoxSize(ref: React.RefObject<HTMLElement | null>) {
  const [size, setSize] = useState(() => ({ w: window.innerWidth, h: window.innerHeight * 0.7 }));
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ w: el.clientWidth, h: el.clientHeight });
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/**
 * 大屏模式: the chart on the community centre's screen. Dark, large type sized to the screen, one building at
 * a time cycling every 15 s while nobody touches it, refreshed live by server-sent events.
 */
export function WallMode({ data, onExit }: { data: ChartData; onExit: () => void }) {
  const t = useGcText();
  const now = useNow(1000);
  const bodyRef = useRef<HTMLElement>(null);
  const { w, h } = useBoxSize(bodyRef);
  const { live } = useChartEvents(data.node.id);
  const grids = useMemo(() => data.buildings.map(layoutBuilding), [data]);
  const [index, setIndex] = useState(0);
  const lastTouch = useRef(Date.now());
  const [full, setFull] = useState(false);

  useEffect(() => {
    const touch = () => {
      lastTouch.current = Date.now();
    };
    window.addEventListener('pointermove', touch);
    window.addEventListener('keydown', touch);
    const id = setInterval(() => {
      if (Date.now() - lastTouch.current >= CYCLE_MS && grids.length > 1)
        setIndex((i) => (i + 1) % grids.length);
    }, CYCLE_MS);
    return () => {
      window.removeEventListener('pointermove', touch);
      window.removeEventListener('keydown', touch);
      clearInterval(id);
    };
  }, [grids.length]);
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight') setIndex((i) => (i + 1) % Math.max(1, grids.length));
      if (e.key === 'ArrowLeft') setIndex((i) => (i - 1 + grids.length) % Math.max(1, grids.length));
      if (e.key === 'Escape' && !document.fullscreenElement) onExit();
    };
    window.addEventListener('keydown', key);
    const fs = () => setFull(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', fs);
    return () => {
      window.removeEventListener('keydown', key);
      document.removeEventListener('fullscreenchange', fs);
    };
  }, [grids.length, onExit]);

  const current = grids[Math.min(index, grids.length - 1)];
  // Type sized so the whole building fits the screen below the header: legible across a room on 4K.
  const cols = current ? current.building.units * (current.building.roomsPerFloor + 0.6) : 1;
  // a floor row is about 2.15em tall (cell, padding, gap); the building and unit titles take about 4.5em
  const rowsEm = current ? current.floors.length * 2.15 + 4.5 : 1;
  const fontPx = Math.max(10, Math.min(56, h / rowsEm, w / cols / 5.8));
  const rate = screeningRate(data.screening.screened, data.screening.total);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;

  return (
    <div className="gc-wall" data-testid="wall-mode">
      <header className="gc-wall-head">
        <div className="gc-wall-title">
          <span className="gc-wall-node">{data.node.name}</span>
          <span className="gc-wall-sub">{t('gc.title')}</span>
        </div>
        <div className="gc-wall-stats">
          <div className="gc-wall-stat">
            <span className="gc-wall-stat-value">{data.screening.total}</span>
            <span className="gc-wall-stat-label">{t('gc.wall.households')}</span>
          </div>
          <div className="gc-wall-stat">
            <span className="gc-wall-stat-value">{rate}%</span>
            <span className="gc-wall-stat-label">{t('gc.screening', { period: data.screening.period })}</span>
          </div>
          <div className="gc-wall-clock">
            <span className="gc-wall-time">{time}</span>
            <span className="gc-wall-date">{date}</span>
          </div>
          <span className={`gc-wall-live${live ? ' is-live' : ''}`}>
            ● {live ? t('gc.wall.live') : t('gc.wall.offline')}
          </span>
          <div className="gc-wall-buttons">
            <button
              type="button"
              onClick={() => setIndex((i) => (i - 1 + grids.length) % Math.max(1, grids.length))}
              aria-label="prev"
            >
              <LeftOutlined />
            </button>
            <span className="gc-wall-pos">
              {grids.length ? index + 1 : 0}/{grids.length}
            </span>
            <button
              type="button"
              onClick={() => setIndex((i) => (i + 1) % Math.max(1, grids.length))}
              aria-label="next"
            >
              <RightOutlined />
            </button>
            <button
              type="button"
              onClick={() =>
                full ? document.exitFullscreen() : document.documentElement.requestFullscreen?.()
              }
              aria-label={t('gc.wall.fullscreen')}
            >
              {full ? <CompressOutlined /> : <ExpandOutlined />}
            </button>
            <button type="button" className="gc-wall-exit" onClick={onExit}>
              {t('gc.wall.exit')}
            </button>
          </div>
        </div>
      </header>
      <ChartLegend data={data} selected={[]} variant="wall" />
      <main className="gc-wall-body" ref={bodyRef} style={{ fontSize: fontPx }}>
        {current ? (
          <BuildingMatrix
            key={current.building.id}
            grid={current}
            tags={data.tags}
            uses={data.uses}
            highlight={null}
            screeningLayer={false}
            screening={data.screening.byBuilding[String(current.building.id)]}
          />
        ) : (
          <div className="gc-wall-empty">{t('gc.empty')}</div>
        )}
      </main>
    </div>
  );
}
