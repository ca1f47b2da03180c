import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { callContext } from '../../plugins/auth.js';
import * as webhooks from './webhooks.service.js';

// HTTP face of outgoing webhooks (docs/notifications-webhooks.md); every route needs settings.write.

const Id = Type.Integer({ minimum: 1 });
const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]);

const IdParams = Type.Object({ id: Id }, strict);
const EventList = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 40 });
const CreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    url: Type.String({ minLength: 1, maxLength: 2000 }),
    events: EventList,
    active: Type.Optional(Type.Boolean()),
  },
  strict,
);
const UpdateBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    events: Type.Optional(EventList),
    active: Type.Optional(Type.Boolean()),
  },
  strict,
);
const DeliveriesQuery = Type.Object(
  {
    status: Type.Optional(Status),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  strict,
);

const EndpointOut = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  active: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  counts: Type.Object({ pending: Type.Integer(), delivered: Type.Integer(), failed: Type.Integer() }),
  lastDelivery: Nullable(
    Type.Object({ status: Status, at: Type.String(), responseStatus: Nullable(Type.Integer()) }),
  ),
});
const DeliveryOut = Type.Object({
  id: Type.Integer(),
  uid: Type.String(),
  endpointId: Type.Integer(),
  eventId: Type.String(),
  eventType: Type.String(),
  caseId: Nullable(Type.Integer()),
  status: Status,
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  lastAttemptAt: Nullable(Type.String()),
  responseStatus: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
  redeliveryOf: Nullable(Type.Integer()),
  createdAt: Type.String(),
  payload: Type.Unknown(),
});
const SecretOut = Type.Object({ secret: Type.String() });

const tags = ['webhooks'];

export async function webhooksRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/events',
    {
      schema: {
        tags,
        summary: '可订阅的事件类型 / Event types an endpoint may subscribe to',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                type: Type.String(),
                label: Type.Object({ zh: Type.String(), en: Type.String() }),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await webhooks.eventTypes(callContext(req)) }),
  );

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Webhook 接收端 / Webhook endpoints',
        response: { 200: Type.Object({ items: Type.Array(EndpointOut) }) },
      },
    },
    async (req) => ({ items: await webhooks.listEndpoints(callContext(req)) }),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: '新增接收端（密钥仅此一次显示）/ Register an endpoint (the secret is shown once)',
        body: CreateBody,
        response: { 201: Type.Object({ endpoint: EndpointOut, secret: Type.String() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await webhooks.createEndpoint(callContext(req), req.body)),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: '修改接收端 / Edit an endpoint',
        params: IdParams,
        body: UpdateBody,
        response: { 200: EndpointOut },
      },
    },
    async (req) => webhooks.updateEndpoint(callContext(req), req.params.id, req.body),
  );

  app.delete(
    '/:id',
    { schema: { tags, summary: '删除接收端 / Delete an endpoint', params: IdParams } },
    async (req, reply) => {
      await webhooks.deleteEndpoint(callContext(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: '更换签名密钥 / Rotate the signing secret',
        params: IdParams,
        response: { 200: SecretOut },
      },
    },
    async (req) => webhooks.rotateSecret(callContext(req), req.params.id),
  );

  app.post(
    '/:id/ping',
    {
      schema: {
        tags,
        summary: '发送测试事件 / Send a ping',
        params: IdParams,
        response: { 202: DeliveryOut },
      },
    },
    async (req, reply) => reply.status(202).send(await webhooks.ping(callContext(req), req.params.id)),
  );

  app.get(
    '/:id/deliveries',
    {
      schema: {
        tags,
        summary: '投递记录 / Delivery log',
        params: IdParams,
        querystring: DeliveriesQuery,
        response: {
          200: Type.Object({
            items: Type.Array(DeliveryOut),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
        },
      },
    },
    async (req) =>
      webhooks.listDeliveries(callContext(req), req.params.id, {
        status: req.query.status,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 20,
      }),
  );

  app.post(
    '/deliveries/:id/redeliver',
    {
      schema: {
        tags,
        summary: '重新投递 / Redeliver',
        params: IdParams,
        response: { 202: DeliveryOut },
      },
    },
    async (req, reply) => reply.status(202).send(await webhooks.redeliver(callContext(req), req.params.id)),
  );
}
