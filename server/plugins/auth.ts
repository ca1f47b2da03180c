import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { pickLocale } from '../../common/i18n.js';
import { authorize, type Permission } from '../../common/permissions.js';
import type { CallContext, Deps, SessionActor } from '../context.js';
import { AppError } from '../errors.js';
import type { AuditContext } from '../modules/audit/audit.service.js';
import { recordAudit } from '../modules/audit/audit.service.js';
import { resolveSession } from '../modules/auth/auth.service.js';

export const SESSION_COOKIE = 'og_sid';
export const CSRF_COOKIE = 'og_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    actor: SessionActor | null;
    sessionExpired: boolean;
  }
  interface FastifyInstance {
    deps: Deps;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes a visitor without a session may call with a state-changing method. */
const CSRF_EXEMPT = new Set(['/api/auth/login']);
/**
 * Residents' public pages (report, track, rate, register; docs/resident-h5.md) act for nobody: the session cookie is
 * not even read there, so a forged cross-site request can do nothing a stranger could not do in the open.
 */
export const PUBLIC_PREFIX = '/api/public/';

export function auditContextOf(req: FastifyRequest): AuditContext {
  return {
    actorId: req.actor?.userId ?? null,
    actorName: req.actor?.username ?? null,
    ip: req.ip ?? null,
    requestId: String(req.id),
  };
}

/** The call context of an authenticated request; 401 otherwise. */
export function callContext(req: FastifyRequest): CallContext {
  if (!req.actor) throw new AppError(req.sessionExpired ? 'AUTH_SESSION_EXPIRED' : 'AUTH_REQUIRED', 401);
  return {
    deps: req.server.deps,
    actor: req.actor,
    audit: auditContextOf(req),
    locale: pickLocale(req.headers['accept-language']),
  };
}

/**
 * A request for something outside the caller's subtree answers 404, as if it did not exist,
 * and leaves an audit entry (docs/domain/access.md).
 */
export async function denyOutOfScope(
  c: CallContext,
  entityType: string,
  entityId: string | number,
  permission: Permission,
) {
  await recordAudit(
    c.deps.db,
    c.deps.kind,
    c.audit,
    { action: 'access.denied', entityType, entityId, outcome: 'denied', after: { permission } },
    c.deps.clock.now(),
  );
  return new AppError('NOT_FOUND', 404);
}

/** Checks a global permission (audit.read, settings.write …): 403 and an audit entry if missing. */
export async function requireGlobal(c: CallContext, permission: Permission) {
  if (authorize(c.actor, permission, null)) return;
  await recordAudit(
    c.deps.db,
    c.deps.kind,
    c.audit,
    { action: 'access.denied', outcome: 'denied', after: { permission } },
    c.deps.clock.now(),
  );
  throw new AppError('FORBIDDEN', 403);
}

export function setSessionCookies(
  reply: FastifyReply,
  secure: boolean,
  sessionToken: string,
  csrfToken: string,
) {
  reply.setCookie(SESSION_COOKIE, sessionToken, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.setCookie(CSRF_COOKIE, csrfToken, { path: '/', httpOnly: false, sameSite: 'strict', secure });
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** Resolves the session on every API request and enforces CSRF on state-changing ones. */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.url.startsWith(PUBLIC_PREFIX) ? undefined : req.cookies[SESSION_COOKIE];
    if (token) {
      const found = await resolveSession(app.deps, token);
      if (found && 'actor' in found) req.actor = found.actor;
      else if (found && 'expired' in found) req.sessionExpired = true;
    }
    const path = req.url.split('?')[0];
    if (!SAFE_METHODS.has(req.method) && !CSRF_EXEMPT.has(path) && req.actor) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== req.actor.csrfToken) {
        await recordAudit(
          app.deps.db,
          app.deps.kind,
          auditContextOf(req),
          { action: 'access.csrf_rejected', outcome: 'denied', after: { method: req.method, path } },
          app.deps.clock.now(),
        );
        throw new AppError('CSRF_INVALID', 403);
      }
    }
    // An administrator under ONEGRID_ADMIN_2FA must enrol TOTP before anything else.
    if (req.actor?.mustSetupTotp && !path.startsWith('/api/auth/'))
      throw new AppError('AUTH_TOTP_SETUP_REQUIRED', 403);
    // A password set by an administrator (reset, CLI) must be replaced by the user before any work (等保 身份鉴别 a).
    if (req.actor?.mustChangePassword && !path.startsWith('/api/auth/')) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 403);
    }
  });
});
