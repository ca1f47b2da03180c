import type { LocalizedText } from '../../../../../common/i18n';

/** GET /api/gridchart/:nodeId (docs/api-registry.md "Grid chart"). */
export interface ChartTag {
  id: number | null;
  code: string;
  name: LocalizedText;
  symbol: string;
  color: string;
  appliesTo: string;
  sensitivity: string;
  derived: boolean;
}

/** [householdId, unitNo, floor, roomNo, use index, tag indexes, flags] */
export type RoomTuple = [number, number, number, number, number, number[], number];

export interface ChartBuilding {
  id: number;
  number: string;
  name: string | null;
  nodeId: number;
  units: number;
  floors: number;
  roomsPerFloor: number;
  rooms: RoomTuple[];
}

export interface ChartData {
  node: { id: number; name: string; level: string };
  version: string;
  today: string;
  uses: string[];
  tags: ChartTag[];
  counts: Record<string, number>;
  buildings: ChartBuilding[];
  screening: {
    period: string;
    screened: number;
    total: number;
    byBuilding: Record<string, [number, number]>;
  };
}

export const FLAG_SCREENED = 1;
export const FLAG_IN_PLAN_WINDOW = 2;
