import type { Db, DbKind, Tx } from '../../db/create-db.js';
import type { AuditLogTable } from '../../db/schema.js';
import * as repo from './audit.repository.js';
import { type AuditRowContent, chainHash, contentOfRow, GENESIS_HASH } from './audit-chain.js';

/** Who did it and from where: taken from the request. */
export interface AuditContext {
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditEvent {
  action: string;
  entityType?: string | null;
  entityId?: string | number | null;
  nodeId?: number | null;
  outcome?: 'success' | 'failure' | 'denied';
  before?: unknown;
  after?: unknown;
}

const toJson = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * Appends one row to the hash-chained audit log inside the caller's transaction, so the
 * audited write and its record commit together (docs/domain/audit.md). Sensitive values
 * must never be passed in before/after: callers pass masked or omitted fields.
 */
export async function appendAudit(
  tx: Tx,
  kind: DbKind,
  ctx: AuditContext,
  ev: AuditEvent,
  now: Date,
): Promise<number> {
  await repo.lockChain(tx, kind);
  const last = await repo.lastRow(tx);
  let prevHash = last?.hash;
  let seq = (last?.seq ?? 0) + 1;
  if (!last) {
    const anchor = await repo.latestAnchor(tx);
    prevHash = anchor?.last_hash ?? GENESIS_HASH;
    seq = (anchor?.pruned_through_seq ?? 0) + 1;
  }
  const content: AuditRowContent = {
    seq,
    at: now.toISOString(),
    actorId: ctx.actorId,
    actorName: ctx.actorName,
    action: ev.action,
    entityType: ev.entityType ?? null,
    entityId: ev.entityId === undefined || ev.entityId === null ? null : String(ev.entityId),
    nodeId: ev.nodeId ?? null,
    outcome: ev.outcome ?? 'success',
    before: toJson(ev.before),
    after: toJson(ev.after),
    ip: ctx.ip,
    requestId: ctx.requestId,
  };
  const row: AuditLogTable = {
    seq,
    at: content.at,
    actor_id: content.actorId,
    actor_name: content.actorName,
    action: content.action,
    entity_type: content.entityType,
    entity_id: content.entityId,
    node_id: content.nodeId,
    outcome: content.outcome,
    before_json: content.before,
    after_json: content.after,
    ip: content.ip,
    request_id: content.requestId,
    prev_hash: prevHash ?? GENESIS_HASH,
    hash: chainHash(prevHash ?? GENESIS_HASH, content),
  };
  await repo.insertRow(tx, row);
  return seq;
}

/** Records an event in a transaction of its own (failed logins, denied reads). */
export async function recordAudit(db: Db, kind: DbKind, ctx: AuditContext, ev: AuditEvent, now: Date) {
  return db.transaction().execute((tx) => appendAudit(tx, kind, ctx, ev, now));
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBad: { seq: number; reason: 'edited' | 'missing' | 'broken_link' } | null;
}

/** Recomputes the chain and names the first edited, missing or relinked row. */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  const anchor = await repo.latestAnchor(db);
  let expectedSeq = (anchor?.pruned_through_seq ?? 0) + 1;
  let prevHash = anchor?.last_hash ?? GENESIS_HASH;
  let checked = 0;
  for await (const r of repo.iterateRows(db)) {
    if (r.seq < expectedSeq) continue; // rows an interrupted prune left behind are covered by the anchor
    if (r.seq !== expectedSeq)
      return { ok: false, checked, firstBad: { seq: expectedSeq, reason: 'missing' } };
    if (r.prev_hash !== prevHash)
      return { ok: false, checked, firstBad: { seq: r.seq, reason: 'broken_link' } };
    const content = contentOfRow(r);
    if (chainHash(prevHash, content) !== r.hash)
      return { ok: false, checked, firstBad: { seq: r.seq, reason: 'edited' } };
    prevHash = r.hash;
    expectedSeq++;
    checked++;
  }
  return { ok: true, checked, firstBad: null };
}

/**
 * Drops rows older than the retention period (≥ 180 days, 网络安全法 第21条) and leaves an
 * anchor holding the last dropped hash, so the remaining chain still verifies.
 */
export async function pruneAudit(db: Db, kind: DbKind, retentionDays: number, now: Date, ctx: AuditContext) {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  return db.transaction().execute(async (tx) => {
    await repo.lockChain(tx, kind);
    const last = await repo.lastRowBefore(tx, cutoff);
    if (!last) return 0;
    await repo.insertAnchor(tx, last.seq, last.hash, now.toISOString());
    const n = await repo.deleteThrough(tx, last.seq);
    await appendAudit(
      tx,
      kind,
      ctx,
      { action: 'audit.prune', after: { prunedThroughSeq: last.seq, rows: n, cutoff } },
      now,
    );
    return n;
  });
}

export const listAudit = repo.listRows;
export type { AuditFilters } from './audit.repository.js';
