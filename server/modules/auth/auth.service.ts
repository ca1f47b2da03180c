import { createHash, randomBytes } from 'node:crypto';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { maskPhone } from '../../../common/masking.js';
import { checkPassword } from '../../../common/password-policy.js';
import { parseMobile } from '../../../common/phone.js';
import type { CallContext, Deps, SessionActor } from '../../context.js';
import { AppError } from '../../errors.js';
import { type AuditContext, appendAudit, recordAudit } from '../audit/audit.service.js';
import * as repo from './auth.repository.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** Write last-seen at most once a minute: idle timeout stays exact to the minute without a write per request. */
const TOUCH_EVERY_MS = 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const iso = (d: Date) => d.toISOString();

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

export interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  userId: number;
}

/**
 * Password login with lockout (5 failures → 15 minutes, 等保 身份鉴别 b) and the TOTP second
 * factor when the user enabled it. Every success and failure is audited.
 */
export async function login(
  deps: Deps,
  input: LoginInput,
  ctx: AuditContext,
  userAgent: string | null,
): Promise<LoginResult> {
  const now = deps.clock.now();
  // A resident account logs in with its mobile number; the number itself never reaches the audit log.
  const phone = parseMobile(input.username);
  const user =
    (await repo.findUserByUsername(deps.db, input.username)) ??
    (phone.ok
      ? await repo.findResidentUserByPhone(deps.db, deps.crypto.blindIndex('phone', phone.value))
      : undefined);
  const loginName = phone.ok ? maskPhone(phone.value) : input.username.slice(0, 100);
  const fail = async (
    reason: string,
    code = 'AUTH_INVALID_CREDENTIALS',
    status = 401,
    details?: Record<string, unknown>,
  ) => {
    await recordAudit(
      deps.db,
      deps.kind,
      { ...ctx, actorId: user?.id ?? null, actorName: loginName },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: user?.id ?? null,
        outcome: 'failure',
        after: { reason },
      },
      now,
    );
    return new AppError(code, status, details);
  };
  if (!user) {
    await verifyPassword(await dummyHash(), input.password);
    throw await fail('unknown_user');
  }
  if (user.locked_until && user.locked_until > iso(now)) {
    throw await fail('locked', 'AUTH_LOCKED', 423, { lockedUntil: user.locked_until });
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failed = user.failed_logins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    const lockedUntil = lock ? iso(new Date(now.getTime() + LOCK_MINUTES * 60_000)) : null;
    await repo.updateUser(deps.db, user.id, { failed_logins: lock ? 0 : failed, locked_until: lockedUntil });
    if (lock) throw await fail('bad_password_locked', 'AUTH_LOCKED', 423, { lockedUntil });
    throw await fail('bad_password', 'AUTH_INVALID_CREDENTIALS', 401, {
      remainingAttempts: MAX_FAILED_LOGINS - failed,
    });
  }
  // Resident accounts wait for community staff to match them to the registry (docs/resident-h5.md).
  if (user.status === 'pending') throw await fail('pending', 'AUTH_ACCOUNT_PENDING', 403);
  if (user.status === 'rejected') throw await fail('rejected', 'AUTH_ACCOUNT_REJECTED', 403);
  if (user.status !== 'active') throw await fail('disabled');
  if (user.totp_enabled && user.totp_secret_enc) {
    if (!input.totp) throw new AppError('AUTH_TOTP_REQUIRED', 401);
    const secret = deps.crypto.decrypt(user.totp_secret_enc);
    if (!authenticator.check(input.totp.replace(/\s/g, ''), secret))
      throw await fail('bad_totp', 'AUTH_TOTP_INVALID', 401);
  }
  const sessionToken = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, user.id, { failed_logins: 0, locked_until: null, last_login_at: iso(now) });
    await repo.insertSession(tx, {
      id: sha256(sessionToken),
      user_id: user.id,
      csrf_token: csrfToken,
      at: iso(now),
      ip: ctx.ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(
      tx,
      deps.kind,
      { ...ctx, actorId: user.id, actorName: user.username },
      { action: 'auth.login', entityType: 'user', entityId: user.id, outcome: 'success' },
      now,
    );
  });
  return { sessionToken, csrfToken, userId: user.id };
}

export type SessionLookup = { actor: SessionActor } | { expired: true } | null;

/** Resolves a session cookie to an actor; sessions idle longer than the limit are ended (等保 登录连接超时). */
export async function resolveSession(deps: Deps, token: string): Promise<SessionLookup> {
  const id = sha256(token);
  const s = await repo.findSession(deps.db, id);
  if (!s) return null;
  const now = deps.clock.now();
  const idleMs = deps.config.sessionIdleMinutes * 60_000;
  const lastSeen = new Date(s.last_seen_at).getTime();
  if (now.getTime() - lastSeen > idleMs) {
    await repo.deleteSession(deps.db, id);
    return { expired: true };
  }
  const user = await repo.findUserById(deps.db, s.user_id);
  if (user?.status !== 'active') {
    await repo.deleteSession(deps.db, id);
    return null;
  }
  if (now.getTime() - lastSeen > TOUCH_EVERY_MS) await repo.touchSession(deps.db, id, iso(now));
  const rows = await repo.assignmentsOf(deps.db, user.id);
  const assignments = rows.map((r) => ({
    id: r.id,
    role: r.role as SessionActor['assignments'][number]['role'],
    nodeId: r.node_id,
    nodePath: r.path,
    nodeName: r.name,
    nodeLevel: r.level,
  }));
  const isAdmin = assignments.some((a) => a.role === 'admin');
  return {
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      sessionId: id,
      csrfToken: s.csrf_token,
      locale: user.locale,
      totpEnabled: user.totp_enabled === 1,
      mustSetupTotp: deps.config.admin2fa && isAdmin && user.totp_enabled !== 1,
      mustChangePassword: user.must_change_password === 1,
      assignments,
    },
  };
}

export async function logout(deps: Deps, c: CallContext) {
  await deps.db.transaction().execute(async (tx) => {
    await repo.deleteSession(tx, c.actor.sessionId);
    await appendAudit(
      tx,
      deps.kind,
      c.audit,
      { action: 'auth.logout', entityType: 'user', entityId: c.actor.userId },
      deps.clock.now(),
    );
  });
}

/** Changing one's password needs the current one; other sessions of the user end. */
export async function changePassword(c: CallContext, currentPassword: string, newPassword: string) {
  const { deps } = c;
  const user = await repo.findUserById(deps.db, c.actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError('PASSWORD_WRONG', 400, [{ field: 'currentPassword', code: 'PASSWORD_WRONG' }]);
  }
  const policy = checkPassword(newPassword, { username: user.username });
  if (!policy.ok) {
    throw new AppError(
      'PASSWORD_WEAK',
      400,
      policy.problems.map((p) => ({ field: 'newPassword', code: p.code, message: { zh: p.zh, en: p.en } })),
    );
  }
  const hash = await hashPassword(newPassword);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, user.id, {
      password_hash: hash,
      password_changed_at: iso(now),
      must_change_password: 0,
      updated_at: iso(now),
    });
    await repo.deleteUserSessions(tx, user.id, c.actor.sessionId);
    await appendAudit(
      tx,
      deps.kind,
      c.audit,
      { action: 'auth.password_change', entityType: 'user', entityId: user.id },
      now,
    );
  });
}

export async function setLocale(c: CallContext, locale: 'zh-CN' | 'en') {
  await repo.updateUser(c.deps.db, c.actor.userId, { locale, updated_at: iso(c.deps.clock.now()) });
}

/** Starts TOTP enrolment: a new secret is stored (encrypted) but not enabled until a code confirms it. */
export async function setupTotp(c: CallContext) {
  const secret = authenticator.generateSecret();
  const otpauthUrl = authenticator.keyuri(c.actor.username, 'OneGrid 一张网', secret);
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, c.actor.userId, {
      totp_secret_enc: c.deps.crypto.encrypt(secret),
      totp_enabled: 0,
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'auth.totp_setup', entityType: 'user', entityId: c.actor.userId },
      c.deps.clock.now(),
    );
  });
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
}

export async function enableTotp(c: CallContext, code: string, enable: boolean) {
  const user = await repo.findUserById(c.deps.db, c.actor.userId);
  if (!user?.totp_secret_enc)
    throw new AppError('AUTH_TOTP_INVALID', 400, [{ field: 'code', code: 'AUTH_TOTP_INVALID' }]);
  const secret = c.deps.crypto.decrypt(user.totp_secret_enc);
  if (!authenticator.check(code.replace(/\s/g, ''), secret)) {
    throw new AppError('AUTH_TOTP_INVALID', 400, [{ field: 'code', code: 'AUTH_TOTP_INVALID' }]);
  }
  if (!enable && c.deps.config.admin2fa && c.actor.assignments.some((a) => a.role === 'admin')) {
    throw new AppError('AUTH_TOTP_SETUP_REQUIRED', 403);
  }
  await c.deps.db.transaction().execute(async (tx) => {
    await repo.updateUser(tx, user.id, {
      totp_enabled: enable ? 1 : 0,
      totp_secret_enc: enable ? user.totp_secret_enc : null,
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: enable ? 'auth.totp_enable' : 'auth.totp_disable', entityType: 'user', entityId: user.id },
      c.deps.clock.now(),
    );
  });
}

export async function purgeIdleSessions(deps: Deps) {
  const before = new Date(deps.clock.now().getTime() - deps.config.sessionIdleMinutes * 60_000);
  await repo.deleteIdleSessions(deps.db, iso(before));
}
