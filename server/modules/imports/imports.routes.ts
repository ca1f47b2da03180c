import { PassThrough } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { allPermissions } from '../../../common/permissions.js';
import type { CallContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { callContext, denyOutOfScope } from '../../plugins/auth.js';
import { IMPORT_KINDS, type ImportKind } from './import-columns.js';
import { writeErrorsWorkbook } from './import-files.js';
import { type ImportJob, type JobEvent, jobStore } from './import-jobs.js';
import { exportList, templateWorkbook, XLSX_TYPE } from './imports.export.js';
import * as repo from './imports.repository.js';
import { commitJob, dryRun, type Importer, writeRoots } from './imports.service.js';

// HTTP face of imports and exports (docs/api-registry.md "Import / export"). Multipart is registered in this
// plugin's scope only, with a 50 MB file limit; the upload is streamed, never buffered.

const MAX_FILE = 50 * 1024 * 1024;
const Id = Type.Integer({ minimum: 1 });
const strict = { additionalProperties: false } as const;
const TokenParams = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) },
  strict,
);
const KindParams = Type.Object({ kind: Type.Union(IMPORT_KINDS.map((k) => Type.Literal(k))) }, strict);
const DryRunQuery = Type.Object(
  { nodeId: Type.Optional(Id), token: Type.Optional(TokenParams.properties.token) },
  strict,
);
const EventsQuery = Type.Object(
  { phase: Type.Optional(Type.Union([Type.Literal('validate'), Type.Literal('commit')])) },
  strict,
);
const ExportQuery = Type.Object(
  {
    nodeId: Type.Optional(Id),
    buildingId: Type.Optional(Id),
    tag: Type.Optional(Type.String({ maxLength: 40 })),
    use: Type.Optional(Type.String({ maxLength: 16 })),
    q: Type.Optional(Type.String({ maxLength: 50 })),
    reveal: Type.Optional(
      Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')]),
    ),
  },
  strict,
);

const importerOf = (c: CallContext): Importer => ({
  userId: c.actor.userId,
  audit: c.audit,
  actor: c.actor,
  source: 'web',
});

function requireWriter(c: CallContext) {
  if (!allPermissions(c.actor).has('person.write')) throw new AppError('FORBIDDEN', 403);
}

function presentJob(job: ImportJob) {
  return {
    token: job.token,
    kind: job.kind,
    nodeId: job.nodeId,
    state: job.state,
    total: job.total,
    valid: job.valid,
    errorCount: job.errorCount,
    errors: job.firstErrors,
    errorsFileUrl: `/api/imports/jobs/${job.token}/errors.xlsx`,
    inserted: job.inserted,
  };
}

const attachment = (name: string) =>
  `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function importRoutes(app: FastifyInstance) {
  await app.register(multipart, { limits: { fileSize: MAX_FILE, files: 1, fields: 10, parts: 12 } });
  const store = jobStore(app.deps);
  app.addHook('onClose', async () => store.clear());

  const ownJob = (c: CallContext, token: string) => {
    const job = store.get(token, c.actor.userId);
    if (!job) throw new AppError('NOT_FOUND', 404);
    return job;
  };

  for (const kind of IMPORT_KINDS) {
    app.get(
      `/templates/${kind}.xlsx`,
      { schema: { tags: ['imports'], summary: `导入模板 / ${kind} template` } },
      async (req, reply) => {
        callContext(req);
        const buf = await templateWorkbook(kind);
        const zh = { buildings: '楼栋', households: '房屋', residents: '居民' }[kind];
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(`${zh}导入模板.xlsx`))
          .send(buf);
      },
    );
  }

  app.post(
    '/jobs',
    { schema: { tags: ['imports'], summary: '新建导入任务 / Open an import job' } },
    async (req) => {
      const c = callContext(req);
      requireWriter(c);
      return { token: store.create(c.actor.userId).token };
    },
  );

  app.post(
    '/:kind/dry-run',
    {
      schema: {
        tags: ['imports'],
        summary: '试导入校验 / Dry run',
        params: KindParams,
        querystring: DryRunQuery,
      },
    },
    async (req) => {
      const c = callContext(req);
      requireWriter(c);
      const { kind } = req.params as { kind: ImportKind };
      const q = req.query as { nodeId?: number; token?: string };
      const imp = importerOf(c);
      let targetPaths = writeRoots(imp);
      if (q.nodeId) {
        const node = await repo.nodeById(c.deps.db, q.nodeId);
        if (!node || !targetPaths.some((p) => node.path.startsWith(p)))
          throw await denyOutOfScope(c, 'grid_node', q.nodeId, 'person.write');
        targetPaths = [node.path];
      }
      if (!req.isMultipart()) throw new AppError('IMPORT_FILE_INVALID', 400);
      const file = await req.file();
      if (!file) throw new AppError('IMPORT_FILE_INVALID', 400);
      const job = q.token ? ownJob(c, q.token) : store.create(c.actor.userId);
      const size = Number(req.headers['content-length']);
      const summary = await dryRun(
        c.deps,
        imp,
        store,
        job,
        kind,
        { filename: file.filename, stream: file.file, size: Number.isFinite(size) ? size : null },
        targetPaths,
        q.nodeId ?? null,
      );
      return { ...summary, errorsFileUrl: `/api/imports/jobs/${job.token}/errors.xlsx` };
    },
  );

  app.get(
    '/jobs/:token',
    { schema: { tags: ['imports'], summary: '导入任务 / Import job', params: TokenParams } },
    async (req) => presentJob(ownJob(callContext(req), (req.params as { token: string }).token)),
  );

  app.get(
    '/jobs/:token/events',
    {
      schema: {
        tags: ['imports'],
        summary: '导入进度（SSE） / Progress as server-sent events',
        params: TokenParams,
        querystring: EventsQuery,
      },
    },
    async (req, reply) => {
      const c = callContext(req);
      const job = ownJob(c, (req.params as { token: string }).token);
      const phase = (req.query as { phase?: 'validate' | 'commit' }).phase ?? 'validate';
      const finished = (ev: JobEvent) =>
        phase === 'validate'
          ? ['ready', 'failed', 'committed', 'committing'].includes(ev.state)
          : ev.state === 'committed' ||
            (ev.phase === 'commit' && ev.state === 'failed') ||
            ev.state === 'failed';
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (ev: JobEvent) => res.write(`event: progress\ndata: ${JSON.stringify(ev)}\n\n`);
      const snapshot: JobEvent = {
        phase: job.state === 'committing' || job.state === 'committed' ? 'commit' : 'validate',
        state: job.state,
        processed: job.state === 'committed' ? job.valid : job.processed,
        total: job.state === 'ready' || job.state === 'committed' ? job.total : null,
        percent: job.percent,
      };
      send(snapshot);
      const waitingForCommit = phase === 'commit' && job.state === 'ready';
      if (!waitingForCommit && finished(snapshot)) {
        res.end();
        return;
      }
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      heartbeat.unref();
      const stop = () => {
        clearInterval(heartbeat);
        job.listeners.delete(listener);
      };
      const listener = (ev: JobEvent) => {
        send(ev);
        if (finished(ev) && !(phase === 'commit' && ev.phase === 'validate')) {
          stop();
          res.end();
        }
      };
      job.listeners.add(listener);
      req.raw.on('close', stop);
    },
  );

  app.get(
    '/jobs/:token/errors.xlsx',
    { schema: { tags: ['imports'], summary: '下载全部错误 / All errors as Excel', params: TokenParams } },
    async (req, reply) => {
      const job = ownJob(callContext(req), (req.params as { token: string }).token);
      if (job.state === 'waiting' || job.state === 'validating') throw new AppError('CONFLICT', 409);
      const out = new PassThrough();
      writeErrorsWorkbook(job.errorsPath, out).catch((e) => out.destroy(e));
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment('导入错误明细.xlsx'))
        .send(out);
    },
  );

  app.post(
    '/jobs/:token/commit',
    { schema: { tags: ['imports'], summary: '确认导入 / Commit the valid rows', params: TokenParams } },
    async (req) => {
      const c = callContext(req);
      requireWriter(c);
      const job = ownJob(c, (req.params as { token: string }).token);
      return commitJob(c.deps, importerOf(c), store, job);
    },
  );

  for (const kind of ['residents', 'households'] as const) {
    app.get(
      `/export/${kind}.xlsx`,
      { schema: { tags: ['imports'], summary: `导出 Excel / Export ${kind}`, querystring: ExportQuery } },
      async (req, reply) => {
        const c = callContext(req);
        const q = req.query as {
          nodeId?: number;
          buildingId?: number;
          tag?: string;
          use?: string;
          q?: string;
          reveal?: string;
        };
        const reveal = q.reveal === '1' || q.reveal === 'true';
        const { write } = await exportList(c, kind, { ...q, reveal });
        const out = new PassThrough();
        write(out).catch((e) => out.destroy(e));
        const stamp = c.deps.clock.now().toISOString().slice(0, 10);
        const zh = kind === 'residents' ? '居民' : '房屋';
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(`${zh}名单-${stamp}.xlsx`))
          .send(out);
      },
    );
  }
}
