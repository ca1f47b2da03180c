import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChartData } from '../api/types';
import { layoutBuilding } from '../model';
import { BuildingMatrix } from './building-matrix';

const EAGER = 4;
const ROW_PX = 30;

/** Draws a building once it comes near the viewport (or at once when printing); a sized placeholder before. */
function LazyBuilding({
  eager,
  estimate,
  children,
}: {
  eager: boolean;
  estimate: number;
  children: () => React.ReactNode;
}) {
  const [shown, setShown] = useState(eager);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown) return;
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      setShown(true);
      return;
    }
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setShown(true);
          io.disconnect();
        }
      },
      { rootMargin: '800px 0px' },
    );
    io.observe(el);
    const print = () => setShown(true);
    window.addEventListener('beforeprint', print);
    return () => {
      io.disconnect();
      window.removeEventListener('beforeprint', print);
    };
  }, [shown]);
  if (shown) return <>{children()}</>;
  return <div ref={ref} className="gc-building-placeholder" style={{ height: estimate }} />;
}

/**
 * Every building of the view, drawn lazily so a 10,000-household community opens fast; marks
 * `gridchart-render-start` / `-end` and measures `gridchart.render` for the first full render.
 */
export function ChartBoard({
  data,
  highlight,
  screeningLayer,
  onOpen,
  activeId,
}: {
  data: ChartData;
  highlight: ReadonlySet<number> | null;
  screeningLayer: boolean;
  onOpen: (householdId: number) => void;
  activeId: number | null;
}) {
  const started = useRef(false);
  const ended = useRef(false);
  if (!started.current && typeof performance !== 'undefined') {
    started.current = true;
    performance.mark('gridchart-render-start');
  }
  const grids = useMemo(() => data.buildings.map(layoutBuilding), [data]);
  useEffect(() => {
    if (ended.current) return;
    ended.current = true;
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark('gridchart-render-end');
        performance.measure('gridchart.render', 'gridchart-render-start', 'gridchart-render-end');
      }, 0),
    );
  }, []);
  return (
    <div className="gc-board">
      {grids.map((g, i) => (
        <LazyBuilding key={g.building.id} eager={i < EAGER} estimate={g.floors.length * ROW_PX + 72}>
          {() => (
            <BuildingMatrix
              grid={g}
              tags={data.tags}
              uses={data.uses}
              highlight={highlight}
              screeningLayer={screeningLayer}
              screening={data.screening.byBuilding[String(g.building.id)]}
              onOpen={onOpen}
              activeId={activeId}
            />
          )}
        </LazyBuilding>
      ))}
    </div>
  );
}
