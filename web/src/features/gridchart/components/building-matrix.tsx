import { type MouseEvent, memo, useMemo } from 'react';
import type { ChartTag, RoomTuple } from '../api/types';
import { FLAG_SCREENED } from '../api/types';
import { useGcText } from '../messages';
import { type BuildingGrid, doorNumber } from '../model';

interface Props {
  grid: BuildingGrid;
  tags: ChartTag[];
  uses: string[];
  highlight: ReadonlySet<number> | null;
  screeningLayer: boolean;
  screening?: [number, number];
  onOpen?: (householdId: number) => void;
  /** the household whose card is open */
  activeId?: number | null;
}

function Cell({
  room,
  tags,
  use,
  state,
  screeningLayer,
  active,
}: {
  room: RoomTuple;
  tags: ChartTag[];
  use: string;
  state: 'hit' | 'dim' | null;
  screeningLayer: boolean;
  active: boolean;
}) {
  const screened = (room[6] & FLAG_SCREENED) !== 0;
  const cls = [
    'gc-cell',
    `gc-use-${use}`,
    state === 'hit' ? 'is-hit' : state === 'dim' ? 'is-dim' : '',
    screeningLayer ? (screened ? 'is-screened' : 'is-unscreened') : '',
    active ? 'is-active' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const names = room[5].map((i) => tags[i]?.name.zh).filter(Boolean);
  return (
    <button
      type="button"
      className={cls}
      data-testid="gridchart-cell"
      data-household={room[0]}
      title={names.length ? `${doorNumber(room)}：${names.join('、')}` : doorNumber(room)}
    >
      <span className="gc-room">{doorNumber(room)}</span>
      {room[5].length ? (
        <span className="gc-syms">
          {room[5].map((i) => {
            const t = tags[i];
            return t ? (
              <span key={i} className="gc-sym" style={{ color: t.color }}>
                {t.symbol}
              </span>
            ) : null;
          })}
        </span>
      ) : null}
    </button>
  );
}

/**
 * One building as the chart draws it: units side by side, floors from the top down, each room a cell
 * with its door number and its tags' symbols. Clicks are handled once per building, not once per cell.
 */
export const BuildingMatrix = memo(function BuildingMatrix({
  grid,
  tags,
  uses,
  highlight,
  screeningLayer,
  screening,
  onOpen,
  activeId,
}: Props) {
  const t = useGcText();
  const b = grid.building;
  const units = useMemo(() => Array.from({ length: b.units }, (_, i) => i + 1), [b.units]);
  const rooms = useMemo(() => Array.from({ length: b.roomsPerFloor }, (_, i) => i + 1), [b.roomsPerFloor]);
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-household]');
    if (cell && onOpen) onOpen(Number(cell.dataset.household));
  };
  const hits = highlight ? b.rooms.reduce((n, r) => n + (highlight.has(r[0]) ? 1 : 0), 0) : null;
  return (
    <section className="gc-building" data-testid="gridchart-building" data-building={b.id}>
      <header className="gc-building-head">
        <span className="gc-building-number">{t('gc.building', { number: b.number })}</span>
        {b.name && b.name !== `${b.number}号楼` ? <span className="gc-building-name">{b.name}</span> : null}
        <span className="gc-building-meta">
          {t('gc.households', { count: b.rooms.length })}
          {hits !== null ? <b className="gc-building-hits"> · {hits}</b> : null}
          {screening ? (
            <span className="gc-building-screen">
              {' '}
              · {t('gc.screening.done')} {screening[0]}/{screening[1]}
            </span>
          ) : null}
        </span>
      </header>
      <div className="gc-units" onClick={onClick}>
        {units.map((u) => (
          <div key={u} className="gc-unit">
            <div className="gc-unit-title">{t('gc.unit', { unit: u })}</div>
            <div
              className="gc-rows"
              style={{ gridTemplateColumns: `2.2em repeat(${b.roomsPerFloor}, minmax(4.6em, auto))` }}
            >
              {grid.floors.map((f) => (
                <FloorRow
                  key={f}
                  floor={f}
                  unit={u}
                  rooms={rooms}
                  grid={grid}
                  tags={tags}
                  uses={uses}
                  highlight={highlight}
                  screeningLayer={screeningLayer}
                  activeId={activeId ?? null}
                />
              ))}
            </div>
          </div>
        ))}
      </div>
    </section>
  );
});

function FloorRow({
  floor,
  unit,
  rooms,
  grid,
  tags,
  uses,
  highlight,
  screeningLayer,
  activeId,
}: {
  floor: number;
  unit: number;
  rooms: number[];
  grid: BuildingGrid;
  tags: ChartTag[];
  uses: string[];
  highlight: ReadonlySet<number> | null;
  screeningLayer: boolean;
  activeId: number | null;
}) {
  return (
    <>
      <span className="gc-floor">{floor}</span>
      {rooms.map((r) => {
        const room = grid.at(unit, floor, r);
        if (!room) return <span key={r} className="gc-cell gc-cell-none" />;
        return (
          <Cell
            key={r}
            room={room}
            tags={tags}
            use={uses[room[4]] ?? 'owner'}
            state={highlight ? (highlight.has(room[0]) ? 'hit' : 'dim') : null}
            screeningLayer={screeningLayer}
            active={room[0] === activeId}
          />
        );
      })}
    </>
  );
}
