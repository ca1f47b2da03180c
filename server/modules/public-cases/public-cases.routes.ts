import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { auditContextOf, callContext } from '../../plugins/auth.js';
import * as accounts from './resident-accounts.service.js';

// Residents' public face under /api/public (docs/resident-h5.md): no session is read here (plugins/auth.ts
// PUBLIC_PREFIX), bodies are JSON or multipart only, and every route is rate-limited per IP like login.

const Id = Type.Integer({ minimum: 1 });
const strict = { additionalProperties: false } as const;
const tags = ['public'];

export async function publicCaseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Only JSON and multipart: a cross-site plain-text form post is refused with 415 before any handler runs.
  app.removeContentTypeParser('text/plain');
  const perMinute = (n: number) => ({
    rateLimit: { max: app.deps.config.loginRateLimitPerMinute ? n : 1_000_000, timeWindow: '1 minute' },
  });

  app.get(
    '/communities',
    {
      schema: {
        tags,
        summary: '可选社区 / Communities to choose from',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                name: Type.String(),
                parentName: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        },
      },
      config: perMinute(120),
    },
    async () => ({ items: await accounts.listCommunities(app.deps) }),
  );

  app.post(
    '/residents/register',
    {
      schema: {
        tags,
        summary: '居民注册（待社区核实）/ Register as a resident (pending confirmation)',
        body: Type.Object(
          {
            phone: Type.String({ minLength: 1, maxLength: 20 }),
            name: Type.String({ minLength: 1, maxLength: 100 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
            communityId: Id,
            roomText: Type.String({ minLength: 1, maxLength: 100 }),
          },
          strict,
        ),
        response: {
          201: Type.Object({
            id: Type.Integer(),
            status: Type.Literal('pending'),
            communityName: Type.String(),
          }),
        },
      },
      config: perMinute(app.deps.config.loginRateLimitPerMinute),
    },
    async (req, reply) =>
      reply.status(201).send(await accounts.register(app.deps, auditContextOf(req), req.body)),
  );
}

/** The signed-in resident's own things under /api/me. */
export async function meRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/resident',
    { schema: { tags, summary: '我的住户信息 / My household (resident accounts)' } },
    async (req) => ({ account: await accounts.myAccount(callContext(req)) }),
  );
}
