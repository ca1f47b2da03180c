import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ROLES } from '../../../common/permissions.js';
import { callContext } from '../../plugins/auth.js';
import * as users from './users.service.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const RoleT = Type.Union(ROLES.map((r) => Type.Literal(r)));
const Assignment = Type.Object(
  { role: RoleT, nodeId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
const NullableStr = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

/** Accounts administration, scoped to the administrator's subtree. */
export async function userRoutes(app: FastifyInstance) {
  const tags = ['users'];
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: '用户列表 / List users',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 64 })),
            nodeId: Type.Optional(Type.Integer({ minimum: 1 })),
            role: Type.Optional(RoleT),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => users.listUsers(callContext(req), req.query as users.UserQuery),
  );
  app.get('/:id', { schema: { tags, params: IdParams } }, async (req) =>
    users.getUser(callContext(req), (req.params as { id: number }).id),
  );
  app.post(
    '/',
    {
      schema: {
        tags,
        summary: '新建用户 / Create user',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 64 }),
            displayName: Type.String({ minLength: 1, maxLength: 100 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
            phone: Type.Optional(NullableStr(32)),
            idNumber: Type.Optional(NullableStr(32)),
            assignments: Type.Array(Assignment, { maxItems: 50 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await users.createUser(callContext(req), req.body as users.NewUserInput)),
  );
  app.patch(
    '/:id',
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            phone: Type.Optional(NullableStr(32)),
            idNumber: Type.Optional(NullableStr(32)),
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) =>
      users.updateUser(callContext(req), (req.params as { id: number }).id, req.body as users.UserPatch),
  );
  app.post(
    '/:id/reset-password',
    {
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          { password: Type.String({ minLength: 1, maxLength: 256 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      await users.resetPassword(
        callContext(req),
        (req.params as { id: number }).id,
        (req.body as { password: string }).password,
      );
      return reply.status(204).send();
    },
  );
  app.post('/:id/unlock', { schema: { tags, params: IdParams } }, async (req) =>
    users.unlockUser(callContext(req), (req.params as { id: number }).id),
  );
  app.post(
    '/:id/assignments',
    { schema: { tags, params: IdParams, body: Assignment } },
    async (req, reply) => {
      const b = req.body as { role: string; nodeId: number };
      return reply
        .status(201)
        .send(
          await users.addAssignment(callContext(req), (req.params as { id: number }).id, b.role, b.nodeId),
        );
    },
  );
  app.delete(
    '/:id/assignments/:assignmentId',
    {
      schema: {
        tags,
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), assignmentId: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (req) => {
      const p = req.params as { id: number; assignmentId: number };
      return users.removeAssignment(callContext(req), p.id, p.assignmentId);
    },
  );
  app.post(
    '/:id/reveal',
    {
      schema: {
        tags,
        summary: '查看完整信息（留痕） / Reveal a masked field (audited)',
        params: IdParams,
        body: Type.Object(
          { field: Type.Union([Type.Literal('phone'), Type.Literal('idNumber')]) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) =>
      users.revealField(
        callContext(req),
        (req.params as { id: number }).id,
        (req.body as { field: 'phone' | 'idNumber' }).field,
      ),
  );
}
