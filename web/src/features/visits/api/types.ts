/** Shapes of /api/visits (docs/api-registry.md "Visits"). */
export interface LocalText {
  zh: string;
  en: string;
}

export interface DueReason {
  planId: number;
  plan: string;
  tagCode: string | null;
  tagName: LocalText | null;
  symbol: string | null;
  color: string | null;
  dueAt: string;
  overdueDays: number;
}

export interface TodayItem {
  householdId: number;
  roomLabel: string;
  buildingNumber: string;
  nodeId: number;
  use: string;
  reasons: DueReason[];
  lastVisitAt: string | null;
}

export interface TodayList {
  items: TodayItem[];
  total: number;
}

export interface VisitPhoto {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  url: string;
}

export type VisitMethod = 'in_person' | 'phone' | 'wechat';

export interface Visit {
  id: number;
  householdId: number;
  roomLabel: string;
  nodeId: number;
  residentId: number | null;
  residentName: string | null;
  planId: number | null;
  planName: string | null;
  visitorId: number | null;
  visitorName: string | null;
  visitedAt: string;
  method: VisitMethod;
  findings: string | null;
  screened: boolean;
  disputeFound: boolean;
  disputeResolvedAt: string | null;
  followUp: boolean;
  flagged: boolean;
  photos: VisitPhoto[];
  allowedActions: Array<'add_photos' | 'resolve_dispute' | 'flag'>;
}

export interface HouseholdVisits {
  household: { id: number; roomLabel: string; buildingNumber: string; nodeId: number; use: string };
  items: Visit[];
  total: number;
  allowedActions: Array<'record_visit'>;
}

export interface CoverageRow {
  nodeId: number;
  name: string;
  level: string;
  screened: number;
  total: number;
  rate: number;
}

export interface Coverage extends CoverageRow {
  period: string;
  children: CoverageRow[];
}

export interface RecordVisitInput {
  householdId: number;
  residentId?: number | null;
  method: VisitMethod;
  visitedAt?: string;
  findings?: string | null;
  disputeFound: boolean;
  followUp: boolean;
  planId?: number | null;
}
