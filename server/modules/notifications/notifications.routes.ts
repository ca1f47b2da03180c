import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { callContext } from '../../plugins/auth.js';
import { NOTIFICATION_KINDS } from './notification-rules.js';
import * as notifications from './notifications.service.js';

// HTTP face of the notification centre (docs/notifications-webhooks.md). Every route answers for the caller only.

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const strict = { additionalProperties: false } as const;

const ListQuery = Type.Object(
  {
    unread: Type.Optional(
      Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')]),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  strict,
);
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, strict);

const NotificationOut = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: NOTIFICATION_KINDS.join(' | ') }),
  caseId: Nullable(Type.Integer()),
  caseNumber: Nullable(Type.String()),
  caseTitle: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()),
});

const tags = ['notifications'];

export async function notificationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: '我的通知（未读在前）/ My notifications, unread first',
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(NotificationOut),
            total: Type.Integer(),
            unread: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
        },
      },
    },
    async (req) =>
      notifications.listMine(callContext(req), {
        unreadOnly: req.query.unread === '1' || req.query.unread === 'true',
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 20,
      }),
  );

  app.get(
    '/unread-count',
    {
      schema: {
        tags,
        summary: '未读通知数 / Unread count',
        response: { 200: Type.Object({ count: Type.Integer() }) },
      },
    },
    async (req) => notifications.unreadCount(callContext(req)),
  );

  app.post(
    '/read-all',
    {
      schema: {
        tags,
        summary: '全部标为已读 / Mark all read',
        response: { 200: Type.Object({ updated: Type.Integer() }) },
      },
    },
    async (req) => notifications.markAllRead(callContext(req)),
  );

  app.post(
    '/:id/read',
    {
      schema: {
        tags,
        summary: '标为已读 / Mark read',
        params: IdParams,
        response: { 200: NotificationOut },
      },
    },
    async (req) => notifications.markRead(callContext(req), req.params.id),
  );
}
