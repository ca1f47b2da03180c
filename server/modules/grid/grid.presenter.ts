import { maskPhone } from '../../../common/masking.js';
import type { Actor } from '../../../common/permissions.js';
import type { GridNodesTable, GridStaffTable } from '../../db/schema.js';
import type { FieldCrypto } from '../../lib/field-crypto.js';
import { type NodeAction, nodeActions, type StaffAction, staffActions } from './grid.policy.js';

/** A grid_nodes row as the repository returns it, with the child count when it was asked for. */
export type NodeRow = Omit<GridNodesTable, 'id'> & { id: number; child_count?: number | string | null };
export type StaffRow = Omit<GridStaffTable, 'id'> & { id: number };

export interface PartyOrgView {
  type: string;
  name: string;
  secretaryName: string;
}

export interface NodeView {
  id: number;
  parentId: number | null;
  level: string;
  code: string;
  name: string;
  path: string;
  childCount: number;
  retired: boolean;
  subjects: string[];
  partyOrg: PartyOrgView | null;
  boundary: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  allowedActions: NodeAction[];
}

export interface StaffView {
  id: number;
  nodeId: number;
  userId: number | null;
  name: string;
  post: string;
  phoneMasked: string | null;
  since: string | null;
  allowedActions: StaffAction[];
}

export function splitSubjects(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function partyOrgOf(
  row: Pick<NodeRow, 'party_org_type' | 'party_org_name' | 'party_secretary'>,
): PartyOrgView | null {
  if (!row.party_org_type) return null;
  return {
    type: row.party_org_type,
    name: row.party_org_name ?? '',
    secretaryName: row.party_secretary ?? '',
  };
}

function parseBoundary(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    // A damaged boundary must not make the node unreadable; the map simply shows none.
    return null;
  }
}

export function presentNode(actor: Actor, row: NodeRow): NodeView {
  const retired = row.retired_at !== null;
  return {
    id: row.id,
    parentId: row.parent_id,
    level: row.level,
    code: row.code,
    name: row.name,
    path: row.path,
    childCount: Number(row.child_count ?? 0),
    retired,
    subjects: splitSubjects(row.subjects),
    partyOrg: partyOrgOf(row),
    boundary: parseBoundary(row.boundary),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    allowedActions: nodeActions(actor, { path: row.path, level: row.level, retired }),
  };
}

/** Staff entry with the phone masked on the server; the plain number only comes from reveal. */
export function presentStaff(
  actor: Actor,
  crypto: FieldCrypto,
  node: { path: string },
  row: StaffRow,
): StaffView {
  return {
    id: row.id,
    nodeId: row.node_id,
    userId: row.user_id,
    name: row.name,
    post: row.post,
    phoneMasked: row.phone_enc ? maskPhone(crypto.decrypt(row.phone_enc)) : null,
    since: row.since,
    allowedActions: staffActions(actor, node, { hasPhone: row.phone_enc !== null }),
  };
}

/** The non-sensitive fields of a node that audit entries record before and after a change. */
export function auditSnapshot(row: NodeRow) {
  return {
    parentId: row.parent_id,
    level: row.level,
    code: row.code,
    name: row.name,
    path: row.path,
    subjects: splitSubjects(row.subjects),
    partyOrg: partyOrgOf(row),
    // The polygon itself can be large; the audit trail records whether one is set.
    hasBoundary: row.boundary !== null,
    retiredAt: row.retired_at,
    retiredReason: row.retired_reason,
  };
}
