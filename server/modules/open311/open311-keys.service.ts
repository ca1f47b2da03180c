import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { CallContext, Deps } from '../../context.js';
import type { Open311KeysTable } from '../../db/schema.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { requireGlobal } from '../../plugins/auth.js';
import { appendAudit } from '../audit/audit.service.js';
import { findNode } from '../grid/grid.repository.js';
import * as repo from './open311.repository.js';

// Open311 api keys (docs/open311.md "Keys"): issued by administrators (settings.write), each bound to the
// jurisdiction node where its requests land. Only an HMAC of the key is stored; the key is shown once.

export const KEY_MODES = ['realtime', 'batch'] as const;
export type KeyMode = (typeof KEY_MODES)[number];
const KEY_PREFIX = 'og311_';
const BLIND_INDEX_KIND = 'open311_key';

export interface KeyView {
  id: number;
  name: string;
  /** The first characters of the key, to tell keys apart; never enough to use it. */
  prefix: string;
  nodeId: number;
  nodeName: string;
  mode: KeyMode;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
  requestCount: number;
}

type KeyListRow = Awaited<ReturnType<typeof repo.listKeys>>[number];

function present(r: KeyListRow): KeyView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.key_prefix,
    nodeId: r.node_id,
    nodeName: r.node_name,
    mode: r.mode as KeyMode,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastUsedAt: r.last_used_at,
    requestCount: Number(r.request_count ?? 0),
  };
}

const hashKey = (deps: Deps, key: string) => deps.crypto.blindIndex(BLIND_INDEX_KIND, key);

/** The active key matching what a client sent, or null (missing, unknown and deactivated keys alike). */
export async function resolveKey(
  deps: Deps,
  key: string | undefined,
): Promise<Selectable<Open311KeysTable> | null> {
  if (!key || key.length > 200) return null;
  const row = await repo.findKeyByHash(deps.db, hashKey(deps, key));
  return row && row.active === 1 ? row : null;
}

async function checkNode(c: CallContext, nodeId: number, problems: FieldProblem[]) {
  const node = await findNode(c.deps.db, nodeId);
  if (!node || node.retired_at !== null)
    problems.push({
      field: 'nodeId',
      code: 'nodeId.unknown',
      message: { zh: '所选网格节点不存在或已撤销', en: 'That grid node does not exist or has been retired' },
    });
}

function checkName(name: string | undefined, problems: FieldProblem[]) {
  if (name !== undefined && name.trim() === '')
    problems.push({
      field: 'name',
      code: 'required',
      message: { zh: '请填写客户端名称', en: 'Name the client' },
    });
}

/** All keys with their usage, for the settings screen (settings.write). */
export async function listKeys(c: CallContext): Promise<KeyView[]> {
  await requireGlobal(c, 'settings.write');
  return (await repo.listKeys(c.deps.db)).map(present);
}

async function loadView(c: CallContext, id: number): Promise<KeyView> {
  const row = (await repo.listKeys(c.deps.db)).find((r) => r.id === id);
  if (!row) throw new AppError('NOT_FOUND', 404);
  return present(row);
}

/** Issues a key for a client; the answer carries the key itself, which is never shown again. */
export async function createKey(
  c: CallContext,
  input: { name: string; nodeId: number; mode?: KeyMode },
): Promise<KeyView & { key: string }> {
  await requireGlobal(c, 'settings.write');
  const problems: FieldProblem[] = [];
  checkName(input.name, problems);
  await checkNode(c, input.nodeId, problems);
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
  const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  const at = c.deps.clock.now();
  const name = input.name.trim();
  const mode = input.mode ?? 'realtime';
  const id = await c.deps.db.transaction().execute(async (tx) => {
    const keyId = await repo.insertKey(tx, {
      name,
      keyHash: hashKey(c.deps, key),
      keyPrefix: key.slice(0, KEY_PREFIX.length + 4),
      nodeId: input.nodeId,
      mode,
      createdBy: c.actor.userId,
      at: at.toISOString(),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'open311.key.create',
        entityType: 'open311_key',
        entityId: keyId,
        nodeId: input.nodeId,
        after: { name, nodeId: input.nodeId, mode },
      },
      at,
    );
    return keyId;
  });
  return { ...(await loadView(c, id)), key };
}

/** Renames, moves, switches mode, or (de)activates a key; a deactivated key is refused with 403 at once. */
export async function updateKey(
  c: CallContext,
  id: number,
  patch: { name?: string; nodeId?: number; mode?: KeyMode; active?: boolean },
): Promise<KeyView> {
  await requireGlobal(c, 'settings.write');
  const before = await repo.findKey(c.deps.db, id);
  if (!before) throw new AppError('NOT_FOUND', 404);
  const problems: FieldProblem[] = [];
  checkName(patch.name, problems);
  if (patch.nodeId !== undefined) await checkNode(c, patch.nodeId, problems);
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
  const at = c.deps.clock.now();
  const clean = { ...patch, ...(patch.name !== undefined ? { name: patch.name.trim() } : {}) };
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.updateKey(tx, id, clean, at.toISOString());
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'open311.key.update',
        entityType: 'open311_key',
        entityId: id,
        nodeId: clean.nodeId ?? before.node_id,
        before: { name: before.name, nodeId: before.node_id, mode: before.mode, active: before.active === 1 },
        after: clean,
      },
      at,
    );
  });
  return loadView(c, id);
}
