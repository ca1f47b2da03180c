import { roomLabel } from '../../../../common/registry';
import type { ChartBuilding, ChartData, RoomTuple } from './api/types';

// PURE helpers of the grid chart screen: laying a building out as a matrix, and which households the
// legend selection and the search light up.

export interface BuildingGrid {
  building: ChartBuilding;
  /** floors from the top down */
  floors: number[];
  /** room at (unit, floor, room), or null for a room the register does not have */
  at(unit: number, floor: number, room: number): RoomTuple | null;
}

/** Units side by side, floors top to bottom, rooms left to right within a unit. */
export function layoutBuilding(b: ChartBuilding): BuildingGrid {
  const units = Math.max(b.units, ...b.rooms.map((r) => r[1]), 1);
  const floorsN = Math.max(b.floors, ...b.rooms.map((r) => r[2]), 1);
  const per = Math.max(b.roomsPerFloor, ...b.rooms.map((r) => r[3]), 1);
  const cells: Array<RoomTuple | null> = new Array(units * floorsN * per).fill(null);
  const index = (u: number, f: number, r: number) => ((u - 1) * floorsN + (f - 1)) * per + (r - 1);
  for (const room of b.rooms) cells[index(room[1], room[2], room[3])] = room;
  const floors: number[] = [];
  for (let f = floorsN; f >= 1; f--) floors.push(f);
  return {
    building: { ...b, units, floors: floorsN, roomsPerFloor: per },
    floors,
    at: (u, f, r) =>
      u >= 1 && u <= units && f >= 1 && f <= floorsN && r >= 1 && r <= per ? cells[index(u, f, r)] : null,
  };
}

/** The number on the door: floor and room, 501. */
export function doorNumber(room: RoomTuple): string {
  return `${room[2]}${String(room[3]).padStart(2, '0')}`;
}

/** The full 房号, 3-2-501. */
export function fullRoomLabel(b: ChartBuilding, room: RoomTuple): string {
  return roomLabel(b.number, room[1], room[2], room[3]);
}

/**
 * Households to light up, or null when nothing is selected (everything shows normally). With legend tags
 * selected a household matches when it carries any of them; with a search it must also be a search hit.
 */
export function highlighted(
  data: ChartData,
  selectedCodes: readonly string[],
  searchHits: ReadonlySet<number> | null,
): Set<number> | null {
  if (!selectedCodes.length && !searchHits) return null;
  const wanted = new Set(
    selectedCodes.map((c) => data.tags.findIndex((t) => t.code === c)).filter((i) => i >= 0),
  );
  const out = new Set<number>();
  for (const b of data.buildings)
    for (const r of b.rooms) {
      if (selectedCodes.length && !r[5].some((i) => wanted.has(i))) continue;
      if (searchHits && !searchHits.has(r[0])) continue;
      out.add(r[0]);
    }
  return out;
}

/** Toggles one legend tag in a multi-selection, keeping legend order. */
export function toggleCode(data: ChartData, selected: readonly string[], code: string): string[] {
  const next = selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code];
  const order = new Map(data.tags.map((t, i) => [t.code, i]));
  return next.filter((c) => order.has(c)).sort((a, b) => order.get(a)! - order.get(b)!);
}

/** Room-label hits found locally (3-2-501, 2-501 or 501), so typing a room needs no request. */
export function localRoomHits(data: ChartData, q: string): Set<number> {
  const text = q.trim();
  const out = new Set<number>();
  if (!text) return out;
  for (const b of data.buildings)
    for (const r of b.rooms) {
      const label = fullRoomLabel(b, r);
      if (label === text || label.endsWith(`-${text}`)) out.add(r[0]);
    }
  return out;
}

export function screeningRate(screened: number, total: number): number {
  return total ? Math.round((screened / total) * 1000) / 10 : 0;
}
