import type { Selectable } from 'kysely';
import { parseIdNumber } from '../../../common/id-number.js';
import { maskIdNumber, maskPhone } from '../../../common/masking.js';
import { checkPassword } from '../../../common/password-policy.js';
import { authorize, isInSubtree, isRole, type Permission, type Role } from '../../../common/permissions.js';
import { parseMobile } from '../../../common/phone.js';
import type { CallContext, Deps } from '../../context.js';
import type { Tx } from '../../db/create-db.js';
import type { UsersTable } from '../../db/schema.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { denyOutOfScope } from '../../plugins/auth.js';
import { type AuditContext, appendAudit } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import { findNode } from '../grid/grid.repository.js';
import * as repo from './users.repository.js';

const iso = (d: Date) => d.toISOString();
const USERNAME_RE = /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/;

type UserRow = Selectable<UsersTable>;
type AssignmentRow = Awaited<ReturnType<typeof repo.assignmentsOfUsers>>[number];

/** Paths of the actor's assignments that grant a permission (the subtrees it reaches). */
function scopePaths(c: CallContext, perm: Permission): string[] {
  const paths = c.actor.assignments.filter((a) =>
    authorize({ userId: c.actor.userId, assignments: [a] }, perm, { path: a.nodePath }),
  );
  return paths.map((a) => a.nodePath);
}

const isRootScoped = (paths: string[]) => paths.some((p) => p.split('/').filter(Boolean).length === 1);

function canReach(c: CallContext, perm: Permission, assignments: AssignmentRow[]): boolean {
  if (!assignments.length) return isRootScoped(scopePaths(c, perm));
  return assignments.every((a) => authorize(c.actor, perm, { path: a.node_path }));
}

function visible(c: CallContext, assignments: AssignmentRow[]): boolean {
  if (!assignments.length) return isRootScoped(scopePaths(c, 'user.read'));
  return assignments.some((a) => authorize(c.actor, 'user.read', { path: a.node_path }));
}

function present(c: CallContext, u: UserRow, assignments: AssignmentRow[]) {
  const { crypto } = c.deps;
  const writable = canReach(c, 'user.write', assignments);
  const revealable = canReach(c, 'user.reveal', assignments);
  const actions: string[] = [];
  if (writable) {
    actions.push('edit', 'reset_password', 'assign');
    if (u.locked_until) actions.push('unlock');
    actions.push(u.status === 'active' ? 'disable' : 'enable');
  }
  if (revealable && u.phone_enc) actions.push('reveal_phone');
  if (revealable && u.id_number_enc) actions.push('reveal_id');
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    phoneMasked: u.phone_enc ? maskPhone(crypto.decrypt(u.phone_enc)) : null,
    idNumberMasked: u.id_number_enc ? maskIdNumber(crypto.decrypt(u.id_number_enc)) : null,
    status: u.status,
    lockedUntil: u.locked_until,
    totpEnabled: u.totp_enabled === 1,
    lastLoginAt: u.last_login_at,
    createdAt: u.created_at,
    assignments: assignments.map((a) => ({
      id: a.id,
      role: a.role,
      nodeId: a.node_id,
      nodeName: a.node_name,
    })),
    allowedActions: actions,
  };
}

async function loadVisible(c: CallContext, id: number) {
  const u = await repo.findById(c.deps.db, id);
  const assignments = u ? await repo.assignmentsOfUsers(c.deps.db, [u.id]) : [];
  if (!u || !visible(c, assignments)) throw await denyOutOfScope(c, 'user', id, 'user.read');
  return { u, assignments };
}

async function loadWritable(c: CallContext, id: number, perm: Permission = 'user.write') {
  const { u, assignments } = await loadVisible(c, id);
  if (!canReach(c, perm, assignments)) throw new AppError('FORBIDDEN', 403);
  return { u, assignments };
}

export interface UserQuery {
  q?: string;
  nodeId?: number;
  role?: string;
  page?: number;
  pageSize?: number;
}

/** Lists the accounts whose assignments fall in the viewer's subtree. */
export async function listUsers(c: CallContext, q: UserQuery) {
  const paths = scopePaths(c, 'user.read');
  let nodePath: string | undefined;
  if (q.nodeId) {
    const n = await findNode(c.deps.db, q.nodeId);
    if (!n || !paths.some((p) => isInSubtree(n.path, p)))
      throw await denyOutOfScope(c, 'grid_node', q.nodeId, 'user.read');
    nodePath = n.path;
  }
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await repo.listUsers(
    c.deps.db,
    { q: q.q, nodePath, role: q.role, scopePaths: paths, includeUnassigned: isRootScoped(paths) },
    pageSize,
    ((q.page ?? 1) - 1) * pageSize,
  );
  const assignments = await repo.assignmentsOfUsers(
    c.deps.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((u) =>
      present(
        c,
        u,
        assignments.filter((a) => a.user_id === u.id),
      ),
    ),
    total,
  };
}

export async function getUser(c: CallContext, id: number) {
  const { u, assignments } = await loadVisible(c, id);
  return present(c, u, assignments);
}

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  phone?: string | null;
  idNumber?: string | null;
  assignments: Array<{ role: string; nodeId: number }>;
  mustChangePassword?: boolean;
}

/** Checks every field at once so the form can show all problems together. */
function validateNewUser(input: NewUserInput, today: Date) {
  const problems: FieldProblem[] = [];
  if (!USERNAME_RE.test(input.username))
    problems.push({
      field: 'username',
      code: 'USERNAME_INVALID',
      message: {
        zh: '用户名须以字母开头，3–32 位字母、数字、_ . -',
        en: 'Username: 3–32 letters, digits, _ . -, starting with a letter',
      },
    });
  if (!input.displayName.trim())
    problems.push({
      field: 'displayName',
      code: 'required',
      message: { zh: '姓名必填', en: 'Name is required' },
    });
  const pw = checkPassword(input.password, { username: input.username });
  if (!pw.ok)
    for (const p of pw.problems)
      problems.push({ field: 'password', code: p.code, message: { zh: p.zh, en: p.en } });
  let phone: string | null = null;
  if (input.phone) {
    const r = parseMobile(input.phone);
    if (r.ok) phone = r.value;
    else problems.push({ field: 'phone', code: 'PHONE_INVALID' });
  }
  let idNumber: string | null = null;
  if (input.idNumber) {
    const r = parseIdNumber(input.idNumber, today);
    if (r.ok) idNumber = r.value;
    else problems.push({ field: 'idNumber', code: 'ID_NUMBER_INVALID' });
  }
  input.assignments.forEach((a, i) => {
    if (!isRole(a.role))
      problems.push({
        field: `assignments.${i}.role`,
        code: 'enum',
        message: { zh: '角色不存在', en: 'Unknown role' },
      });
  });
  return { problems, phone, idNumber };
}

/** Writes a new account and its assignments; shared by the admin screen, the CLI and the demo. */
export async function insertUserTx(
  tx: Tx,
  deps: Deps,
  audit: AuditContext,
  input: NewUserInput,
  clean: { phone: string | null; idNumber: string | null },
  passwordHash: string,
) {
  const now = deps.clock.now();
  if (await repo.findByUsername(tx, input.username)) {
    throw new AppError('USERNAME_TAKEN', 409, [{ field: 'username', code: 'USERNAME_TAKEN' }]);
  }
  const { crypto } = deps;
  const id = await repo.insertUser(tx, {
    username: input.username,
    display_name: input.displayName.trim(),
    password_hash: passwordHash,
    phone_enc: clean.phone ? crypto.encrypt(clean.phone) : null,
    phone_bidx: clean.phone ? crypto.blindIndex('phone', clean.phone) : null,
    id_number_enc: clean.idNumber ? crypto.encrypt(clean.idNumber) : null,
    id_number_bidx: clean.idNumber ? crypto.blindIndex('id_number', clean.idNumber) : null,
    status: 'active',
    failed_logins: 0,
    locked_until: null,
    totp_secret_enc: null,
    totp_enabled: 0,
    locale: 'zh-CN',
    must_change_password: input.mustChangePassword ? 1 : 0,
    last_login_at: null,
    password_changed_at: iso(now),
    created_at: iso(now),
    updated_at: iso(now),
  });
  for (const a of input.assignments) await repo.insertAssignment(tx, id, a.role, a.nodeId, iso(now));
  await appendAudit(
    tx,
    deps.kind,
    audit,
    {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      after: {
        username: input.username,
        displayName: input.displayName,
        phone: clean.phone ? maskPhone(clean.phone) : null,
        idNumber: clean.idNumber ? maskIdNumber(clean.idNumber) : null,
        assignments: input.assignments,
      },
    },
    now,
  );
  return id;
}

/** Creates an account; every assigned node must lie in the admin's own subtree (no self-promotion above it). */
export async function createUser(c: CallContext, input: NewUserInput) {
  const { problems, phone, idNumber } = validateNewUser(input, c.deps.clock.now());
  for (const [i, a] of input.assignments.entries()) {
    const n = await findNode(c.deps.db, a.nodeId);
    if (!n || n.retired_at || !authorize(c.actor, 'user.write', { path: n.path })) {
      problems.push({ field: `assignments.${i}.nodeId`, code: 'NOT_FOUND' });
    }
  }
  if (problems.length)
    throw new AppError(
      problems.some((p) => p.field === 'password') &&
        problems.length === problems.filter((p) => p.field === 'password').length
        ? 'PASSWORD_WEAK'
        : 'VALIDATION_FAILED',
      400,
      problems,
    );
  if (!input.assignments.length && !isRootScoped(scopePaths(c, 'user.write'))) {
    throw new AppError('VALIDATION_FAILED', 400, [
      {
        field: 'assignments',
        code: 'required',
        message: { zh: '至少分配一个角色', en: 'Assign at least one role' },
      },
    ]);
  }
  const hash = await hashPassword(input.password);
  const id = await c.deps.db
    .transaction()
    .execute((tx) => insertUserTx(tx, c.deps, c.audit, input, { phone, idNumber }, hash));
  return getUser(c, id);
}

/** System path for the CLI and demo: validates the same way, audits as "system". */
export async function createUserAsSystem(deps: Deps, input: NewUserInput, tx?: Tx) {
  const { problems, phone, idNumber } = validateNewUser(input, deps.clock.now());
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
  const hash = await hashPassword(input.password);
  const audit: AuditContext = { actorId: null, actorName: 'system', ip: null, requestId: null };
  if (tx) return insertUserTx(tx, deps, audit, input, { phone, idNumber }, hash);
  return deps.db.transaction().execute((t) => insertUserTx(t, deps, audit, input, { phone, idNumber }, hash));
}

export interface UserPatch {
  displayName?: string;
  phone?: string | null;
  idNumber?: string | null;
  status?: 'active' | 'disabled';
}

export async function updateUser(c: CallContext, id: number, patch: UserPatch) {
  const { u } = await loadWritable(c, id);
  if (id === c.actor.userId && patch.status === 'disabled') {
    throw new AppError('VALIDATION_FAILED', 400, [
      {
        field: 'status',
        code: 'SELF_DISABLE',
        message: { zh: '不能停用自己的账号', en: 'You cannot disable your own account' },
      },
    ]);
  }
  const problems: FieldProblem[] = [];
  const set: Partial<Omit<UserRow, 'id'>> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const { crypto } = c.deps;
  if (patch.displayName !== undefined) {
    if (!patch.displayName.trim()) problems.push({ field: 'displayName', code: 'required' });
    set.display_name = patch.displayName.trim();
    before.displayName = u.display_name;
    after.displayName = set.display_name;
  }
  if (patch.phone !== undefined) {
    const r = patch.phone ? parseMobile(patch.phone) : null;
    if (r && !r.ok) problems.push({ field: 'phone', code: 'PHONE_INVALID' });
    const v = r?.ok ? r.value : null;
    set.phone_enc = v ? crypto.encrypt(v) : null;
    set.phone_bidx = v ? crypto.blindIndex('phone', v) : null;
    before.phone = u.phone_enc ? maskPhone(crypto.decrypt(u.phone_enc)) : null;
    after.phone = v ? maskPhone(v) : null;
  }
  if (patch.idNumber !== undefined) {
    const r = patch.idNumber ? parseIdNumber(patch.idNumber, c.deps.clock.now()) : null;
    if (r && !r.ok) problems.push({ field: 'idNumber', code: 'ID_NUMBER_INVALID' });
    const v = r?.ok ? r.value : null;
    set.id_number_enc = v ? crypto.encrypt(v) : null;
    set.id_number_bidx = v ? crypto.blindIndex('id_number', v) : null;
    before.idNumber = u.id_number_enc ? maskIdNumber(crypto.decrypt(u.id_number_enc)) : null;
    after.idNumber = v ? maskIdNumber(v) : null;
  }
  if (patch.status !== undefined) {
    set.status = patch.status;
    before.status = u.status;
    after.status = patch.status;
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
  const now = c.deps.clock.now();
  set.updated_at = iso(now);
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, id, set);
    if (patch.status === 'disabled') await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'user.update', entityType: 'user', entityId: id, before, after },
      now,
    );
  });
  return getUser(c, id);
}

/** An administrator sets a new password; the user must change it at next login and all sessions end. */
export async function resetPassword(c: CallContext, id: number, password: string) {
  const { u } = await loadWritable(c, id);
  const pw = checkPassword(password, { username: u.username });
  if (!pw.ok)
    throw new AppError(
      'PASSWORD_WEAK',
      400,
      pw.problems.map((p) => ({ field: 'password', code: p.code, message: { zh: p.zh, en: p.en } })),
    );
  const hash = await hashPassword(password);
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, id, {
      password_hash: hash,
      password_changed_at: iso(now),
      must_change_password: 1,
      failed_logins: 0,
      locked_until: null,
      updated_at: iso(now),
    });
    await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'user.reset_password', entityType: 'user', entityId: id },
      now,
    );
  });
}

export async function unlockUser(c: CallContext, id: number) {
  const { u } = await loadWritable(c, id);
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, id, { failed_logins: 0, locked_until: null, updated_at: iso(now) });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'user.unlock', entityType: 'user', entityId: id, before: { lockedUntil: u.locked_until } },
      now,
    );
  });
  return getUser(c, id);
}

export async function addAssignment(c: CallContext, id: number, role: string, nodeId: number) {
  await loadWritable(c, id);
  if (!isRole(role)) throw new AppError('VALIDATION_FAILED', 400, [{ field: 'role', code: 'enum' }]);
  const n = await findNode(c.deps.db, nodeId);
  if (!n || n.retired_at || !authorize(c.actor, 'user.write', { path: n.path }))
    throw await denyOutOfScope(c, 'grid_node', nodeId, 'user.write');
  const existing = await c.deps.db
    .selectFrom('role_assignments')
    .select('id')
    .where('user_id', '=', id)
    .where('role', '=', role)
    .where('node_id', '=', nodeId)
    .executeTakeFirst();
  if (existing) throw new AppError('CONFLICT', 409, [{ field: 'role', code: 'CONFLICT' }]);
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    const aid = await repo.insertAssignment(tx, id, role, nodeId, iso(now));
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'user.assign',
        entityType: 'user',
        entityId: id,
        nodeId,
        after: { assignmentId: aid, role: role as Role, nodeId },
      },
      now,
    );
  });
  return getUser(c, id);
}

export async function removeAssignment(c: CallContext, id: number, assignmentId: number) {
  await loadWritable(c, id);
  const a = await repo.findAssignment(c.deps.db, assignmentId);
  if (!a || a.user_id !== id) throw new AppError('NOT_FOUND', 404);
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.deleteAssignment(tx, assignmentId);
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'user.unassign',
        entityType: 'user',
        entityId: id,
        nodeId: a.node_id,
        before: { assignmentId, role: a.role, nodeId: a.node_id },
      },
      now,
    );
  });
  return getUser(c, id);
}

/** Shows one masked field in full; needs user.reveal over every node the user belongs to, and is audited without the value. */
export async function revealField(c: CallContext, id: number, field: 'phone' | 'idNumber') {
  const { u, assignments } = await loadVisible(c, id);
  if (!canReach(c, 'user.reveal', assignments)) {
    await c.deps.db
      .transaction()
      .execute((tx) =>
        appendAudit(
          tx,
          c.deps.kind,
          c.audit,
          { action: 'user.reveal', entityType: 'user', entityId: id, outcome: 'denied', after: { field } },
          c.deps.clock.now(),
        ),
      );
    throw new AppError('FORBIDDEN', 403);
  }
  const stored = field === 'phone' ? u.phone_enc : u.id_number_enc;
  if (!stored) throw new AppError('NOT_FOUND', 404);
  const value = c.deps.crypto.decrypt(stored);
  await c.deps.db
    .transaction()
    .execute((tx) =>
      appendAudit(
        tx,
        c.deps.kind,
        c.audit,
        { action: 'user.reveal', entityType: 'user', entityId: id, after: { field } },
        c.deps.clock.now(),
      ),
    );
  return { value };
}

/** Whether the caller may see this account at all (used by other modules that link to users). */
export async function isUserVisible(c: CallContext, id: number): Promise<boolean> {
  const u = await repo.findById(c.deps.db, id);
  if (!u) return false;
  return visible(c, await repo.assignmentsOfUsers(c.deps.db, [u.id]));
}
