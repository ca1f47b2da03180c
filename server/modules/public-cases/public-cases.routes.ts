import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CASE_FILE_MAX_BYTES, CASE_STATES, RATINGS } from '../../../common/cases.js';
import { pickLocale } from '../../../common/i18n.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { auditContextOf, callContext } from '../../plugins/auth.js';
import * as publicCases from './public-cases.service.js';
import * as accounts from './resident-accounts.service.js';

// Residents' public face under /api/public (docs/resident-h5.md): no session is read here (plugins/auth.ts
// PUBLIC_PREFIX), bodies are JSON or multipart only, and every route is rate-limited per IP like login.

const Id = Type.Integer({ minimum: 1 });
const strict = { additionalProperties: false } as const;
const tags = ['public'];
// Enumerations in responses are plain strings (serialisation only); the rating a caller sends is checked exactly.
const RatingIn = Type.Union([Type.Literal(RATINGS[0]), Type.Literal(RATINGS[1]), Type.Literal(RATINGS[2])]);
const OneOf = (values: readonly string[]) => Type.String({ enum: [...values] });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const PublicCaseOut = Type.Object({
  id: Nullable(Type.Integer()),
  number: Type.String(),
  title: Type.String(),
  description: Type.String(),
  categoryName: Type.String(),
  state: OneOf(CASE_STATES),
  place: Nullable(Type.String()),
  createdAt: Type.String(),
  units: Type.Array(Type.Object({ name: Type.String(), role: OneOf(['lead', 'assist']) })),
  rejectReason: Nullable(Type.String()),
  result: Nullable(Type.String()),
  masterNumber: Nullable(Type.String()),
  photoCount: Type.Integer(),
  rating: Nullable(
    Type.Object({
      rating: OneOf(RATINGS),
      resolved: Type.Boolean(),
      comment: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
  canRate: Type.Boolean(),
  version: Type.Integer(),
  timeline: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: Type.String(),
      action: Type.String(),
      toState: Nullable(OneOf(CASE_STATES)),
      who: Type.String(),
      note: Nullable(Type.String()),
    }),
  ),
});
const ReportedOut = Type.Object({ id: Nullable(Type.Integer()), number: Type.String() });
const localeOf = (req: FastifyRequest) => pickLocale(req.headers['accept-language']);

/** Uploads are parsed here only; busboy stops reading a part past 5 MB and flags it truncated. */
const MULTIPART = {
  throwFileSizeLimit: false,
  limits: { fileSize: CASE_FILE_MAX_BYTES, files: publicCases.PHOTO_MAX_FILES + 1, fields: 12, parts: 24 },
};

/**
 * A report's fields and photos, from multipart/form-data (with photos) or JSON (without). Fields arrive as text;
 * numbers are read here and every problem is listed before anything is written.
 */
async function readReport(req: FastifyRequest) {
  const fields: Record<string, string> = {};
  const files: publicCases.UploadedPhoto[] = [];
  if (req.isMultipart()) {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        files.push({ fileName: part.filename, data, truncated: part.file.truncated });
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } else if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) {
    for (const [k, v] of Object.entries(req.body as Record<string, unknown>))
      if (typeof v === 'string' || typeof v === 'number') fields[k] = String(v);
  }
  return { fields, files };
}

function intField(fields: Record<string, string>, name: string, problems: FieldProblem[]): number {
  const n = Number(fields[name]);
  if (!fields[name] || !Number.isInteger(n) || n < 1)
    problems.push({
      field: name,
      code: 'required',
      message: { zh: '此项必填', en: 'This field is required' },
    });
  return n;
}

function textField(fields: Record<string, string>, name: string, max: number, problems: FieldProblem[]) {
  const v = fields[name] ?? '';
  if (v.length > max)
    problems.push({ field: name, code: 'maxLength', message: { zh: '内容太长', en: 'Too long' } });
  return v;
}

export async function publicCaseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Only JSON and multipart: a cross-site plain-text form post is refused with 415 before any handler runs.
  app.removeContentTypeParser('text/plain');
  const perMinute = (n: number) => ({
    rateLimit: { max: app.deps.config.loginRateLimitPerMinute ? n : 1_000_000, timeWindow: '1 minute' },
  });

  await app.register(multipart, MULTIPART);

  app.get(
    '/categories',
    {
      schema: {
        tags,
        summary: '居民可选的问题类别 / Categories a resident picks from',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                code: Type.String(),
                name: Type.String(),
                icon: Type.String(),
              }),
            ),
          }),
        },
      },
      config: perMinute(120),
    },
    async (req) => ({ items: await publicCases.publicCategories(app.deps, localeOf(req)) }),
  );

  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: '匿名反映（multipart：字段 + photos，每张 ≤ 5 MB）/ Report a matter without an account',
        response: { 201: ReportedOut },
      },
      config: perMinute(app.deps.config.loginRateLimitPerMinute),
    },
    async (req, reply) => {
      const { fields, files } = await readReport(req);
      const problems: FieldProblem[] = [];
      const input = {
        categoryId: intField(fields, 'categoryId', problems),
        communityId: intField(fields, 'communityId', problems),
        description: textField(fields, 'description', 4000, problems),
        location: textField(fields, 'location', 200, problems),
        name: textField(fields, 'name', 100, problems) || undefined,
        phone: textField(fields, 'phone', 30, problems),
      };
      if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
      const out = await publicCases.reportAnonymously(
        app.deps,
        auditContextOf(req),
        localeOf(req),
        input,
        files,
      );
      return reply.status(201).send(out);
    },
  );

  app.post(
    '/cases/track',
    {
      schema: {
        tags,
        summary: '进度查询（受理编号 + 手机后 4 位）/ Track with the number and the last 4 phone digits',
        body: Type.Object(
          {
            number: Type.String({ minLength: 1, maxLength: 40 }),
            phoneLast4: Type.String({ minLength: 1, maxLength: 8 }),
          },
          strict,
        ),
        response: { 200: PublicCaseOut },
      },
      config: perMinute(app.deps.config.loginRateLimitPerMinute),
    },
    async (req) => publicCases.track(app.deps, auditContextOf(req), localeOf(req), req.body),
  );

  app.post(
    '/cases/rate',
    {
      schema: {
        tags,
        summary: '评价（须提供完整手机号）/ Rate, proving the full phone number',
        body: Type.Object(
          {
            number: Type.String({ minLength: 1, maxLength: 40 }),
            phone: Type.String({ minLength: 1, maxLength: 30 }),
            rating: RatingIn,
            resolved: Type.Boolean(),
            comment: Type.Optional(Type.String({ maxLength: 500 })),
            version: Type.Integer({ minimum: 1 }),
          },
          strict,
        ),
        response: { 200: PublicCaseOut },
      },
      config: perMinute(app.deps.config.loginRateLimitPerMinute),
    },
    async (req) => publicCases.rate(app.deps, auditContextOf(req), localeOf(req), req.body),
  );

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

/** The signed-in resident's own things under /api/me (session and CSRF as everywhere). */
export async function meRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(multipart, MULTIPART);

  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: '我的反映 / My matters',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                number: Type.String(),
                title: Type.String(),
                categoryName: Type.String(),
                state: OneOf(CASE_STATES),
                createdAt: Type.String(),
                canRate: Type.Boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await publicCases.myCases(callContext(req)) }),
  );

  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: '以居民账号反映（本户自动带出）/ Report as a resident (own household)',
        response: { 201: ReportedOut },
      },
    },
    async (req, reply) => {
      const c = callContext(req);
      const { fields, files } = await readReport(req);
      const problems: FieldProblem[] = [];
      const input = {
        categoryId: intField(fields, 'categoryId', problems),
        description: textField(fields, 'description', 4000, problems),
        location: textField(fields, 'location', 200, problems) || undefined,
      };
      if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
      return reply.status(201).send(await publicCases.reportAsResident(c, input, files));
    },
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: '我的一件反映（公开进度）/ One of my matters (public timeline)',
        params: Type.Object({ id: Id }, strict),
        response: { 200: PublicCaseOut },
      },
    },
    async (req) => publicCases.myCase(callContext(req), req.params.id),
  );

  app.get(
    '/resident',
    { schema: { tags, summary: '我的住户信息 / My household (resident accounts)' } },
    async (req) => ({ account: await accounts.myAccount(callContext(req)) }),
  );
}
