import { createHash } from 'node:crypto';
import { childLevel, isGridLevel, parentLevel, validateNodeCode } from '../../../common/admin-codes.js';
import {
  defaultPartyOrgType,
  GRID_SUBJECTS,
  PARTY_ORG_TYPE_LABELS,
  PARTY_ORG_TYPES,
  type PartyOrgType,
  STAFF_POSTS,
} from '../../../common/grid.js';
import { authorize, type Permission } from '../../../common/permissions.js';
import { parseMobile } from '../../../common/phone.js';
import type { CallContext, Deps } from '../../context.js';
import type { Tx } from '../../db/create-db.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { denyOutOfScope } from '../../plugins/auth.js';
import { type AuditContext, appendAudit, recordAudit } from '../audit/audit.service.js';
import { isUserVisible } from '../users/users.service.js';
import { canReadNode, canRevealStaffPhone, visibleRoots } from './grid.policy.js';
import {
  auditSnapshot,
  type NodeRow,
  type NodeView,
  presentNode,
  presentStaff,
  type StaffRow,
  type StaffView,
} from './grid.presenter.js';
import * as repo from './grid.repository.js';
import { checkBoundary } from './grid-boundary.js';

// Use cases of the grid (一张网): docs/api-core.md "Grid". Everything is scoped to the caller's
// subtree; a node outside it answers 404 as if it did not exist, and leaves an audit entry.

const NODE = 'grid_node';
const STAFF = 'grid_staff';
const SEARCH_LIMIT = 50;
const SYSTEM_AUDIT: AuditContext = { actorId: null, actorName: 'system', ip: null, requestId: null };

export interface PartyOrgInput {
  type: string;
  name: string;
  secretaryName?: string | null;
}

export interface CreateNodeInput {
  parentId: number;
  code: string;
  name: string;
  level?: string;
  subjects?: string[];
  partyOrg?: PartyOrgInput | null;
  boundary?: unknown;
}

export interface SystemNodeInput extends Omit<CreateNodeInput, 'parentId'> {
  parentId: number | null;
}

export interface UpdateNodeInput {
  name?: string;
  subjects?: string[];
  partyOrg?: PartyOrgInput | null;
  boundary?: unknown;
}

export interface AddStaffInput {
  userId?: number;
  name: string;
  post: string;
  phone?: string;
}

export type NodeDetail = NodeView & {
  ancestors: Array<{ id: number; name: string; level: string }>;
  staff: StaffView[];
};

export type SearchHit = NodeView & { pathNames: string[] };

/** [id, parentId, level, code, name, childCount] */
export type TreeTuple = [number, number | null, string, string, string, number];

// ---------------------------------------------------------------------------------------------
// helpers

/** '/1/5/23/' → [1, 5, 23] */
export function pathIds(path: string): number[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => Number(s));
}

function dbErrorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return String((err as { code: unknown }).code);
}
const isUniqueViolation = (err: unknown) =>
  ['23505', 'SQLITE_CONSTRAINT_UNIQUE'].includes(dbErrorCode(err) ?? '');
const isForeignKeyViolation = (err: unknown) =>
  ['23503', 'SQLITE_CONSTRAINT_FOREIGNKEY'].includes(dbErrorCode(err) ?? '');

const codeTaken = () =>
  new AppError('GRID_CODE_TAKEN', 409, [
    {
      field: 'code',
      code: 'GRID_CODE_TAKEN',
      message: { zh: '该编码已被其他网格使用', en: 'Another grid already uses this code' },
    },
  ]);

async function loadNode(db: Deps['db'] | Tx, id: number): Promise<NodeRow | undefined> {
  return (await repo.findNodesWithCounts(db, [id]))[0];
}

/** Loads a node the caller may read; anything else is 404 with an audit entry. */
async function readableNode(c: CallContext, id: number): Promise<NodeRow> {
  const row = await loadNode(c.deps.db, id);
  if (!row || !canReadNode(c.actor, row)) throw await denyOutOfScope(c, NODE, id, 'grid.read');
  return row;
}

/** Inside the caller's view but without the right to change it: 403 with an audit entry. */
async function requireOn(
  c: CallContext,
  row: NodeRow,
  permission: Permission,
  entityType = NODE,
  entityId: number = row.id,
) {
  if (authorize(c.actor, permission, { path: row.path })) return;
  await recordAudit(
    c.deps.db,
    c.deps.kind,
    c.audit,
    {
      action: 'access.denied',
      entityType,
      entityId,
      nodeId: row.id,
      outcome: 'denied',
      after: { permission },
    },
    c.deps.clock.now(),
  );
  throw new AppError('FORBIDDEN', 403);
}

function assertActive(row: NodeRow) {
  if (row.retired_at !== null) throw new AppError('GRID_NODE_RETIRED', 409);
}

function normaliseSubjects(subjects: string[] | undefined, problems: FieldProblem[]): string[] | undefined {
  if (subjects === undefined) return undefined;
  const known = GRID_SUBJECTS as readonly string[];
  const unknown = subjects.filter((s) => !known.includes(s));
  if (unknown.length) {
    problems.push({
      field: 'subjects',
      code: 'subjects.unknown',
      message: { zh: `未知的条线：${unknown.join('、')}`, en: `Unknown subjects: ${unknown.join(', ')}` },
    });
    return undefined;
  }
  // Stored in the canonical order so equal sets compare equal.
  return known.filter((s) => subjects.includes(s));
}

interface PartyOrgColumns {
  party_org_type: string | null;
  party_org_name: string | null;
  party_secretary: string | null;
}

function partyOrgColumns(input: PartyOrgInput | null, problems: FieldProblem[]): PartyOrgColumns | undefined {
  if (input === null) return { party_org_type: null, party_org_name: null, party_secretary: null };
  if (!(PARTY_ORG_TYPES as readonly string[]).includes(input.type)) {
    problems.push({
      field: 'partyOrg.type',
      code: 'partyOrg.type',
      message: { zh: '党组织类型不正确', en: 'Unknown Party organisation type' },
    });
    return undefined;
  }
  const name = input.name.trim();
  if (!name) {
    problems.push({
      field: 'partyOrg.name',
      code: 'required',
      message: { zh: '请填写党组织名称', en: 'Enter the Party organisation name' },
    });
    return undefined;
  }
  const secretary = input.secretaryName?.trim() || null;
  return { party_org_type: input.type, party_org_name: name, party_secretary: secretary };
}

/** Grids and micro-grids get their usual 党支部 / 党小组 by default (党建引领); upper levels none. */
function defaultPartyOrg(level: string, name: string): PartyOrgColumns {
  if (level !== 'grid' && level !== 'microgrid')
    return { party_org_type: null, party_org_name: null, party_secretary: null };
  const type: PartyOrgType = defaultPartyOrgType(level);
  return {
    party_org_type: type,
    party_org_name: `${name}${PARTY_ORG_TYPE_LABELS[type].zh}`,
    party_secretary: null,
  };
}

function boundaryText(value: unknown, problems: FieldProblem[]): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const check = checkBoundary(value);
  if (!check.ok) {
    problems.push({ field: 'boundary', code: check.reason, message: check.message });
    return undefined;
  }
  return JSON.stringify(value);
}

function requiredName(value: string, problems: FieldProblem[]): string {
  const name = value.trim();
  if (!name)
    problems.push({ field: 'name', code: 'required', message: { zh: '请填写名称', en: 'Enter a name' } });
  return name;
}

// ---------------------------------------------------------------------------------------------
// create

/**
 * The shared write path of a new node: level follows the parent, the code extends the parent's
 * (行政区划代码 compatible, DOMAIN §7.3), codes are unique, and the audit row commits with it.
 */
async function insertValidated(
  tx: Tx,
  deps: Deps,
  auditCtx: AuditContext,
  parent: NodeRow | null,
  input: SystemNodeInput,
): Promise<NodeRow> {
  if (parent) assertActive(parent);
  const expected = parent ? (isGridLevel(parent.level) ? childLevel(parent.level) : null) : 'city';
  if (!expected || (input.level !== undefined && input.level !== expected)) {
    throw new AppError('GRID_LEVEL_INVALID', 400, [
      {
        field: 'level',
        code: expected ? 'level.expected' : 'level.no_children',
        message: expected
          ? { zh: `此处只能新建层级为 ${expected} 的节点`, en: `Only a ${expected} can be created here` }
          : { zh: '微网格下不能再新建下级', en: 'A micro-grid cannot have children' },
      },
    ]);
  }

  const problems: FieldProblem[] = [];
  const codeCheck = validateNodeCode(expected, input.code, parent?.code ?? null);
  if (!codeCheck.ok) problems.push({ field: 'code', code: codeCheck.reason, message: codeCheck.message });
  const name = requiredName(input.name, problems);
  const subjects = normaliseSubjects(input.subjects, problems) ?? [...GRID_SUBJECTS];
  const party =
    input.partyOrg === undefined
      ? defaultPartyOrg(expected, name)
      : partyOrgColumns(input.partyOrg, problems);
  const boundary = boundaryText(input.boundary, problems);
  if (problems.length) {
    throw new AppError(codeCheck.ok ? 'VALIDATION_FAILED' : 'GRID_CODE_INVALID', 400, problems);
  }
  if (await repo.findNodeByCode(tx, input.code)) throw codeTaken();

  const now = deps.clock.now();
  let id: number;
  try {
    id = await repo.insertNode(
      tx,
      {
        parentId: parent?.id ?? null,
        level: expected,
        code: input.code,
        name,
        subjects,
        partyOrgType: party?.party_org_type ?? null,
        partyOrgName: party?.party_org_name ?? null,
        partySecretary: party?.party_secretary ?? null,
        boundary: boundary ?? null,
        at: now.toISOString(),
      },
      parent?.path ?? null,
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw codeTaken();
    throw err;
  }
  const row = (await loadNode(tx, id))!;
  await appendAudit(
    tx,
    deps.kind,
    auditCtx,
    { action: 'grid.node.create', entityType: NODE, entityId: id, nodeId: id, after: auditSnapshot(row) },
    now,
  );
  return row;
}

/** Creates a child under a node the caller may write (grid.write on the parent). */
export async function createNode(c: CallContext, input: CreateNodeInput): Promise<NodeView> {
  const parent = await readableNode(c, input.parentId);
  await requireOn(c, parent, 'grid.write');
  const row = await c.deps.db
    .transaction()
    .execute((tx) => insertValidated(tx, c.deps, c.audit, parent, input));
  return presentNode(c.actor, row);
}

/**
 * For the demo seeder and importers: the same validation and audit as createNode, with no actor
 * (audited as 'system'), inside the caller's transaction. A null parentId creates a city.
 */
export async function createNodeAsSystem(deps: Deps, tx: Tx, input: SystemNodeInput): Promise<NodeRow> {
  let parent: NodeRow | null = null;
  if (input.parentId !== null) {
    parent = (await loadNode(tx, input.parentId)) ?? null;
    if (!parent) throw new AppError('NOT_FOUND', 404);
  }
  return insertValidated(tx, deps, SYSTEM_AUDIT, parent, input);
}

// ---------------------------------------------------------------------------------------------
// reads

/** The top nodes of the caller's grid.read scope (one per assignment not inside another). */
export async function listRoots(c: CallContext): Promise<NodeView[]> {
  const ids = visibleRoots(c.actor, 'grid.read').map((p) => pathIds(p).at(-1)!);
  const rows = await repo.findNodesWithCounts(c.deps.db, ids);
  return rows.map((r) => presentNode(c.actor, r));
}

export async function children(c: CallContext, id: number, includeRetired: boolean): Promise<NodeView[]> {
  await readableNode(c, id);
  const rows = await repo.listChildren(c.deps.db, id, includeRetired);
  return rows.map((r) => presentNode(c.actor, r));
}

/** One node with its breadcrumb (administrative names above it) and its staff, phones masked. */
export async function getNode(c: CallContext, id: number): Promise<NodeDetail> {
  const row = await readableNode(c, id);
  const ancestorIds = pathIds(row.path).slice(0, -1);
  const [ancestorRows, staffRows] = await Promise.all([
    repo.findNodesByIds(c.deps.db, ancestorIds),
    repo.listStaff(c.deps.db, id),
  ]);
  const byId = new Map(ancestorRows.map((a) => [a.id, a]));
  const ancestors = ancestorIds
    .map((aid) => byId.get(aid))
    .filter((a) => a !== undefined)
    .map((a) => ({ id: a.id, name: a.name, level: a.level }));
  return {
    ...presentNode(c.actor, row),
    ancestors,
    staff: staffRows.map((s) => presentStaff(c.actor, c.deps.crypto, row, s)),
  };
}

/** Name or code contains q, within the caller's subtrees; active nodes only, at most 50. */
export async function search(c: CallContext, q: string): Promise<SearchHit[]> {
  const term = q.trim();
  if (!term) return [];
  const hits = await repo.searchNodes(c.deps.db, term, visibleRoots(c.actor, 'grid.read'), SEARCH_LIMIT);
  if (!hits.length) return [];
  const withCounts = new Map(
    (
      await repo.findNodesWithCounts(
        c.deps.db,
        hits.map((h) => h.id),
      )
    ).map((r) => [r.id, r]),
  );
  const allIds = [...new Set(hits.flatMap((h) => pathIds(h.path)))];
  const names = new Map((await repo.findNodesByIds(c.deps.db, allIds)).map((n) => [n.id, n.name]));
  return hits.map((h) => ({
    ...presentNode(c.actor, withCounts.get(h.id) ?? h),
    pathNames: pathIds(h.path).map((id) => names.get(id) ?? ''),
  }));
}

/** The whole authorised subtree (active nodes), compact, parents before children. */
export async function tree(c: CallContext, rootId?: number): Promise<TreeTuple[]> {
  const rootPaths =
    rootId === undefined ? visibleRoots(c.actor, 'grid.read') : [(await readableNode(c, rootId)).path];
  const rows = (await Promise.all(rootPaths.map((p) => repo.subtree(c.deps.db, p)))).flat();
  const counts = new Map<number, number>();
  for (const r of rows) if (r.parent_id !== null) counts.set(r.parent_id, (counts.get(r.parent_id) ?? 0) + 1);
  return rows.map((r) => [r.id, r.parent_id, r.level, r.code, r.name, counts.get(r.id) ?? 0]);
}

const treeCache = new WeakMap<object, Map<string, { version: string; etag: string; body: string }>>();
const TREE_CACHE_ENTRIES = 64;

/**
 * The compact tree as a ready JSON body with an ETag. A 10,000-node city answers ~700 KiB, so the body is
 * built once per (scope, tree version) and reused; the version counter is read on every call, so a change
 * made through any instance is seen at once.
 */
export async function treeJson(c: CallContext, rootId?: number): Promise<{ etag: string; body: string }> {
  const version = await repo.treeVersion(c.deps.db);
  const rootPaths =
    rootId === undefined ? visibleRoots(c.actor, 'grid.read') : [(await readableNode(c, rootId)).path];
  const key = rootPaths.join('|');
  let cache = treeCache.get(c.deps.db);
  if (!cache) {
    cache = new Map();
    treeCache.set(c.deps.db, cache);
  }
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit;
  const body = JSON.stringify({ items: await tree(c, rootId) });
  const etag = `"t${version}-${createHash('sha1').update(key).digest('hex').slice(0, 12)}"`;
  if (cache.size >= TREE_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  const entry = { version, etag, body };
  cache.set(key, entry);
  return entry;
}

// ---------------------------------------------------------------------------------------------
// node writes

/** Rename / re-subject / party organisation / boundary of an active node (grid.write). */
export async function updateNode(c: CallContext, id: number, input: UpdateNodeInput): Promise<NodeView> {
  const row = await readableNode(c, id);
  await requireOn(c, row, 'grid.write');
  assertActive(row);

  const problems: FieldProblem[] = [];
  const patch: Parameters<typeof repo.updateNode>[2] = {};
  if (input.name !== undefined) patch.name = requiredName(input.name, problems);
  const subjects = normaliseSubjects(input.subjects, problems);
  if (subjects) patch.subjects = subjects.join(',');
  if (input.partyOrg !== undefined) Object.assign(patch, partyOrgColumns(input.partyOrg, problems));
  const boundary = boundaryText(input.boundary, problems);
  if (boundary !== undefined) patch.boundary = boundary;
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);

  const changed = (Object.keys(patch) as Array<keyof typeof patch>).filter((k) => patch[k] !== row[k]);
  if (!changed.length) return presentNode(c.actor, row);

  const now = c.deps.clock.now();
  const updated = await c.deps.db.transaction().execute(async (tx) => {
    await repo.updateNode(tx, id, { ...patch, updated_at: now.toISOString() });
    const after = (await loadNode(tx, id))!;
    const before = auditSnapshot(row);
    const next = auditSnapshot(after);
    const keys = (Object.keys(next) as Array<keyof typeof next>).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]),
    );
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'grid.node.update',
        entityType: NODE,
        entityId: id,
        nodeId: id,
        before: Object.fromEntries(keys.map((k) => [k, before[k]])),
        after: Object.fromEntries(keys.map((k) => [k, next[k]])),
      },
      now,
    );
    return after;
  });
  return presentNode(c.actor, updated);
}

/**
 * Moves a node with its whole subtree under a new parent of the parent level. Both ends must be
 * in the caller's grid.write scope; never into itself or its own subtree. The code is kept
 * unchanged (it identifies the grid in other systems); only the paths are rewritten.
 */
export async function moveNode(c: CallContext, id: number, newParentId: number): Promise<NodeView> {
  const row = await readableNode(c, id);
  await requireOn(c, row, 'grid.write');
  const target = await readableNode(c, newParentId);
  await requireOn(c, target, 'grid.write');
  assertActive(row);
  if (target.id === row.id || target.path.startsWith(row.path))
    throw new AppError('GRID_MOVE_INTO_SUBTREE', 400);
  const wanted = isGridLevel(row.level) ? parentLevel(row.level) : null;
  if (!wanted || target.level !== wanted) {
    throw new AppError('GRID_LEVEL_INVALID', 400, [
      {
        field: 'newParentId',
        code: 'level.parent',
        message: wanted
          ? { zh: `新的上级必须是 ${wanted} 层级`, en: `The new parent must be a ${wanted}` }
          : { zh: '最高层级的节点不能移动', en: 'A top-level node cannot be moved' },
      },
    ]);
  }
  assertActive(target);
  if (row.parent_id === target.id) return presentNode(c.actor, row);

  const now = c.deps.clock.now();
  const newPath = `${target.path}${row.id}/`;
  const moved = await c.deps.db.transaction().execute(async (tx) => {
    await repo.updateNode(tx, id, { parent_id: target.id, updated_at: now.toISOString() });
    await repo.rewriteSubtreePaths(tx, row.path, newPath, target.depth + 1 - row.depth);
    const after = (await loadNode(tx, id))!;
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'grid.node.move',
        entityType: NODE,
        entityId: id,
        nodeId: id,
        before: { parentId: row.parent_id, path: row.path },
        after: { parentId: target.id, path: newPath, code: row.code },
      },
      now,
    );
    return after;
  });
  return presentNode(c.actor, moved);
}

/** Retires (never deletes) a node with no active children; a reason is required. */
export async function retireNode(c: CallContext, id: number, reason: string): Promise<NodeView> {
  const row = await readableNode(c, id);
  await requireOn(c, row, 'grid.write');
  const why = reason.trim();
  if (!why) {
    throw new AppError('VALIDATION_FAILED', 400, [
      {
        field: 'reason',
        code: 'required',
        message: { zh: '请填写撤销原因', en: 'Give a reason for retiring' },
      },
    ]);
  }
  assertActive(row);
  const now = c.deps.clock.now();
  const retired = await c.deps.db.transaction().execute(async (tx) => {
    if ((await repo.countActiveChildren(tx, id)) > 0) throw new AppError('GRID_NODE_HAS_CHILDREN', 409);
    const at = now.toISOString();
    await repo.updateNode(tx, id, { retired_at: at, retired_reason: why, updated_at: at });
    const after = (await loadNode(tx, id))!;
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'grid.node.retire',
        entityType: NODE,
        entityId: id,
        nodeId: id,
        before: { retiredAt: null },
        after: { retiredAt: at, retiredReason: why },
      },
      now,
    );
    return after;
  });
  return presentNode(c.actor, retired);
}

// ---------------------------------------------------------------------------------------------
// staff

const staffAudit = (s: Pick<StaffRow, 'node_id' | 'user_id' | 'name' | 'post' | 'phone_enc'>) => ({
  nodeId: s.node_id,
  userId: s.user_id,
  name: s.name,
  post: s.post,
  // Whether a phone is on file, never the number (docs/domain/audit.md).
  hasPhone: s.phone_enc !== null,
});

export async function listStaff(c: CallContext, nodeId: number): Promise<StaffView[]> {
  const node = await readableNode(c, nodeId);
  const rows = await repo.listStaff(c.deps.db, nodeId);
  return rows.map((s) => presentStaff(c.actor, c.deps.crypto, node, s));
}

/** Adds a staff member to an active node (grid.staff.write); the phone is stored encrypted. */
export async function addStaff(c: CallContext, nodeId: number, input: AddStaffInput): Promise<StaffView> {
  const node = await readableNode(c, nodeId);
  await requireOn(c, node, 'grid.staff.write');
  assertActive(node);

  const problems: FieldProblem[] = [];
  const name = requiredName(input.name, problems);
  if (!(STAFF_POSTS as readonly string[]).includes(input.post)) {
    problems.push({ field: 'post', code: 'post.unknown', message: { zh: '岗位不正确', en: 'Unknown post' } });
  }
  let phone: string | null = null;
  if (input.phone !== undefined && input.phone.trim() !== '') {
    const parsed = parseMobile(input.phone);
    if (parsed.ok) phone = parsed.value;
    else {
      problems.push({
        field: 'phone',
        code: 'PHONE_INVALID',
        message: { zh: '手机号码不正确，请核对', en: 'The mobile number is not valid; please check it' },
      });
    }
  }
  if (input.userId !== undefined && !(await isUserVisible(c, input.userId))) {
    problems.push({
      field: 'userId',
      code: 'user.unknown',
      message: { zh: '用户不存在', en: 'No such user' },
    });
  }
  if (problems.length) {
    const onlyPhone = problems.every((p) => p.field === 'phone');
    throw new AppError(onlyPhone ? 'PHONE_INVALID' : 'VALIDATION_FAILED', 400, problems);
  }

  const now = c.deps.clock.now();
  const at = now.toISOString();
  const row = await c.deps.db.transaction().execute(async (tx) => {
    let staffId: number;
    try {
      staffId = await repo.insertStaff(tx, {
        nodeId,
        userId: input.userId ?? null,
        name,
        post: input.post,
        phoneEnc: phone ? c.deps.crypto.encrypt(phone) : null,
        phoneBidx: phone ? c.deps.crypto.blindIndex('phone', phone) : null,
        since: at,
        at,
      });
    } catch (err) {
      if (isForeignKeyViolation(err)) {
        throw new AppError('VALIDATION_FAILED', 400, [
          { field: 'userId', code: 'user.unknown', message: { zh: '用户不存在', en: 'No such user' } },
        ]);
      }
      throw err;
    }
    const inserted = (await repo.findStaff(tx, staffId))!;
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'grid.staff.add', entityType: STAFF, entityId: staffId, nodeId, after: staffAudit(inserted) },
      now,
    );
    return inserted;
  });
  return presentStaff(c.actor, c.deps.crypto, node, row);
}

export async function removeStaff(c: CallContext, nodeId: number, staffId: number): Promise<void> {
  const node = await readableNode(c, nodeId);
  await requireOn(c, node, 'grid.staff.write', STAFF, staffId);
  const staff = await repo.findStaff(c.deps.db, staffId);
  if (!staff || staff.node_id !== nodeId) throw new AppError('NOT_FOUND', 404);
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.deleteStaff(tx, staffId);
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'grid.staff.remove',
        entityType: STAFF,
        entityId: staffId,
        nodeId,
        before: staffAudit(staff),
      },
      c.deps.clock.now(),
    );
  });
}

/**
 * The plain phone of a staff member, for someone holding user.reveal or person.reveal on the
 * node. The audit entry names the field, never the value (GB/T 35273 §7.2).
 */
export async function revealStaffPhone(
  c: CallContext,
  staffId: number,
  field: 'phone',
): Promise<{ value: string }> {
  const staff = await repo.findStaff(c.deps.db, staffId);
  const node = staff ? await loadNode(c.deps.db, staff.node_id) : undefined;
  if (!staff || !node || !canReadNode(c.actor, node))
    throw await denyOutOfScope(c, STAFF, staffId, 'grid.read');
  if (!canRevealStaffPhone(c.actor, node)) await requireOn(c, node, 'person.reveal', STAFF, staffId);
  if (!staff.phone_enc) throw new AppError('NOT_FOUND', 404);
  const phoneEnc = staff.phone_enc;
  await c.deps.db.transaction().execute((tx) =>
    appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'grid.staff.reveal',
        entityType: STAFF,
        entityId: staffId,
        nodeId: node.id,
        after: { field },
      },
      c.deps.clock.now(),
    ),
  );
  return { value: c.deps.crypto.decrypt(phoneEnc) };
}
