import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../testing/render-with-providers';
import type { ChartData } from '../api/types';
import { BuildingMatrix } from '../components/building-matrix';
import { ChartLegend } from '../components/chart-legend';
import { highlighted, layoutBuilding, localRoomHits, toggleCode } from '../model';

const tag = (code: string, symbol: string, color: string, zh: string) => ({
  id: null,
  code,
  name: { zh, en: code },
  symbol,
  color,
  appliesTo: 'household',
  sensitivity: 'public',
  derived: false,
});

const data: ChartData = {
  node: { id: 7, name: '第一网格', level: 'grid' },
  version: 'v1',
  today: '2026-11-02',
  uses: ['owner', 'rented', 'vacant', 'commercial'],
  tags: [
    tag('party_household', '★', '#c8161d', '党员户'),
    tag('elderly_alone', '◉', '#d46b08', '独居老人'),
    tag('rented', '租', '#7cb305', '出租户'),
  ],
  counts: { party_household: 2, elderly_alone: 1, rented: 1 },
  buildings: [
    {
      id: 1,
      number: '3',
      name: '3号楼',
      nodeId: 9,
      units: 1,
      floors: 2,
      roomsPerFloor: 2,
      rooms: [
        [101, 1, 1, 1, 0, [0, 1], 1],
        [102, 1, 1, 2, 1, [2], 0],
        [103, 1, 2, 1, 0, [0], 0],
        [104, 1, 2, 2, 2, [], 0],
      ],
    },
  ],
  screening: { period: '2026Q4', screened: 1, total: 4, byBuilding: { '1': [1, 4] } },
};

function Harness() {
  const [selected, setSelected] = useState<string[]>([]);
  const hl = highlighted(data, selected, null);
  return (
    <>
      <ChartLegend
        data={data}
        selected={selected}
        onToggle={(c) => setSelected((s) => toggleCode(data, s, c))}
        onClear={() => setSelected([])}
      />
      <BuildingMatrix
        grid={layoutBuilding(data.buildings[0])}
        tags={data.tags}
        uses={data.uses}
        highlight={hl}
        screeningLayer={false}
      />
    </>
  );
}

const cell = (id: number) => document.querySelector(`[data-household="${id}"]`) as HTMLElement;

describe('grid chart legend highlight', () => {
  it('matches households carrying any selected tag, and a search narrows them further', () => {
    expect(highlighted(data, [], null)).toBeNull();
    expect([...highlighted(data, ['party_household'], null)!]).toEqual([101, 103]);
    expect([...highlighted(data, ['elderly_alone', 'rented'], null)!].sort()).toEqual([101, 102]);
    expect([...highlighted(data, ['party_household'], new Set([103, 104]))!]).toEqual([103]);
    expect([...highlighted(data, [], localRoomHits(data, '3-1-202'))!]).toEqual([104]);
    expect(toggleCode(data, ['rented'], 'party_household')).toEqual(['party_household', 'rented']);
    expect(toggleCode(data, ['rented', 'party_household'], 'rented')).toEqual(['party_household']);
  });

  it('when legend tags are clicked, then matching cells light up, the rest dim, and clearing restores them', () => {
    renderWithProviders(<Harness />);
    expect(screen.getByTestId('gridchart-legend-item-party_household').textContent).toContain('2');
    expect(cell(101).textContent).toBe('101★◉');
    expect(cell(101).className).not.toMatch(/is-(hit|dim)/);

    fireEvent.click(screen.getByTestId('gridchart-legend-item-party_household'));
    expect(screen.getByTestId('gridchart-legend-item-party_household').getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(cell(101).className).toContain('is-hit');
    expect(cell(103).className).toContain('is-hit');
    expect(cell(102).className).toContain('is-dim');

    fireEvent.click(screen.getByTestId('gridchart-legend-item-rented'));
    expect(cell(102).className).toContain('is-hit');
    expect(cell(104).className).toContain('is-dim');

    fireEvent.click(screen.getByText('清除筛选'));
    expect(cell(102).className).not.toMatch(/is-(hit|dim)/);
  });
});
