import type { GridLevel } from '../../../../../common/admin-codes';

export type NodeAction = 'create_child' | 'rename' | 'move' | 'retire' | 'edit_staff';

export interface PartyOrg {
  type: string;
  name: string;
  secretaryName: string;
}

export interface GridNode {
  id: number;
  parentId: number | null;
  level: GridLevel;
  code: string;
  name: string;
  path: string;
  childCount: number;
  retired: boolean;
  subjects: string[];
  partyOrg: PartyOrg | null;
  boundary: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  allowedActions: string[];
}

export interface Ancestor {
  id: number;
  name: string;
  level: GridLevel;
}

export interface Staff {
  id: number;
  nodeId: number;
  userId: number | null;
  name: string;
  post: string;
  phoneMasked: string | null;
  since: string | null;
  allowedActions: string[];
}

export interface NodeDetail extends GridNode {
  ancestors: Ancestor[];
  staff: Staff[];
}

export interface SearchHit extends GridNode {
  pathNames: string[];
}

export interface ItemsResponse<T> {
  items: T[];
}
