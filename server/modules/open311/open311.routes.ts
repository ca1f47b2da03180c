import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerAsyncHookHandler,
} from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../errors.js';
import { auditContextOf, callContext } from '../../plugins/auth.js';
import * as open311 from './open311.service.js';
import {
  bilingual,
  CONTENT_TYPES,
  formatOfUrl,
  type Open311Error,
  Open311Failure,
  type Open311Format,
  renderErrors,
  splitFormat,
  toXml,
} from './open311-format.js';
import * as keys from './open311-keys.service.js';
import { ATTRIBUTE_DATATYPES, type Fields, mergeFields, toFields } from './open311-rules.js';

// HTTP face of Open311 GeoReport v2 under /open311 (public: outside /api, so no session and no CSRF; POST carries an
// api_key) and of its administration under /api/open311 (settings.write). The format is the path suffix.

const FORM_BODY_LIMIT = 256 * 1024;
const tags = ['open311'];

/** Thrown by the rate limiter; answered as an Open311 error with HTTP 429. */
class Open311RateLimited extends Error {
  readonly statusCode = 429;
  constructor(readonly retryAfterSeconds: number) {
    super('open311 rate limit');
  }
}

/**
 * Reports per api key and client address per minute (ONEGRID_OPEN311_RATE_LIMIT; 0: no limit), one bucket for
 * `.xml` and `.json` alike. A preHandler, so the form body — where the api_key usually is — has been parsed; the
 * key is kept hashed. Wrong keys are counted too (403 until the limit, then 429).
 */
function postRateLimit(app: FastifyInstance): { preHandler?: preHandlerAsyncHookHandler } {
  const perMinute = app.deps.config.open311RateLimitPerMinute;
  if (perMinute <= 0) return {};
  const limiter = app.rateLimit({
    max: perMinute,
    timeWindow: '1 minute',
    keyGenerator: (req) => {
      const apiKey = fieldsOf(req).api_key?.[0] ?? '';
      const digest = createHash('sha256').update(apiKey).digest('base64url').slice(0, 22);
      return `open311:${digest}:${req.ip}`;
    },
    errorResponseBuilder: (_req, ctx) => new Open311RateLimited(Math.max(1, Math.ceil(ctx.ttl / 1000))),
  });
  return { preHandler: limiter };
}

/** Strict `application/x-www-form-urlencoded` in UTF-8: a bad percent sequence or invalid UTF-8 is a 400. */
function parseFormStrict(body: string): Fields {
  const out: Fields = {};
  if (body === '') return out;
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw new Open311Failure(400, [
        {
          code: 400,
          description: bilingual(
            `请求体不是合法的 UTF-8 表单编码（${rawName.slice(0, 40)}）`,
            `the body is not valid UTF-8 form-urlencoded data (${rawName.slice(0, 40)})`,
          ),
        },
      ]);
    }
    out[name] ??= [];
    out[name].push(value);
  }
  return out;
}

function send(reply: FastifyReply, format: Open311Format, status: number, body: string) {
  return reply.status(status).header('content-type', CONTENT_TYPES[format]).send(body);
}

function sendErrors(reply: FastifyReply, format: Open311Format, status: number, errors: Open311Error[]) {
  return send(reply, format, status, renderErrors(errors, format));
}

/** `[…]` for JSON; for XML the root element the specification names for this resource. */
function render(format: Open311Format, root: string, value: unknown): string {
  return format === 'json' ? JSON.stringify(value) : toXml(root, value);
}

const fieldsOf = (req: FastifyRequest): Fields =>
  mergeFields(toFields(req.query), (req.body as Fields | undefined) ?? {});

/** The Open311 error body for anything thrown below (the shared error handler speaks /api's shape). */
function errorReply(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const format = formatOfUrl(req.url);
  if (err instanceof Open311Failure) return sendErrors(reply, format, err.status, err.errors);
  if (err instanceof Open311RateLimited)
    return sendErrors(reply, format, 429, [
      {
        code: 429,
        description: bilingual(
          `提交过于频繁，请 ${err.retryAfterSeconds} 秒后再试`,
          `too many requests; try again in ${err.retryAfterSeconds} s`,
        ),
      },
    ]);
  if (err instanceof AppError) {
    const status = err.status === 404 ? 404 : err.status === 403 ? 403 : 400;
    const details = Array.isArray(err.details) ? err.details : [];
    const errors = details.length
      ? details.map((d) => ({
          code: status,
          description: d.message ? bilingual(d.message.zh, d.message.en) : `${d.field}: ${d.code}`,
        }))
      : [
          {
            code: status,
            description: bilingual('请求无法完成', `the request cannot be completed (${err.code})`),
          },
        ];
    return sendErrors(reply, format, status, errors);
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return sendErrors(reply, format, 400, [
      {
        code: 400,
        description: bilingual(
          '请求体须为 application/x-www-form-urlencoded; charset=utf-8',
          'the body must be application/x-www-form-urlencoded; charset=utf-8',
        ),
      },
    ]);
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return sendErrors(reply, format, 400, [
      { code: 400, description: bilingual('请求体过大', `the body exceeds ${FORM_BODY_LIMIT} bytes`) },
    ]);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return sendErrors(reply, format, 400, [
      {
        code: 400,
        description: bilingual('请求格式有误', `malformed request (${fe.code ?? fe.statusCode})`),
      },
    ]);
  // The specification answers 400 for any failure while processing; internals stay in the log.
  req.log.error({ err }, 'open311 failure');
  return sendErrors(reply, format, 400, [
    {
      code: 400,
      description: bilingual(
        '服务暂时无法处理该请求，请稍后再试',
        'the service could not process the request; try again later',
      ),
    },
  ]);
}

/** Public GeoReport v2 routes; register with prefix `/open311`. */
export async function open311Routes(app: FastifyInstance) {
  // Only form bodies, strictly UTF-8; anything else (JSON, multipart, another charset) is a 400 in Open311 form.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (req, body, done) => {
      const charset = /charset\s*=\s*"?([\w-]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
      if (charset && charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8') {
        done(
          new Open311Failure(400, [
            {
              code: 400,
              description: bilingual(
                `只接受 UTF-8 编码（收到 ${charset}）`,
                `only UTF-8 is accepted (got ${charset})`,
              ),
            },
          ]),
        );
        return;
      }
      try {
        done(null, parseFormStrict(String(body)));
      } catch (e) {
        done(e as Error);
      }
    },
  );
  app.setErrorHandler(errorReply);
  app.setNotFoundHandler((req, reply) =>
    sendErrors(reply, formatOfUrl(req.url), 404, [
      {
        code: 404,
        description: bilingual(
          `没有这个资源：${req.url.split('?')[0]}`,
          `no such resource: ${req.url.split('?')[0]}`,
        ),
      },
    ]),
  );
  // Open311 data is public: browser clients of other origins may read it.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('cache-control', 'no-store');
  });

  const endpointUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}/open311/v2`;
  const reportLimit = postRateLimit(app);

  for (const format of ['xml', 'json'] as const) {
    // Service Discovery: at the Open311 root and beside the endpoint.
    for (const path of [`/discovery.${format}`, `/v2/discovery.${format}`]) {
      app.get(
        path,
        { schema: { tags, summary: 'Open311 服务发现 / Service discovery' } },
        async (req, reply) =>
          send(
            reply,
            format,
            200,
            render(format, 'discovery', await open311.discovery(req.server.deps, endpointUrl(req))),
          ),
      );
    }
    app.get(
      `/v2/services.${format}`,
      { schema: { tags, summary: 'Open311 服务列表 / Service list' } },
      async (req, reply) =>
        send(
          reply,
          format,
          200,
          render(format, 'services', await open311.listServices(req.server.deps, fieldsOf(req))),
        ),
    );
    app.get(
      `/v2/requests.${format}`,
      { schema: { tags, summary: 'Open311 查询服务请求 / Service requests' } },
      async (req, reply) =>
        send(
          reply,
          format,
          200,
          render(format, 'service_requests', await open311.listRequests(req.server.deps, fieldsOf(req))),
        ),
    );
    app.post(
      `/v2/requests.${format}`,
      {
        schema: { tags, summary: 'Open311 提交服务请求 / Create a service request (api_key)' },
        ...reportLimit,
      },
      async (req, reply) => {
        const answer = await open311.createRequest(req.server.deps, auditContextOf(req), fieldsOf(req));
        return send(reply, format, 200, render(format, 'service_requests', answer));
      },
    );
  }

  const byFile = (
    kind: string,
    run: (req: FastifyRequest, id: string) => Promise<{ root: string; value: unknown }>,
  ) =>
    async function handler(req: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) {
      const split = splitFormat(req.params.file);
      if (!split)
        return sendErrors(reply, formatOfUrl(req.url), 404, [
          {
            code: 404,
            description: bilingual(
              `${kind} 路径须以 .xml 或 .json 结尾`,
              `a ${kind} path must end in .xml or .json`,
            ),
          },
        ]);
      const { root, value } = await run(req, split.id);
      return send(reply, split.format, 200, render(split.format, root, value));
    };

  app.get(
    '/v2/services/:file',
    { schema: { tags, summary: 'Open311 服务定义 / Service definition' } },
    byFile('service', async (req, code) => ({
      root: 'service_definition',
      value: await open311.serviceDefinition(req.server.deps, code, fieldsOf(req)),
    })),
  );
  app.get(
    '/v2/requests/:file',
    { schema: { tags, summary: 'Open311 单个服务请求 / One service request' } },
    byFile('request', async (req, id) => ({
      root: 'service_requests',
      value: await open311.getRequest(req.server.deps, id, fieldsOf(req)),
    })),
  );
  app.get(
    '/v2/tokens/:file',
    { schema: { tags, summary: 'Open311 由 token 查编号 / Request id from a token' } },
    byFile('token', async (req, token) => ({
      root: 'service_requests',
      value: await open311.tokenLookup(req.server.deps, token, fieldsOf(req)),
    })),
  );
}

// ------------------------------------------------------------------------------------------------
// Administration: /api/open311 (session + CSRF like every /api route; settings.write).

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Mode = Type.Union([Type.Literal('realtime'), Type.Literal('batch')]);
const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Integer({ minimum: 1 });
const IdParams = Type.Object({ id: Id }, strict);
const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 16 }) }, strict);

const KeyOut = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String(),
  nodeId: Type.Integer(),
  nodeName: Type.String(),
  mode: Mode,
  active: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  lastUsedAt: Nullable(Type.String()),
  requestCount: Type.Integer(),
});
const KeyCreated = Type.Intersect([KeyOut, Type.Object({ key: Type.String() })]);
const KeyCreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    nodeId: Id,
    mode: Type.Optional(Mode),
  },
  strict,
);
const KeyUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    nodeId: Type.Optional(Id),
    mode: Type.Optional(Mode),
    active: Type.Optional(Type.Boolean()),
  },
  strict,
);
const ValueIn = Type.Object(
  { key: Type.String({ minLength: 1, maxLength: 50 }), name: Type.String({ minLength: 1, maxLength: 100 }) },
  strict,
);
const AttributeIn = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 50, pattern: '^[A-Za-z0-9_-]+$' }),
    variable: Type.Optional(Type.Boolean()),
    datatype: literals(ATTRIBUTE_DATATYPES),
    required: Type.Optional(Type.Boolean()),
    datatypeDescription: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    order: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    values: Type.Optional(Type.Array(ValueIn, { maxItems: 100 })),
  },
  strict,
);
const AttributeOut = Type.Object({
  code: Type.String(),
  variable: Type.Boolean(),
  datatype: Type.String(),
  required: Type.Boolean(),
  datatypeDescription: Nullable(Type.String()),
  order: Type.Integer(),
  description: Nullable(Type.String()),
  values: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
});
const AttributesBody = Type.Object({ attributes: Type.Array(AttributeIn, { maxItems: 50 }) }, strict);
const AttributesOut = Type.Object({ attributes: Type.Array(AttributeOut) });

/** Key and service-definition administration; register with prefix `/api/open311`. */
export async function open311AdminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/keys',
    {
      schema: {
        tags,
        summary: 'Open311 接入密钥列表 / Open311 api keys',
        response: { 200: Type.Array(KeyOut) },
      },
    },
    async (req) => keys.listKeys(callContext(req)),
  );
  app.post(
    '/keys',
    {
      schema: {
        tags,
        summary: '签发 Open311 密钥（只显示一次）/ Issue an api key (shown once)',
        body: KeyCreateBody,
        response: { 201: KeyCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await keys.createKey(callContext(req), req.body)),
  );
  app.patch(
    '/keys/:id',
    {
      schema: {
        tags,
        summary: '修改或停用 Open311 密钥 / Update or deactivate an api key',
        params: IdParams,
        body: KeyUpdateBody,
        response: { 200: KeyOut },
      },
    },
    async (req) => keys.updateKey(callContext(req), req.params.id, req.body),
  );
  app.get(
    '/services/:code/attributes',
    {
      schema: {
        tags,
        summary: 'Open311 服务定义的属性 / Attributes of a service definition',
        params: CodeParams,
        response: { 200: AttributesOut },
      },
    },
    async (req) => ({ attributes: await open311.getAttributes(callContext(req), req.params.code) }),
  );
  app.put(
    '/services/:code/attributes',
    {
      schema: {
        tags,
        summary: '设置 Open311 服务定义的属性 / Set the attributes of a service definition',
        params: CodeParams,
        body: AttributesBody,
        response: { 200: AttributesOut },
      },
    },
    async (req) => ({
      attributes: await open311.putAttributes(callContext(req), req.params.code, req.body.attributes),
    }),
  );
}
