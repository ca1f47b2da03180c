import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { callContext } from '../../plugins/auth.js';
import * as accounts from './resident-accounts.service.js';

// Community staff confirm residents' own accounts against the registry (docs/resident-h5.md). person.write in scope.

const Id = Type.Integer({ minimum: 1 });
const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('rejected')]);

const AccountOut = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  phoneMasked: Type.String(),
  communityId: Type.Integer(),
  communityName: Type.String(),
  roomText: Type.String(),
  status: Status,
  residentId: Nullable(Type.Integer()),
  householdId: Nullable(Type.Integer()),
  roomLabel: Nullable(Type.String()),
  rejectReason: Nullable(Type.String()),
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
});
const CandidateOut = Type.Object({
  residentId: Type.Integer(),
  name: Type.String(),
  roomLabel: Nullable(Type.String()),
  householdId: Nullable(Type.Integer()),
  phoneMasked: Nullable(Type.String()),
  age: Nullable(Type.Integer()),
  matches: Type.Array(Type.Union([Type.Literal('phone'), Type.Literal('name')])),
});

const tags = ['resident-accounts'];
const IdParams = Type.Object({ id: Id }, strict);

export async function residentAccountRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: '居民账号注册申请 / Resident account registrations',
        querystring: Type.Object(
          {
            status: Type.Optional(Status),
            page: Type.Optional(Type.Integer({ minimum: 1 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          },
          strict,
        ),
        response: {
          200: Type.Object({
            items: Type.Array(AccountOut),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
        },
      },
    },
    async (req) => accounts.listAccounts(callContext(req), req.query),
  );

  app.get(
    '/:id/candidates',
    {
      schema: {
        tags,
        summary: '可匹配的登记居民 / Registry residents that may match',
        params: IdParams,
        response: { 200: Type.Object({ account: AccountOut, items: Type.Array(CandidateOut) }) },
      },
    },
    async (req) => accounts.candidates(callContext(req), req.params.id),
  );

  app.post(
    '/:id/confirm',
    {
      schema: {
        tags,
        summary: '核实通过 / Confirm against a registry resident',
        params: IdParams,
        body: Type.Object({ residentId: Id }, strict),
        response: { 200: AccountOut },
      },
    },
    async (req) => accounts.confirm(callContext(req), req.params.id, req.body.residentId),
  );

  app.post(
    '/:id/reject',
    {
      schema: {
        tags,
        summary: '核实不通过 / Reject',
        params: IdParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: accounts.REJECT_REASON_MAX }) },
          strict,
        ),
        response: { 200: AccountOut },
      },
    },
    async (req) => accounts.reject(callContext(req), req.params.id, req.body.reason),
  );
}
