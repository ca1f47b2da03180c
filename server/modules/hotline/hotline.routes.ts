import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CASE_STATES, type CaseState } from '../../../common/cases.js';
import { allPermissions } from '../../../common/permissions.js';
import type { CallContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { callContext } from '../../plugins/auth.js';
import { jobStore } from '../imports/import-jobs.js';
import { hotlineTemplate, writeHotlineReport, writeReplySheet, XLSX_TYPE } from './hotline.files.js';
import {
  commitHotline,
  dryRunHotline,
  type HotlineImporter,
  hotlineJobView,
  hotlineMeta,
  replyRows,
} from './hotline.service.js';

// HTTP face of the 12345 exchange (docs/hotline-12345.md). Jobs live in the registry import's job store, so their
// progress streams from the same SSE endpoint, GET /api/imports/jobs/:token/events.

const MAX_FILE = 50 * 1024 * 1024;
const strict = { additionalProperties: false } as const;
const Token = Type.String({ minLength: 10, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const TokenParams = Type.Object({ token: Token }, strict);
const DryRunQuery = Type.Object(
  { nodeId: Type.Optional(Type.Integer({ minimum: 1 })), token: Type.Optional(Token) },
  strict,
);
const Day = Type.String({ maxLength: 10 });
const ExportQuery = Type.Object(
  {
    from: Day,
    to: Day,
    state: Type.Optional(Type.Array(Type.Union(CASE_STATES.map((s) => Type.Literal(s))), { maxItems: 9 })),
  },
  strict,
);

const importer = (c: CallContext): HotlineImporter => ({ c, source: 'web' });

/** The exchange is the dispatchers' (case.dispatch) work. */
function requireDispatcher(c: CallContext) {
  if (!allPermissions(c.actor).has('case.dispatch')) throw new AppError('FORBIDDEN', 403);
}

const attachment = (name: string) =>
  `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function hotlineRoutes(app: FastifyInstance) {
  await app.register(multipart, { limits: { fileSize: MAX_FILE, files: 1, fields: 10, parts: 12 } });
  const store = jobStore(app.deps);

  const ownJob = (c: CallContext, token: string) => {
    const job = store.get(token, c.actor.userId);
    if (!job || !hotlineMeta(job)) throw new AppError('NOT_FOUND', 404);
    return job;
  };

  app.get(
    '/template.xlsx',
    { schema: { tags: ['hotline'], summary: '12345 工单导入模板 / Work-order template' } },
    async (req, reply) => {
      requireDispatcher(callContext(req));
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment('12345工单导入模板.xlsx'))
        .send(await hotlineTemplate());
    },
  );

  app.post(
    '/jobs',
    { schema: { tags: ['hotline'], summary: '新建 12345 导入任务 / Open an import job' } },
    async (req) => {
      const c = callContext(req);
      requireDispatcher(c);
      return { token: store.create(c.actor.userId).token };
    },
  );

  app.post(
    '/dry-run',
    {
      schema: {
        tags: ['hotline'],
        summary: '12345 工单试导入校验 / Dry run of a work-order file',
        querystring: DryRunQuery,
      },
    },
    async (req) => {
      const c = callContext(req);
      requireDispatcher(c);
      const q = req.query as { nodeId?: number; token?: string };
      if (!req.isMultipart()) throw new AppError('IMPORT_FILE_INVALID', 400);
      const file = await req.file();
      if (!file) throw new AppError('IMPORT_FILE_INVALID', 400);
      const job = q.token ? store.get(q.token, c.actor.userId) : store.create(c.actor.userId);
      if (!job) {
        file.file.resume();
        throw new AppError('NOT_FOUND', 404);
      }
      const size = Number(req.headers['content-length']);
      const summary = await dryRunHotline(
        importer(c),
        store,
        job,
        { filename: file.filename, stream: file.file, size: Number.isFinite(size) ? size : null },
        q.nodeId ?? null,
      );
      return { ...summary, reportUrl: `/api/hotline/jobs/${job.token}/report.xlsx` };
    },
  );

  app.get(
    '/jobs/:token',
    { schema: { tags: ['hotline'], summary: '12345 导入任务 / Import job', params: TokenParams } },
    async (req) => {
      const c = callContext(req);
      const job = ownJob(c, (req.params as { token: string }).token);
      return { ...hotlineJobView(job), reportUrl: `/api/hotline/jobs/${job.token}/report.xlsx` };
    },
  );

  app.get(
    '/jobs/:token/report.xlsx',
    {
      schema: {
        tags: ['hotline'],
        summary: '下载完整校验报告 / The whole report as Excel',
        params: TokenParams,
      },
    },
    async (req, reply) => {
      const job = ownJob(callContext(req), (req.params as { token: string }).token);
      if (job.state === 'waiting' || job.state === 'validating' || job.state === 'failed')
        throw new AppError('CONFLICT', 409);
      const out = new PassThrough();
      writeHotlineReport(job.errorsPath, hotlineMeta(job)!.noticesPath, out).catch((e) => out.destroy(e));
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment('12345导入校验报告.xlsx'))
        .send(out);
    },
  );

  app.post(
    '/jobs/:token/commit',
    {
      schema: {
        tags: ['hotline'],
        summary: '确认导入：为新工单建立事件 / Create the cases of the new orders',
        params: TokenParams,
      },
    },
    async (req) => {
      const c = callContext(req);
      requireDispatcher(c);
      const job = ownJob(c, (req.params as { token: string }).token);
      return commitHotline(importer(c), store, job);
    },
  );

  app.get(
    '/export.xlsx',
    {
      schema: {
        tags: ['hotline'],
        summary: '导出办理结果回传 12345 / Replies and results for the hotline',
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const c = callContext(req);
      requireDispatcher(c);
      const q = req.query as { from: string; to: string; state?: CaseState[] };
      const rows = await replyRows(c, { from: q.from, to: q.to, states: q.state });
      const out = new PassThrough();
      writeReplySheet(
        (async function* () {
          for (let i = 0; i < rows.length; i += 1000) yield rows.slice(i, i + 1000);
        })(),
        out,
      ).catch((e) => out.destroy(e));
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(`12345办理结果-${q.from}至${q.to}.xlsx`))
        .send(out);
    },
  );
}
