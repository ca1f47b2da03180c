import type { CaseAction, CaseState, Rating } from '../../../../../common/cases';

/** Shapes of the residents' endpoints (docs/resident-h5.md). */

export interface Community {
  id: number;
  name: string;
  parentName: string | null;
}

export interface PublicCategory {
  id: number;
  code: string;
  name: string;
  /** A key into the icon set of the category picker. */
  icon: string;
}

export interface PublicTimelineItem {
  id: number;
  at: string;
  action: CaseAction | 'create';
  toState: CaseState | null;
  /** A unit's name or a role (社区工作人员, 住建局 …): never a member of staff by name. */
  who: string;
  note: string | null;
}

export interface PublicCase {
  id: number | null;
  number: string;
  title: string;
  description: string;
  categoryName: string;
  state: CaseState;
  place: string | null;
  createdAt: string;
  units: Array<{ name: string; role: 'lead' | 'assist' }>;
  rejectReason: string | null;
  result: string | null;
  masterNumber: string | null;
  photoCount: number;
  rating: { rating: Rating; resolved: boolean; comment: string | null; at: string } | null;
  canRate: boolean;
  version: number;
  timeline: PublicTimelineItem[];
}

export interface MyCaseItem {
  id: number;
  number: string;
  title: string;
  categoryName: string;
  state: CaseState;
  createdAt: string;
  canRate: boolean;
}

export interface MyAccount {
  name: string;
  phoneMasked: string;
  communityId: number;
  communityName: string;
  householdId: number | null;
  buildingId: number | null;
  nodeId: number | null;
  roomLabel: string | null;
  roomText: string;
}

export interface ReportInput {
  categoryId: number;
  description: string;
  communityId?: number;
  location?: string;
  name?: string;
  phone?: string;
  photos: File[];
}

export interface Reported {
  id: number | null;
  number: string;
}

export interface RateInput {
  rating: Rating;
  resolved: boolean;
  comment?: string;
}

export interface ResidentAccount {
  id: number;
  name: string;
  phoneMasked: string;
  communityId: number;
  communityName: string;
  roomText: string;
  status: 'pending' | 'confirmed' | 'rejected';
  residentId: number | null;
  householdId: number | null;
  roomLabel: string | null;
  rejectReason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface Candidate {
  residentId: number;
  name: string;
  roomLabel: string | null;
  householdId: number | null;
  phoneMasked: string | null;
  age: number | null;
  matches: Array<'phone' | 'name'>;
}
