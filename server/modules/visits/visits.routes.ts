import { createReadStream } from 'node:fs';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { VISIT_METHODS } from '../../../common/registry.js';
import { callContext } from '../../plugins/auth.js';
import { PHOTO_MAX_BYTES, PHOTO_MAX_FILES } from './visit-photos.js';
import { PERIOD_PATTERN } from './visits.policy.js';
import * as visits from './visits.service.js';

// HTTP face of visits and dispute screening (docs/api-registry.md "Visits"). Handlers stay thin.

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Id = Type.Integer({ minimum: 1 });
const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const LocalText = Type.Object({ zh: Type.String(), en: Type.String() });

const IdParams = Type.Object({ id: Id }, strict);
const PhotoParams = Type.Object({ photoId: Id }, strict);
const NodeQuery = Type.Object({ nodeId: Type.Optional(Id) }, strict);
const ListQuery = Type.Object(
  {
    householdId: Id,
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  strict,
);
const CoverageQuery = Type.Object(
  { nodeId: Type.Optional(Id), period: Type.Optional(Type.String({ pattern: PERIOD_PATTERN })) },
  strict,
);
const CreateBody = Type.Object(
  {
    householdId: Id,
    residentId: Type.Optional(Nullable(Id)),
    method: literals(VISIT_METHODS),
    visitedAt: Type.Optional(Type.String({ minLength: 10, maxLength: 40 })),
    findings: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    disputeFound: Type.Boolean(),
    followUp: Type.Boolean(),
    planId: Type.Optional(Nullable(Id)),
  },
  strict,
);
const PlanCreateBody = Type.Object(
  {
    nodeId: Id,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    tagCode: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 40 }))),
    riskLevels: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10, uniqueItems: true }),
    ),
    everyDays: Type.Integer({ minimum: 1, maximum: 366 }),
  },
  strict,
);
const PlanUpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    everyDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
    active: Type.Optional(Type.Boolean()),
  },
  strict,
);

const PhotoOut = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
});
const VisitOut = Type.Object({
  id: Type.Integer(),
  householdId: Type.Integer(),
  roomLabel: Type.String(),
  nodeId: Type.Integer(),
  residentId: Nullable(Type.Integer()),
  residentName: Nullable(Type.String()),
  planId: Nullable(Type.Integer()),
  planName: Nullable(Type.String()),
  visitorId: Nullable(Type.Integer()),
  visitorName: Nullable(Type.String()),
  visitedAt: Type.String(),
  method: Type.String(),
  findings: Nullable(Type.String()),
  screened: Type.Boolean(),
  disputeFound: Type.Boolean(),
  disputeResolvedAt: Nullable(Type.String()),
  followUp: Type.Boolean(),
  flagged: Type.Boolean(),
  photos: Type.Array(PhotoOut),
  allowedActions: Type.Array(Type.String()),
});
const TodayOut = Type.Object({
  items: Type.Array(
    Type.Object({
      householdId: Type.Integer(),
      roomLabel: Type.String(),
      buildingNumber: Type.String(),
      nodeId: Type.Integer(),
      use: Type.String(),
      reasons: Type.Array(
        Type.Object({
          planId: Type.Integer(),
          plan: Type.String(),
          tagCode: Nullable(Type.String()),
          tagName: Nullable(LocalText),
          symbol: Nullable(Type.String()),
          color: Nullable(Type.String()),
          dueAt: Type.String(),
          overdueDays: Type.Integer(),
        }),
      ),
      lastVisitAt: Nullable(Type.String()),
    }),
  ),
  total: Type.Integer(),
});
const HistoryOut = Type.Object({
  household: Type.Object({
    id: Type.Integer(),
    roomLabel: Type.String(),
    buildingNumber: Type.String(),
    nodeId: Type.Integer(),
    use: Type.String(),
  }),
  items: Type.Array(VisitOut),
  total: Type.Integer(),
  allowedActions: Type.Array(Type.String()),
});
const PlanOut = Type.Object({
  id: Type.Integer(),
  nodeId: Type.Integer(),
  name: Type.String(),
  tagCode: Nullable(Type.String()),
  riskLevels: Type.Array(Type.String()),
  everyDays: Type.Integer(),
  active: Type.Boolean(),
  allowedActions: Type.Array(Type.String()),
});
const CoverageRowOut = Type.Object({
  nodeId: Type.Integer(),
  name: Type.String(),
  level: Type.String(),
  screened: Type.Integer(),
  total: Type.Integer(),
  rate: Type.Number(),
});
const CoverageOut = Type.Intersect([
  CoverageRowOut,
  Type.Object({ period: Type.String(), children: Type.Array(CoverageRowOut) }),
]);

const tags = ['visits'];

export async function visitsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // Registered here so only this module accepts uploads; limits past which busboy stops reading a part.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: PHOTO_MAX_BYTES, files: PHOTO_MAX_FILES + 1, fields: 5, parts: PHOTO_MAX_FILES + 6 },
  });

  app.get(
    '/today',
    {
      schema: {
        tags,
        summary: '今日待走访 / Households due a visit today',
        querystring: NodeQuery,
        response: { 200: TodayOut },
      },
    },
    async (req) => visits.today(callContext(req), req.query.nodeId),
  );

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: '某户走访记录 / A household’s visits',
        querystring: ListQuery,
        response: { 200: HistoryOut },
      },
    },
    async (req) =>
      visits.householdVisits(
        callContext(req),
        req.query.householdId,
        req.query.page ?? 1,
        req.query.pageSize ?? 20,
      ),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: '登记走访 / Record a visit',
        body: CreateBody,
        response: { 201: VisitOut },
      },
    },
    async (req, reply) => reply.status(201).send(await visits.recordVisit(callContext(req), req.body)),
  );

  app.get(
    '/coverage',
    {
      schema: {
        tags,
        summary: '排查覆盖率 / Screening coverage',
        querystring: CoverageQuery,
        response: { 200: CoverageOut },
      },
    },
    async (req) => visits.coverage(callContext(req), req.query.nodeId, req.query.period),
  );

  app.get(
    '/plans',
    {
      schema: {
        tags,
        summary: '走访计划 / Visit plans',
        querystring: NodeQuery,
        response: { 200: Type.Object({ items: Type.Array(PlanOut) }) },
      },
    },
    async (req) => ({ items: await visits.listPlans(callContext(req), req.query.nodeId) }),
  );

  app.post(
    '/plans',
    {
      schema: {
        tags,
        summary: '新建走访计划 / Create a visit plan',
        body: PlanCreateBody,
        response: { 201: PlanOut },
      },
    },
    async (req, reply) => reply.status(201).send(await visits.createPlan(callContext(req), req.body)),
  );

  app.patch(
    '/plans/:id',
    {
      schema: {
        tags,
        summary: '修改走访计划 / Edit a visit plan',
        params: IdParams,
        body: PlanUpdateBody,
        response: { 200: PlanOut },
      },
    },
    async (req) => visits.updatePlan(callContext(req), req.params.id, req.body),
  );

  app.get(
    '/photos/:photoId',
    { schema: { tags, summary: '走访照片 / A visit photo', params: PhotoParams } },
    async (req, reply) => {
      const f = await visits.photoFile(callContext(req), req.params.photoId);
      return reply
        .header('content-type', f.mime)
        .header('content-length', f.size)
        .header('cache-control', 'private, max-age=3600')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .send(createReadStream(f.path));
    },
  );

  app.get(
    '/:id',
    { schema: { tags, summary: '走访详情 / A visit', params: IdParams, response: { 200: VisitOut } } },
    async (req) => visits.getVisit(callContext(req), req.params.id),
  );

  app.post(
    '/:id/photos',
    {
      schema: {
        tags,
        summary: '上传走访照片（multipart，每张 ≤ 5 MB）/ Upload visit photos',
        params: IdParams,
        response: { 201: Type.Object({ items: Type.Array(PhotoOut) }) },
      },
    },
    async (req, reply) => {
      const c = callContext(req);
      const files: visits.UploadedFile[] = [];
      if (req.isMultipart()) {
        for await (const part of req.parts()) {
          if (part.type !== 'file') continue;
          const data = await part.toBuffer();
          files.push({ fileName: part.filename, data, truncated: part.file.truncated });
        }
      }
      const items = await visits.addPhotos(c, req.params.id, files);
      return reply.status(201).send({ items });
    },
  );

  app.post(
    '/:id/resolve-dispute',
    {
      schema: {
        tags,
        summary: '矛盾纠纷已化解 / Mark the dispute resolved',
        params: IdParams,
        response: { 200: VisitOut },
      },
    },
    async (req) => visits.resolveDispute(callContext(req), req.params.id),
  );

  app.post(
    '/:id/flag',
    {
      schema: {
        tags,
        summary: '转为事项 / Turn the finding into a matter',
        params: IdParams,
        response: { 200: VisitOut },
      },
    },
    async (req) => visits.flagVisit(callContext(req), req.params.id),
  );
}
