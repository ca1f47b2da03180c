import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { allPermissions, isGlobalPermission } from '../../../common/permissions.js';
import type { SessionActor } from '../../context.js';
import { auditContextOf, callContext, clearSessionCookies, setSessionCookies } from '../../plugins/auth.js';
import * as auth from './auth.service.js';

export function presentMe(actor: SessionActor) {
  const perms = [...allPermissions(actor)];
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      locale: actor.locale,
      totpEnabled: actor.totpEnabled,
      mustSetupTotp: actor.mustSetupTotp,
      mustChangePassword: actor.mustChangePassword,
    },
    csrfToken: actor.csrfToken,
    assignments: actor.assignments.map((a) => ({
      id: a.id,
      role: a.role,
      nodeId: a.nodeId,
      nodeName: a.nodeName,
      nodeLevel: a.nodeLevel,
      nodePath: a.nodePath,
    })),
    permissions: perms.filter((p) => !isGlobalPermission(p)),
    globalPermissions: perms.filter((p) => isGlobalPermission(p)),
    homeNodeId: actor.assignments[0]?.nodeId ?? null,
  };
}

const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
    totp: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);

async function meFor(req: FastifyRequest, sessionToken: string) {
  const found = await auth.resolveSession(req.server.deps, sessionToken);
  if (!found || !('actor' in found)) throw new Error('session vanished right after login');
  return presentMe(found.actor);
}

export async function authRoutes(app: FastifyInstance) {
  const secure = app.deps.config.secureCookies;
  app.post(
    '/login',
    {
      schema: { tags: ['auth'], summary: '登录 / Log in', body: LoginBody },
      config: {
        rateLimit: { max: app.deps.config.loginRateLimitPerMinute || 1_000_000, timeWindow: '1 minute' },
      },
    },
    async (req, reply) => {
      const body = req.body as { username: string; password: string; totp?: string };
      const r = await auth.login(app.deps, body, auditContextOf(req), req.headers['user-agent'] ?? null);
      setSessionCookies(reply, secure, r.sessionToken, r.csrfToken);
      return meFor(req, r.sessionToken);
    },
  );
  app.post('/logout', { schema: { tags: ['auth'], summary: '退出 / Log out' } }, async (req, reply) => {
    if (req.actor) await auth.logout(app.deps, callContext(req));
    clearSessionCookies(reply);
    return reply.status(204).send();
  });
  app.get('/me', { schema: { tags: ['auth'], summary: '当前用户 / Who am I' } }, async (req) =>
    presentMe(callContext(req).actor),
  );
  app.patch(
    '/me',
    {
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => {
      const c = callContext(req);
      const { locale } = req.body as { locale: 'zh-CN' | 'en' };
      await auth.setLocale(c, locale);
      return presentMe({ ...c.actor, locale });
    },
  );
  app.post(
    '/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码 / Change password',
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
            newPassword: Type.String({ minLength: 1, maxLength: 256 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const { currentPassword, newPassword } = req.body as { currentPassword: string; newPassword: string };
      await auth.changePassword(callContext(req), currentPassword, newPassword);
      return reply.status(204).send();
    },
  );
  app.post(
    '/totp/setup',
    { schema: { tags: ['auth'], summary: '开始设置两步验证 / Start TOTP enrolment' } },
    async (req) => auth.setupTotp(callContext(req)),
  );
  const CodeBody = Type.Object(
    { code: Type.String({ minLength: 6, maxLength: 10 }) },
    { additionalProperties: false },
  );
  app.post(
    '/totp/enable',
    { schema: { tags: ['auth'], summary: '启用两步验证 / Enable TOTP', body: CodeBody } },
    async (req, reply) => {
      await auth.enableTotp(callContext(req), (req.body as { code: string }).code, true);
      return reply.status(204).send();
    },
  );
  app.post(
    '/totp/disable',
    { schema: { tags: ['auth'], summary: '关闭两步验证 / Disable TOTP', body: CodeBody } },
    async (req, reply) => {
      await auth.enableTotp(callContext(req), (req.body as { code: string }).code, false);
      return reply.status(204).send();
    },
  );
}
