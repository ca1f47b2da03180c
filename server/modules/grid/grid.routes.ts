import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { GRID_LEVELS } from '../../../common/admin-codes.js';
import { GRID_SUBJECTS, PARTY_ORG_TYPES, STAFF_POSTS } from '../../../common/grid.js';
import { callContext } from '../../plugins/auth.js';
import * as grid from './grid.service.js';

// HTTP face of the grid module (docs/api-core.md "Grid"). Handlers stay thin: validate by
// schema, call the service with the call context, return what it presents.

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Id = Type.Integer({ minimum: 1 });
const strict = { additionalProperties: false } as const;

const IdParams = Type.Object({ id: Id }, strict);
const StaffParams = Type.Object({ id: Id, staffId: Id }, strict);
const StaffIdParams = Type.Object({ staffId: Id }, strict);

const PartyOrgIn = Type.Object(
  {
    type: literals(PARTY_ORG_TYPES),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    secretaryName: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
  },
  strict,
);
const Subjects = Type.Array(literals(GRID_SUBJECTS), { uniqueItems: true, maxItems: GRID_SUBJECTS.length });
// Shape checked in the service (Polygon / MultiPolygon / Feature); here only "an object or null".
const BoundaryIn = Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]);

const CreateBody = Type.Object(
  {
    parentId: Id,
    code: Type.String({ minLength: 1, maxLength: 32 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    level: Type.Optional(literals(GRID_LEVELS)),
    subjects: Type.Optional(Subjects),
    partyOrg: Type.Optional(Type.Union([PartyOrgIn, Type.Null()])),
    boundary: Type.Optional(BoundaryIn),
  },
  strict,
);
const UpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    subjects: Type.Optional(Subjects),
    partyOrg: Type.Optional(Type.Union([PartyOrgIn, Type.Null()])),
    boundary: Type.Optional(BoundaryIn),
  },
  strict,
);
const MoveBody = Type.Object({ newParentId: Id }, strict);
const RetireBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, strict);
const StaffBody = Type.Object(
  {
    userId: Type.Optional(Id),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    post: literals(STAFF_POSTS),
    phone: Type.Optional(Type.String({ maxLength: 32 })),
  },
  strict,
);
const RevealBody = Type.Object({ field: Type.Literal('phone') }, strict);
const ChildrenQuery = Type.Object(
  { includeRetired: Type.Optional(Type.Boolean({ default: false })) },
  strict,
);
const SearchQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 50 }) }, strict);
const TreeQuery = Type.Object({ rootId: Type.Optional(Id) }, strict);

// Response shapes: serialisation drops anything not listed, so a stray column can never leak.
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const NodeOut = Type.Object({
  id: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  level: Type.String(),
  code: Type.String(),
  name: Type.String(),
  path: Type.String(),
  childCount: Type.Integer(),
  retired: Type.Boolean(),
  subjects: Type.Array(Type.String()),
  partyOrg: Nullable(Type.Object({ type: Type.String(), name: Type.String(), secretaryName: Type.String() })),
  boundary: Nullable(Type.Object({}, { additionalProperties: true })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  allowedActions: Type.Array(Type.String()),
});
const StaffOut = Type.Object({
  id: Type.Integer(),
  nodeId: Type.Integer(),
  userId: Nullable(Type.Integer()),
  name: Type.String(),
  post: Type.String(),
  phoneMasked: Nullable(Type.String()),
  since: Nullable(Type.String()),
  allowedActions: Type.Array(Type.String()),
});
const NodeDetailOut = Type.Intersect([
  NodeOut,
  Type.Object({
    ancestors: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String() })),
    staff: Type.Array(StaffOut),
  }),
]);
const SearchHitOut = Type.Intersect([NodeOut, Type.Object({ pathNames: Type.Array(Type.String()) })]);
const items = <T extends Parameters<typeof Type.Array>[0]>(t: T) => Type.Object({ items: Type.Array(t) });

const tags = ['grid'];

export async function gridRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/roots',
    {
      schema: { tags, summary: '我可见的顶层网格 / Top nodes I can see', response: { 200: items(NodeOut) } },
    },
    async (req) => ({ items: await grid.listRoots(callContext(req)) }),
  );

  app.get(
    '/nodes/:id/children',
    {
      schema: {
        tags,
        summary: '下级网格 / Child nodes',
        params: IdParams,
        querystring: ChildrenQuery,
        response: { 200: items(NodeOut) },
      },
    },
    async (req) => ({
      items: await grid.children(callContext(req), req.params.id, req.query.includeRetired ?? false),
    }),
  );

  app.get(
    '/nodes/:id',
    {
      schema: { tags, summary: '网格详情 / Node detail', params: IdParams, response: { 200: NodeDetailOut } },
    },
    async (req) => grid.getNode(callContext(req), req.params.id),
  );

  app.get(
    '/search',
    {
      schema: {
        tags,
        summary: '按名称或编码搜索 / Search by name or code',
        querystring: SearchQuery,
        response: { 200: items(SearchHitOut) },
      },
    },
    async (req) => ({ items: await grid.search(callContext(req), req.query.q) }),
  );

  app.get(
    '/tree',
    {
      schema: {
        tags,
        summary: '整棵可见网格树（紧凑） / Whole visible tree (compact)',
        querystring: TreeQuery,
      },
    },
    async (req, reply) => {
      const { etag, body } = await grid.treeJson(callContext(req), req.query.rootId);
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.post(
    '/nodes',
    { schema: { tags, summary: '新建网格 / Create a node', body: CreateBody, response: { 201: NodeOut } } },
    async (req, reply) => reply.status(201).send(await grid.createNode(callContext(req), req.body)),
  );

  app.patch(
    '/nodes/:id',
    {
      schema: {
        tags,
        summary: '修改网格 / Edit a node',
        params: IdParams,
        body: UpdateBody,
        response: { 200: NodeOut },
      },
    },
    async (req) => grid.updateNode(callContext(req), req.params.id, req.body),
  );

  app.post(
    '/nodes/:id/move',
    {
      schema: {
        tags,
        summary: '调整上级 / Move a node',
        params: IdParams,
        body: MoveBody,
        response: { 200: NodeOut },
      },
    },
    async (req) => grid.moveNode(callContext(req), req.params.id, req.body.newParentId),
  );

  app.post(
    '/nodes/:id/retire',
    {
      schema: {
        tags,
        summary: '撤销网格 / Retire a node',
        params: IdParams,
        body: RetireBody,
        response: { 200: NodeOut },
      },
    },
    async (req) => grid.retireNode(callContext(req), req.params.id, req.body.reason),
  );

  app.get(
    '/nodes/:id/staff',
    {
      schema: {
        tags,
        summary: '网格人员 / Node staff',
        params: IdParams,
        response: { 200: items(StaffOut) },
      },
    },
    async (req) => ({ items: await grid.listStaff(callContext(req), req.params.id) }),
  );

  app.post(
    '/nodes/:id/staff',
    {
      schema: {
        tags,
        summary: '添加网格人员 / Add staff',
        params: IdParams,
        body: StaffBody,
        response: { 201: StaffOut },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await grid.addStaff(callContext(req), req.params.id, req.body)),
  );

  app.delete(
    '/nodes/:id/staff/:staffId',
    { schema: { tags, summary: '移除网格人员 / Remove staff', params: StaffParams } },
    async (req, reply) => {
      await grid.removeStaff(callContext(req), req.params.id, req.params.staffId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/staff/:staffId/reveal',
    {
      schema: {
        tags,
        summary: '查看人员手机号明文（留痕） / Reveal a staff phone (audited)',
        params: StaffIdParams,
        body: RevealBody,
        response: { 200: Type.Object({ value: Type.String() }) },
      },
    },
    async (req) => grid.revealStaffPhone(callContext(req), req.params.staffId, req.body.field),
  );
}
