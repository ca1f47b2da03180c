import { createReadStream } from 'node:fs';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  CASE_ACTIONS,
  CASE_FILE_MAX_BYTES,
  CASE_SOURCES,
  CASE_STATES,
  CLOSED_BY,
  EVENT_VISIBILITIES,
  RATINGS,
  URGENCIES,
} from '../../../common/cases.js';
import { callContext } from '../../plugins/auth.js';
import * as cases from './cases.service.js';

// HTTP face of the case loop (docs/api-cases.md). Handlers stay thin; the service validates, authorises and writes.
// Text limits (title 100, description 4000) are checked by the service so a too-long text gets its own message.

const literals = <const T extends string[]>(values: readonly [...T]) => Type.Enum(values);
const Id = Type.Integer({ minimum: 1 });
const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Str = Nullable(Type.String());
const LocalText = Type.Object({ zh: Type.String(), en: Type.String() });
const AnyObject = Type.Object({}, { additionalProperties: true });

export const CaseSummaryOut = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  categoryId: Type.Integer(),
  categoryCode: Type.String(),
  categoryName: Type.String(),
  source: literals(CASE_SOURCES),
  urgency: literals(URGENCIES),
  state: literals(CASE_STATES),
  nodeId: Type.Integer(),
  nodeName: Type.String(),
  address: Str,
  roomLabel: Str,
  reporterName: Str,
  createdAt: Type.String(),
  responseDueAt: Str,
  handlingDueAt: Str,
  warning: literals(['ok', 'yellow', 'red'] as const),
  supervised: Type.Boolean(),
  reopenCount: Type.Integer(),
  leadUnitName: Str,
  version: Type.Integer(),
});

const FileOut = Type.Object({
  id: Type.Integer(),
  eventId: Nullable(Type.Integer()),
  filename: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
});

export const CaseDetailOut = Type.Intersect([
  CaseSummaryOut,
  Type.Object({
    description: Type.String(),
    householdId: Nullable(Type.Integer()),
    buildingId: Nullable(Type.Integer()),
    lat: Nullable(Type.Number()),
    lng: Nullable(Type.Number()),
    reporter: Nullable(
      Type.Object({
        kind: literals(['resident', 'user', 'anonymous'] as const),
        name: Str,
        phoneMasked: Str,
      }),
    ),
    rejectReason: Str,
    result: Str,
    masterId: Nullable(Type.Integer()),
    masterNumber: Str,
    externalId: Str,
    headReview: Type.Boolean(),
    closedBy: Nullable(literals(CLOSED_BY)),
    acceptedAt: Str,
    contactedAt: Str,
    dispatchedAt: Str,
    handledAt: Str,
    feedbackAt: Str,
    closedAt: Str,
    visitId: Nullable(Type.Integer()),
    assignments: Type.Array(
      Type.Object({
        id: Type.Integer(),
        unitId: Type.Integer(),
        unitName: Type.String(),
        role: literals(ASSIGNMENT_ROLES),
        status: literals(ASSIGNMENT_STATUSES),
        dueAt: Str,
        signedAt: Str,
        reply: Str,
        returnReason: Str,
      }),
    ),
    meetings: Type.Array(
      Type.Object({
        id: Type.Integer(),
        heldAt: Type.String(),
        place: Str,
        attendees: Type.Array(Type.String()),
        decisions: Type.String(),
        actionItems: Type.Array(Type.Object({ who: Type.String(), what: Type.String(), by: Str })),
      }),
    ),
    extension: Nullable(
      Type.Object({
        id: Type.Integer(),
        days: Type.Integer(),
        reason: Type.String(),
        state: literals(['pending', 'approved', 'denied'] as const),
      }),
    ),
    rating: Nullable(
      Type.Object({ rating: literals(RATINGS), resolved: Type.Boolean(), comment: Str, at: Type.String() }),
    ),
    files: Type.Array(FileOut),
    timeline: Type.Array(
      Type.Object({
        id: Type.Integer(),
        at: Type.String(),
        action: Type.String(),
        fromState: Str,
        toState: Str,
        actorName: Type.String(),
        actorRole: Str,
        note: Str,
        visibility: literals(EVENT_VISIBILITIES),
        fileIds: Type.Array(Type.Integer()),
        data: Nullable(AnyObject),
      }),
    ),
    duplicates: Type.Array(CaseSummaryOut),
    allowedActions: Type.Array(literals(CASE_ACTIONS)),
  }),
]);

const PageOut = Type.Object({
  items: Type.Array(CaseSummaryOut),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

const IdParams = Type.Object({ id: Id }, strict);
const FileParams = Type.Object({ id: Id, fileId: Id }, strict);
const ActionParams = Type.Object({ id: Id, action: literals(CASE_ACTIONS) }, strict);
const Page = {
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};
const Flag = literals(['1', '0', 'true', 'false'] as const);
const isOn = (v: string | undefined) => v === '1' || v === 'true';
const ListQuery = Type.Object(
  {
    view: Type.Optional(literals(['inbox', 'all'] as const)),
    state: Type.Optional(literals(CASE_STATES)),
    categoryId: Type.Optional(Id),
    nodeId: Type.Optional(Id),
    unitId: Type.Optional(Id),
    source: Type.Optional(literals(CASE_SOURCES)),
    overdue: Type.Optional(Flag),
    supervised: Type.Optional(Flag),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    sort: Type.Optional(literals(['due', 'created'] as const)),
    ...Page,
  },
  strict,
);
const DuplicatesQuery = Type.Object(
  {
    householdId: Type.Optional(Id),
    buildingId: Type.Optional(Id),
    categoryId: Type.Optional(Id),
    nodeId: Type.Optional(Id),
    text: Type.Optional(Type.String({ maxLength: 200 })),
  },
  strict,
);
// Lengths beyond the business limits are checked by the service (its own message); these only bound the parser.
const Text = (max = 20_000) => Type.String({ maxLength: max });
const CreateBody = Type.Object(
  {
    title: Text(2000),
    description: Text(),
    categoryId: Id,
    source: literals(CASE_SOURCES),
    urgency: literals(URGENCIES),
    nodeId: Type.Optional(Id),
    householdId: Type.Optional(Id),
    buildingId: Type.Optional(Id),
    address: Type.Optional(Nullable(Text(1000))),
    lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
    lng: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
    reporter: Type.Optional(
      Nullable(
        Type.Object(
          { residentId: Type.Optional(Id), name: Type.Optional(Text(200)), phone: Type.Optional(Text(40)) },
          strict,
        ),
      ),
    ),
    visitId: Type.Optional(Id),
  },
  strict,
);
const ActionBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    note: Type.Optional(Text()),
    visibility: Type.Optional(literals(EVENT_VISIBILITIES)),
    contacted: Type.Optional(Type.Boolean()),
    reason: Type.Optional(Text()),
    leadUnitId: Type.Optional(Id),
    assistUnitIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
    dueAt: Type.Optional(Type.String({ maxLength: 40 })),
    text: Type.Optional(Text()),
    heldAt: Type.Optional(Type.String({ maxLength: 40 })),
    place: Type.Optional(Text(200)),
    attendees: Type.Optional(Type.Array(Text(100), { maxItems: 50 })),
    decisions: Type.Optional(Text()),
    actionItems: Type.Optional(
      Type.Array(
        Type.Object(
          { who: Text(100), what: Text(500), by: Type.Optional(Nullable(Type.String({ maxLength: 40 }))) },
          strict,
        ),
        { maxItems: 50 },
      ),
    ),
    result: Type.Optional(Text()),
    fileIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
    rating: Type.Optional(literals(RATINGS)),
    resolved: Type.Optional(Type.Boolean()),
    comment: Type.Optional(Text()),
    masterId: Type.Optional(Id),
    days: Type.Optional(Type.Integer()),
  },
  strict,
);
const BulkBody = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: 200 }),
    leadUnitId: Id,
    assistUnitIds: Type.Optional(Type.Array(Id, { maxItems: 20 })),
    note: Type.Optional(Text(2000)),
  },
  strict,
);
const BoardQuery = Type.Object({ nodeId: Type.Optional(Id) }, strict);
const OverdueQuery = Type.Object({ ...Page }, strict);

const Labelled = Type.Array(Type.Object({ value: Type.String(), label: LocalText }));
const tags = ['cases'];

export async function casesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: CASE_FILE_MAX_BYTES, files: 1, fields: 2, parts: 3 },
  });

  app.get(
    '/meta',
    {
      schema: {
        tags,
        summary: '事件词表、分类与承办单位 / Case vocabularies, categories and units',
        response: {
          200: Type.Object({
            states: Labelled,
            sources: Labelled,
            urgencies: Labelled,
            actions: Labelled,
            assignmentStatuses: Labelled,
            ratings: Labelled,
            timeUnits: Labelled,
            categories: Type.Array(AnyObject),
            units: Type.Array(AnyObject),
          }),
        },
      },
    },
    async (req) => cases.caseMeta(callContext(req)),
  );

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: '事件列表（我的待办 / 全部）/ Cases',
        querystring: ListQuery,
        response: { 200: PageOut },
      },
    },
    async (req) =>
      cases.listCases(callContext(req), {
        ...req.query,
        overdue: isOn(req.query.overdue),
        supervised: isOn(req.query.supervised),
      }),
  );

  app.get(
    '/board',
    {
      schema: {
        tags,
        summary: '事件看板 / Board by state',
        querystring: BoardQuery,
        response: {
          200: Type.Object({
            columns: Type.Array(
              Type.Object({
                state: literals(CASE_STATES),
                count: Type.Integer(),
                items: Type.Array(CaseSummaryOut),
              }),
            ),
          }),
        },
      },
    },
    async (req) => cases.board(callContext(req), req.query.nodeId),
  );

  app.get(
    '/overdue',
    {
      schema: {
        tags,
        summary: '预警与超期 / Yellow and red cases',
        querystring: OverdueQuery,
        response: { 200: PageOut },
      },
    },
    async (req) => cases.overdue(callContext(req), req.query.page ?? 1, req.query.pageSize ?? 50),
  );

  app.get(
    '/duplicates',
    {
      schema: {
        tags,
        summary: '疑似重复事件 / Possible duplicates at intake',
        querystring: DuplicatesQuery,
        response: { 200: Type.Object({ items: Type.Array(CaseSummaryOut) }) },
      },
    },
    async (req) => ({ items: await cases.duplicates(callContext(req), req.query) }),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: '上报事件 / Report a case',
        body: CreateBody,
        response: { 201: CaseDetailOut },
      },
    },
    async (req, reply) => reply.status(201).send(await cases.createCase(callContext(req), req.body)),
  );

  app.post(
    '/bulk/dispatch',
    {
      schema: {
        tags,
        summary: '批量分办 / Dispatch several cases',
        body: BulkBody,
        response: {
          200: Type.Object({
            results: Type.Array(
              Type.Object({
                id: Type.Integer(),
                ok: Type.Boolean(),
                code: Type.Optional(Type.String()),
                number: Type.Optional(Type.String()),
                state: Type.Optional(Type.String()),
              }),
            ),
          }),
        },
      },
    },
    async (req) => cases.bulkDispatch(callContext(req), req.body),
  );

  app.get(
    '/:id',
    { schema: { tags, summary: '事件详情 / A case', params: IdParams, response: { 200: CaseDetailOut } } },
    async (req) => cases.getCase(callContext(req), req.params.id),
  );

  app.get(
    '/:id/print',
    {
      schema: {
        tags,
        summary: '事件单（打印）/ Printable case sheet',
        params: IdParams,
        response: {
          200: Type.Object({ case: CaseDetailOut, printedAt: Type.String(), printedBy: Type.String() }),
        },
      },
    },
    async (req) => cases.printCase(callContext(req), req.params.id),
  );

  app.post(
    '/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '办理动作（受理、分办、签收……）/ A workflow action',
        params: ActionParams,
        body: ActionBody,
        response: { 200: CaseDetailOut },
      },
    },
    async (req) => cases.act(callContext(req), req.params.id, req.params.action, req.body),
  );

  app.post(
    '/:id/files',
    {
      schema: {
        tags,
        summary: '上传照片或附件（multipart，≤ 5 MB）/ Upload a photo or file',
        params: IdParams,
        response: { 201: FileOut },
      },
    },
    async (req, reply) => {
      const c = callContext(req);
      let file: cases.UploadedCaseFile | null = null;
      if (req.isMultipart()) {
        for await (const part of req.parts()) {
          if (part.type !== 'file' || file) continue;
          file = { fileName: part.filename, data: await part.toBuffer(), truncated: part.file.truncated };
        }
      }
      return reply.status(201).send(await cases.addCaseFile(c, req.params.id, file));
    },
  );

  app.get(
    '/:id/files/:fileId',
    { schema: { tags, summary: '事件附件 / A case file', params: FileParams } },
    async (req, reply) => {
      const f = await cases.caseFile(callContext(req), req.params.id, req.params.fileId);
      return reply
        .header('content-type', f.mime)
        .header('content-length', f.size)
        .header('cache-control', 'private, max-age=3600')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .send(createReadStream(f.path));
    },
  );
}
