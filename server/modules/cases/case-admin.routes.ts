import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { UNIT_KINDS } from '../../../common/case-categories.js';
import { TIME_UNITS, URGENCIES } from '../../../common/cases.js';
import { callContext } from '../../plugins/auth.js';
import * as admin from './case-admin.service.js';

// HTTP face of the case loop's reference data (docs/api-cases.md): categories, units, the working-day calendar.

const literals = <const T extends string[]>(values: readonly [...T]) => Type.Enum(values);
const Id = Type.Integer({ minimum: 1 });
const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const LocalText = Type.Object(
  { zh: Type.String({ minLength: 1, maxLength: 50 }), en: Type.String({ minLength: 1, maxLength: 100 }) },
  strict,
);
const Limit = Type.Object(
  { amount: Type.Integer({ minimum: 1, maximum: 10_000 }), unit: literals(TIME_UNITS) },
  strict,
);
const Limits = Type.Object(
  Object.fromEntries(URGENCIES.map((u) => [u, Limit])) as Record<(typeof URGENCIES)[number], typeof Limit>,
  strict,
);
const IdParams = Type.Object({ id: Id }, strict);
const DateParams = Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }, strict);

const CategoryOut = Type.Object({
  id: Type.Integer(),
  parentId: Nullable(Type.Integer()),
  code: Type.String(),
  name: Type.Object({ zh: Type.String(), en: Type.String() }),
  sort: Type.Integer(),
  responseLimits: Type.Object({}, { additionalProperties: true }),
  handlingLimits: Type.Object({}, { additionalProperties: true }),
  defaultUnitCode: Nullable(Type.String()),
  active: Type.Boolean(),
  leaf: Type.Boolean(),
});
const UnitOut = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.Object({ zh: Type.String(), en: Type.String() }),
  kind: Type.String(),
  phone: Nullable(Type.String()),
  active: Type.Boolean(),
  nodes: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String() })),
  members: Type.Array(
    Type.Object({ userId: Type.Integer(), username: Type.String(), displayName: Type.String() }),
  ),
});
const DayOut = Type.Object({
  date: Type.String(),
  kind: literals(['holiday', 'workday'] as const),
  name: Type.String(),
});

const CategoryCreate = Type.Object(
  {
    parentId: Type.Optional(Nullable(Id)),
    code: Type.String({ pattern: '^[A-Z][A-Z0-9]{1,15}$' }),
    name: LocalText,
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    responseLimits: Limits,
    handlingLimits: Limits,
    defaultUnitCode: Type.Optional(Nullable(Type.String({ maxLength: 16 }))),
  },
  strict,
);
const CategoryPatch = Type.Object(
  {
    parentId: Type.Optional(Nullable(Id)),
    name: Type.Optional(LocalText),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    responseLimits: Type.Optional(Limits),
    handlingLimits: Type.Optional(Limits),
    defaultUnitCode: Type.Optional(Nullable(Type.String({ maxLength: 16 }))),
    active: Type.Optional(Type.Boolean()),
  },
  strict,
);
const UnitCreate = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z][A-Z0-9]{1,15}$' }),
    name: Type.Object(
      {
        zh: Type.String({ minLength: 1, maxLength: 100 }),
        en: Type.String({ minLength: 1, maxLength: 200 }),
      },
      strict,
    ),
    kind: literals(UNIT_KINDS),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
  },
  strict,
);
const UnitPatch = Type.Object(
  {
    name: Type.Optional(
      Type.Object(
        {
          zh: Type.String({ minLength: 1, maxLength: 100 }),
          en: Type.String({ minLength: 1, maxLength: 200 }),
        },
        strict,
      ),
    ),
    kind: Type.Optional(literals(UNIT_KINDS)),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
    active: Type.Optional(Type.Boolean()),
  },
  strict,
);

export async function caseAdminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];

  app.get(
    '/case-categories',
    {
      schema: {
        tags,
        summary: '事件分类 / Case categories',
        response: { 200: Type.Object({ items: Type.Array(CategoryOut) }) },
      },
    },
    async (req) => ({ items: await admin.listCategories(callContext(req)) }),
  );
  app.post(
    '/case-categories',
    {
      schema: {
        tags,
        summary: '新增事件分类 / Add a category',
        body: CategoryCreate,
        response: { 201: CategoryOut },
      },
    },
    async (req, reply) => reply.status(201).send(await admin.createCategory(callContext(req), req.body)),
  );
  app.patch(
    '/case-categories/:id',
    {
      schema: {
        tags,
        summary: '修改事件分类 / Edit a category',
        params: IdParams,
        body: CategoryPatch,
        response: { 200: CategoryOut },
      },
    },
    async (req) => admin.updateCategory(callContext(req), req.params.id, req.body),
  );

  app.get(
    '/units',
    {
      schema: {
        tags,
        summary: '承办单位 / Handling units',
        response: { 200: Type.Object({ items: Type.Array(UnitOut) }) },
      },
    },
    async (req) => ({ items: await admin.listUnits(callContext(req)) }),
  );
  app.post(
    '/units',
    { schema: { tags, summary: '新增承办单位 / Add a unit', body: UnitCreate, response: { 201: UnitOut } } },
    async (req, reply) => reply.status(201).send(await admin.createUnit(callContext(req), req.body)),
  );
  app.patch(
    '/units/:id',
    {
      schema: {
        tags,
        summary: '修改承办单位 / Edit a unit',
        params: IdParams,
        body: UnitPatch,
        response: { 200: UnitOut },
      },
    },
    async (req) => admin.updateUnit(callContext(req), req.params.id, req.body),
  );
  app.put(
    '/units/:id/members',
    {
      schema: {
        tags,
        summary: '承办人 / A unit’s handlers',
        params: IdParams,
        body: Type.Object({ userIds: Type.Array(Id, { maxItems: 500 }) }, strict),
        response: { 200: UnitOut },
      },
    },
    async (req) => admin.setUnitMembers(callContext(req), req.params.id, req.body.userIds),
  );
  app.put(
    '/units/:id/nodes',
    {
      schema: {
        tags,
        summary: '服务网格 / Nodes a unit serves',
        params: IdParams,
        body: Type.Object({ nodeIds: Type.Array(Id, { maxItems: 5000 }) }, strict),
        response: { 200: UnitOut },
      },
    },
    async (req) => admin.setUnitNodes(callContext(req), req.params.id, req.body.nodeIds),
  );

  app.get(
    '/calendar',
    {
      schema: {
        tags,
        summary: '工作日历 / Working-day calendar',
        querystring: Type.Object(
          { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) },
          strict,
        ),
        response: { 200: Type.Object({ items: Type.Array(DayOut) }) },
      },
    },
    async (req) => ({ items: await admin.listCalendar(callContext(req), req.query.year) }),
  );
  app.put(
    '/calendar/:date',
    {
      schema: {
        tags,
        summary: '设置节假日或调休上班日 / Set a holiday or make-up workday',
        params: DateParams,
        body: Type.Object(
          { kind: literals(['holiday', 'workday'] as const), name: Type.String({ maxLength: 50 }) },
          strict,
        ),
        response: { 200: DayOut },
      },
    },
    async (req) => admin.putCalendarDay(callContext(req), req.params.date, req.body),
  );
  app.delete(
    '/calendar/:date',
    { schema: { tags, summary: '删除日历设置 / Remove a calendar day', params: DateParams } },
    async (req, reply) => {
      await admin.deleteCalendarDay(callContext(req), req.params.date);
      return reply.status(204).send();
    },
  );
}
