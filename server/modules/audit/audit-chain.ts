import { createHash } from 'node:crypto';
import type { AuditLogTable } from '../../db/schema.js';

/** The fields that are hashed, in a fixed order (canonical content of one audit row). */
export interface AuditRowContent {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  nodeId: number | null;
  outcome: string;
  before: string | null;
  after: string | null;
  ip: string | null;
  requestId: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

export function canonicalAuditContent(r: AuditRowContent): string {
  return JSON.stringify([
    r.seq,
    r.at,
    r.actorId,
    r.actorName,
    r.action,
    r.entityType,
    r.entityId,
    r.nodeId,
    r.outcome,
    r.before,
    r.after,
    r.ip,
    r.requestId,
  ]);
}

/** hash_n = SHA-256(hash_{n-1} ‖ canonical content of row n). */
export function chainHash(prevHash: string, r: AuditRowContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalAuditContent(r)).digest('hex');
}

/** The hashed content of a stored row. */
export function contentOfRow(r: AuditLogTable): AuditRowContent {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    nodeId: r.node_id,
    outcome: r.outcome,
    before: r.before_json,
    after: r.after_json,
    ip: r.ip,
    requestId: r.request_id,
  };
}
