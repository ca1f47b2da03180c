import type { LocalizedText } from '../../../../../common/i18n';

/** Shapes of /api/registry as written in docs/api-registry.md (sections Tags, Places, People). */

export interface ItemsResponse<T> {
  items: T[];
}

export interface PageResponse<T> {
  items: T[];
  total: number;
  /** The total was counted up to a cap (name searches): show "{total}+". */
  totalCapped?: boolean;
}

export type TagAppliesTo = 'household' | 'person';
export type TagSensitivity = 'public' | 'restricted' | 'sensitive';

export interface Tag {
  id: number;
  code: string;
  name: LocalizedText;
  symbol: string;
  color: string;
  appliesTo: TagAppliesTo;
  sensitivity: TagSensitivity;
  visibleRoles: string[];
  derived: boolean;
  riskLevels: string[];
  sort?: number;
  active: boolean;
  allowedActions: string[];
}

/** A tag as it sits on a household or person; assignment fields are present on hand-assigned tags. */
export interface TagRef {
  code: string;
  symbol: string;
  color: string;
  name: LocalizedText;
  riskLevel?: string | null;
}

/** A hand-made tag assignment (GET /households/:id/tags), the handle for DELETE /tag-assignments/:id. */
export interface TagAssignment {
  id: number;
  tag: TagRef;
  householdId: number;
  residentId: number | null;
  note: string | null;
  since: string | null;
}

export interface Building {
  id: number;
  nodeId: number;
  nodeName: string;
  number: string;
  name: string | null;
  address: string | null;
  type: string;
  units: number;
  floors: number;
  roomsPerFloor: number;
  lat: number | null;
  lng: number | null;
  households: number;
  allowedActions: string[];
}

export interface HouseholdRow {
  id: number;
  buildingId: number;
  buildingNumber: string;
  nodeId: number;
  nodeName?: string;
  roomLabel: string;
  unitNo: number;
  floor: number;
  roomNo: number;
  use: string;
  householderId?: number | null;
  householderName: string | null;
  members: number;
  tags: TagRef[];
  lastVisitAt: string | null;
  allowedActions?: string[];
}

export interface Visit {
  id: number;
  householdId: number;
  residentId?: number | null;
  visitedAt: string;
  method: string;
  visitorName?: string | null;
  findings?: string | null;
  disputeFound?: boolean;
  disputeResolvedAt?: string | null;
  followUp?: boolean;
  flagged?: boolean;
}

export interface HouseholdCard extends Omit<HouseholdRow, 'members'> {
  memberCount?: number;
  members: ResidentRow[];
  openMatters: Visit[];
  visits: Visit[];
  allowedActions: string[];
}

export interface ResidentRow {
  id: number;
  householdId: number | null;
  roomLabel: string | null;
  name: string;
  sex: 'male' | 'female' | string | null;
  age: number | null;
  birthDate: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  relation: string;
  registeredHere: boolean;
  livingHere: boolean;
  politicalStatus: string;
  status: string;
  tags: TagRef[];
  allowedActions: string[];
}

export interface ResidentEvent {
  id: number;
  kind: string;
  /** The day it happened (moved in / out on), as opposed to `at`, when it was recorded. */
  date: string | null;
  at: string;
  householdId?: number | null;
  roomLabel?: string | null;
  actorName?: string | null;
  details?: Record<string, unknown> | null;
}

export interface ResidentDetail extends ResidentRow {
  nodeId?: number | null;
  ethnicity: string | null;
  education: string | null;
  maritalStatus: string | null;
  occupation: string | null;
  employer: string | null;
  notes: string | null;
  movedInAt: string | null;
  movedOutAt: string | null;
  history: ResidentEvent[];
}
