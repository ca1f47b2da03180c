import { randomBytes } from 'node:crypto';
import { maskPhone } from '../../../common/masking.js';
import { checkPassword } from '../../../common/password-policy.js';
import { authorize, isInSubtree } from '../../../common/permissions.js';
import { parseMobile } from '../../../common/phone.js';
import type { CallContext, Deps } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { denyOutOfScope } from '../../plugins/auth.js';
import { type AuditContext, appendAudit } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import * as registry from '../registry/registry.service.js';
import * as usersRepo from '../users/users.repository.js';
import { insertUserTx } from '../users/users.service.js';
import * as repo from './public-cases.repository.js';

// Resident accounts (docs/resident-h5.md): a resident registers with phone, name, password, community and room; the
// account stays pending (no login) until community staff holding person.write there match it to a registry resident.
// Confirmation activates the user and gives it the `resident` role at the household's micro-grid.

const iso = (d: Date) => d.toISOString();
export const NAME_MAX = 50;
export const ROOM_TEXT_MAX = 50;
export const REJECT_REASON_MAX = 200;

export interface RegisterInput {
  phone: string;
  name: string;
  password: string;
  communityId: number;
  roomText: string;
}

export interface Registered {
  id: number;
  status: 'pending';
  communityName: string;
}

const required = (field: string): FieldProblem => ({
  field,
  code: 'required',
  message: { zh: '此项必填', en: 'This field is required' },
});

/** Registration by anyone: every problem listed at once; one live account per phone. */
export async function register(deps: Deps, audit: AuditContext, input: RegisterInput): Promise<Registered> {
  const problems: FieldProblem[] = [];
  const phone = parseMobile(input.phone);
  if (!phone.ok)
    problems.push({
      field: 'phone',
      code: 'PHONE_INVALID',
      message: { zh: '请输入正确的 11 位手机号码', en: 'Enter a valid 11-digit mobile number' },
    });
  const name = input.name.trim();
  if (!name) problems.push(required('name'));
  else if (Array.from(name).length > NAME_MAX)
    problems.push({
      field: 'name',
      code: 'maxLength',
      message: { zh: '姓名太长', en: 'The name is too long' },
    });
  const roomText = input.roomText.trim();
  if (!roomText) problems.push(required('roomText'));
  else if (Array.from(roomText).length > ROOM_TEXT_MAX)
    problems.push({
      field: 'roomText',
      code: 'maxLength',
      message: { zh: '房号太长', en: 'The room is too long' },
    });
  const pw = checkPassword(input.password, { username: phone.ok ? phone.value : undefined });
  if (!pw.ok)
    for (const p of pw.problems)
      problems.push({ field: 'password', code: p.code, message: { zh: p.zh, en: p.en } });
  const community = await repo.findCommunity(deps.db, input.communityId);
  if (!community)
    problems.push({
      field: 'communityId',
      code: 'NOT_FOUND',
      message: { zh: '请选择所在社区', en: 'Choose your community' },
    });
  const phoneBidx = phone.ok ? deps.crypto.blindIndex('phone', phone.value) : null;
  if (phoneBidx && (await repo.findLiveAccountByPhone(deps.db, phoneBidx)))
    problems.push({
      field: 'phone',
      code: 'PHONE_REGISTERED',
      message: {
        zh: '该手机号已注册，请直接登录；如有疑问请联系社区',
        en: 'This number is already registered; log in, or ask your community',
      },
    });
  if (problems.length || !phone.ok || !community || !phoneBidx)
    throw new AppError(
      problems.every((p) => p.field === 'password') ? 'PASSWORD_WEAK' : 'VALIDATION_FAILED',
      400,
      problems,
    );

  const hash = await hashPassword(input.password);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (tx) => {
    // A username nobody types: residents log in with their phone (auth.service findResidentUserByPhone).
    const username = `res_${randomBytes(6).toString('hex')}`;
    const userId = await insertUserTx(
      tx,
      deps,
      audit,
      { username, displayName: name, password: input.password, phone: phone.value, assignments: [] },
      { phone: phone.value, idNumber: null },
      hash,
    );
    await usersRepo.updateUser(tx, userId, { status: 'pending' });
    const accountId = await repo.insertAccount(tx, {
      user_id: userId,
      name,
      phone_enc: deps.crypto.encrypt(phone.value),
      phone_bidx: phoneBidx,
      community_id: community.id,
      room_text: roomText,
      status: 'pending',
      resident_id: null,
      household_id: null,
      decided_by: null,
      decided_at: null,
      reject_reason: null,
      created_at: iso(now),
      updated_at: iso(now),
    });
    await appendAudit(
      tx,
      deps.kind,
      audit,
      {
        action: 'resident_account.register',
        entityType: 'resident_account',
        entityId: accountId,
        nodeId: community.id,
        after: { userId, name, phone: maskPhone(phone.value), communityId: community.id, roomText },
      },
      now,
    );
    return accountId;
  });
  return { id, status: 'pending', communityName: community.name };
}

// ---------------------------------------------------------------------------------------------
// staff: list, match, confirm, reject

/** Subtrees where the actor holds person.write: the communities whose registrations they may decide. */
function writeScope(c: CallContext): string[] {
  return c.actor.assignments
    .filter((a) =>
      authorize({ userId: c.actor.userId, assignments: [a] }, 'person.write', { path: a.nodePath }),
    )
    .map((a) => a.nodePath);
}

export function presentAccount(c: CallContext, a: repo.AccountRow) {
  return {
    id: a.id,
    name: a.name,
    phoneMasked: maskPhone(c.deps.crypto.decrypt(a.phone_enc)),
    communityId: a.community_id,
    communityName: a.community_name,
    roomText: a.room_text,
    status: a.status as 'pending' | 'confirmed' | 'rejected',
    residentId: a.resident_id,
    householdId: a.household_id,
    roomLabel: a.household_room_label,
    rejectReason: a.reject_reason,
    createdAt: a.created_at,
    decidedAt: a.decided_at,
  };
}
export type AccountView = ReturnType<typeof presentAccount>;

async function loadInScope(c: CallContext, id: number) {
  const a = await repo.findAccount(c.deps.db, id);
  if (!a || !authorize(c.actor, 'person.write', { path: a.community_path }))
    throw await denyOutOfScope(c, 'resident_account', id, 'person.write');
  return a;
}

export async function listAccounts(
  c: CallContext,
  q: { status?: 'pending' | 'confirmed' | 'rejected'; page?: number; pageSize?: number },
) {
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await repo.listAccounts(
    c.deps.db,
    writeScope(c),
    q.status ?? 'pending',
    pageSize,
    ((q.page ?? 1) - 1) * pageSize,
  );
  return { items: rows.map((a) => presentAccount(c, a)), total, page: q.page ?? 1, pageSize };
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

/** Registry residents of the account's community that share its phone or its name, best matches first. */
export async function candidates(
  c: CallContext,
  id: number,
): Promise<{ account: AccountView; items: Candidate[] }> {
  const a = await loadInScope(c, id);
  const phone = c.deps.crypto.decrypt(a.phone_enc);
  const [byPhone, byName] = await Promise.all([
    registry.listResidents(c, { nodeId: a.community_id, q: phone, pageSize: 20 }),
    registry.listResidents(c, { nodeId: a.community_id, q: a.name, pageSize: 20 }),
  ]);
  const out = new Map<number, Candidate>();
  const add = (r: (typeof byPhone.items)[number], m: 'phone' | 'name') => {
    const seen = out.get(r.id);
    if (seen) {
      seen.matches.push(m);
      return;
    }
    out.set(r.id, {
      residentId: r.id,
      name: r.name,
      roomLabel: r.roomLabel,
      householdId: r.householdId,
      phoneMasked: r.phoneMasked,
      age: r.age,
      matches: [m],
    });
  };
  for (const r of byPhone.items) add(r, 'phone');
  for (const r of byName.items) if (r.name === a.name) add(r, 'name');
  const items = [...out.values()].sort(
    (x, y) => y.matches.length - x.matches.length || x.residentId - y.residentId,
  );
  return { account: presentAccount(c, a), items };
}

const notPending = () =>
  new AppError('VALIDATION_FAILED', 400, [
    {
      field: 'status',
      code: 'RESIDENT_ACCOUNT_DECIDED',
      message: { zh: '该注册已处理过', en: 'This registration has already been decided' },
    },
  ]);

/**
 * Confirms a registration against a registry resident of the same community: the account becomes active with the
 * `resident` role at the household's micro-grid. Audited with the account, the resident and the household.
 */
export async function confirm(c: CallContext, id: number, residentId: number): Promise<AccountView> {
  const a = await loadInScope(c, id);
  if (a.status !== 'pending') throw notPending();
  const r = await registry.getResident(c, residentId);
  const problems: FieldProblem[] = [];
  const household = r.householdId ? await registry.getHousehold(c, r.householdId) : null;
  const node = household ? await repo.findNodePath(c.deps.db, household.nodeId) : null;
  if (r.status !== 'active' || !household || !node)
    problems.push({
      field: 'residentId',
      code: 'RESIDENT_NOT_ACTIVE',
      message: { zh: '该居民当前不在此居住', en: 'This person does not live here now' },
    });
  else if (
    !isInSubtree(node.path, a.community_path) ||
    !authorize(c.actor, 'person.write', { path: node.path })
  )
    problems.push({
      field: 'residentId',
      code: 'RESIDENT_OUTSIDE_COMMUNITY',
      message: {
        zh: '该居民不属于申请人所选社区',
        en: 'This person is not a resident of the chosen community',
      },
    });
  else if (await repo.findConfirmedAccountOfResident(c.deps.db, residentId))
    problems.push({
      field: 'residentId',
      code: 'RESIDENT_HAS_ACCOUNT',
      message: { zh: '该居民已有账号', en: 'This person already has an account' },
    });
  if (problems.length || !household || !node) throw new AppError('VALIDATION_FAILED', 400, problems);

  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    const fresh = await repo.findAccount(tx, id);
    if (fresh?.status !== 'pending') throw notPending();
    await repo.updateAccount(tx, id, {
      status: 'confirmed',
      resident_id: residentId,
      household_id: household.id,
      decided_by: c.actor.userId,
      decided_at: iso(now),
      updated_at: iso(now),
    });
    await usersRepo.updateUser(tx, a.user_id, { status: 'active', updated_at: iso(now) });
    await usersRepo.insertAssignment(tx, a.user_id, 'resident', node.id, iso(now));
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'resident_account.confirm',
        entityType: 'resident_account',
        entityId: id,
        nodeId: node.id,
        before: { status: 'pending' },
        after: { status: 'confirmed', userId: a.user_id, residentId, householdId: household.id },
      },
      now,
    );
  });
  return presentAccount(c, (await repo.findAccount(c.deps.db, id)) as repo.AccountRow);
}

/** Rejects a registration with a reason the resident is told when they try to log in. */
export async function reject(c: CallContext, id: number, reason: string): Promise<AccountView> {
  const a = await loadInScope(c, id);
  if (a.status !== 'pending') throw notPending();
  const text = reason.trim();
  if (!text) throw new AppError('VALIDATION_FAILED', 400, [required('reason')]);
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    const fresh = await repo.findAccount(tx, id);
    if (fresh?.status !== 'pending') throw notPending();
    await repo.updateAccount(tx, id, {
      status: 'rejected',
      reject_reason: text.slice(0, REJECT_REASON_MAX),
      decided_by: c.actor.userId,
      decided_at: iso(now),
      updated_at: iso(now),
    });
    await usersRepo.updateUser(tx, a.user_id, { status: 'rejected', updated_at: iso(now) });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'resident_account.reject',
        entityType: 'resident_account',
        entityId: id,
        nodeId: a.community_id,
        before: { status: 'pending' },
        after: { status: 'rejected', reason: text },
      },
      now,
    );
  });
  return presentAccount(c, (await repo.findAccount(c.deps.db, id)) as repo.AccountRow);
}

// ---------------------------------------------------------------------------------------------
// the resident's own account

export interface MyHousehold {
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

/** The signed-in resident's account and household (for prefilling a report); null for staff. */
export async function myAccount(c: CallContext): Promise<MyHousehold | null> {
  const a = await repo.findAccountOfUser(c.deps.db, c.actor.userId);
  if (a?.status !== 'confirmed') return null;
  return {
    name: a.name,
    phoneMasked: maskPhone(c.deps.crypto.decrypt(a.phone_enc)),
    communityId: a.community_id,
    communityName: a.community_name,
    householdId: a.household_id,
    buildingId: a.household_building_id,
    nodeId: a.household_node_id,
    roomLabel: a.household_room_label,
    roomText: a.room_text,
  };
}

/** The confirmed account row of a user, for the public cases service (reporter identity and phone). */
export async function confirmedAccountOf(deps: Deps, userId: number) {
  const a = await repo.findAccountOfUser(deps.db, userId);
  return a?.status === 'confirmed' ? a : null;
}

export async function listCommunities(deps: Deps) {
  const rows = await repo.listCommunities(deps.db);
  return rows.map((r) => ({ id: r.id, name: r.name, parentName: r.parent_name }));
}
