import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { callContext, requireGlobal } from '../../plugins/auth.js';
import { type AuditFilters, appendAudit, listAudit, verifyAuditChain } from './audit.service.js';
import { contentOfRow } from './audit-chain.js';

const Filters = Type.Object(
  {
    from: Type.Optional(Type.String({ maxLength: 40 })),
    to: Type.Optional(Type.String({ maxLength: 40 })),
    actor: Type.Optional(Type.String({ maxLength: 100 })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    entityType: Type.Optional(Type.String({ maxLength: 64 })),
    entityId: Type.Optional(Type.String({ maxLength: 64 })),
    outcome: Type.Optional(
      Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')]),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);

type FilterQuery = AuditFilters & { page?: number; pageSize?: number };

const EXPORT_LIMIT = 100_000;

function present(r: Awaited<ReturnType<typeof listAudit>>['rows'][number]) {
  const parse = (v: string | null) => (v === null ? null : JSON.parse(v));
  return { ...contentOfRow(r), before: parse(r.before_json), after: parse(r.after_json) };
}

/** The auditor's window on the log (三权分立: only audit.read / audit.export reach it). */
export async function auditRoutes(app: FastifyInstance) {
  app.get(
    '/',
    { schema: { tags: ['audit'], summary: '审计日志 / Audit log', querystring: Filters } },
    async (req) => {
      const c = callContext(req);
      await requireGlobal(c, 'audit.read');
      const q = req.query as FilterQuery;
      const pageSize = q.pageSize ?? 50;
      const { rows, total } = await listAudit(app.deps.db, q, pageSize, ((q.page ?? 1) - 1) * pageSize);
      return { items: rows.map(present), total };
    },
  );

  app.get(
    '/verify',
    { schema: { tags: ['audit'], summary: '校验哈希链 / Verify the hash chain' } },
    async (req) => {
      const c = callContext(req);
      await requireGlobal(c, 'audit.read');
      return verifyAuditChain(app.deps.db);
    },
  );

  app.get(
    '/export.xlsx',
    { schema: { tags: ['audit'], summary: '导出 Excel / Export', querystring: Filters } },
    async (req, reply) => {
      const c = callContext(req);
      await requireGlobal(c, 'audit.export');
      const q = req.query as FilterQuery;
      const { rows } = await listAudit(app.deps.db, q, EXPORT_LIMIT, 0);
      await app.deps.db
        .transaction()
        .execute((tx) =>
          appendAudit(
            tx,
            app.deps.kind,
            c.audit,
            { action: 'audit.export', after: { filters: q, rows: rows.length } },
            app.deps.clock.now(),
          ),
        );
      const wb = new ExcelJS.Workbook();
      wb.creator = 'OneGrid';
      const ws = wb.addWorksheet('审计日志');
      ws.columns = [
        { header: '序号 Seq', key: 'seq', width: 10 },
        { header: '时间 Time (UTC)', key: 'at', width: 26 },
        { header: '操作人 Actor', key: 'actorName', width: 16 },
        { header: '操作 Action', key: 'action', width: 24 },
        { header: '对象类型 Entity', key: 'entityType', width: 14 },
        { header: '对象编号 ID', key: 'entityId', width: 12 },
        { header: '结果 Outcome', key: 'outcome', width: 10 },
        { header: '修改前 Before', key: 'before', width: 40 },
        { header: '修改后 After', key: 'after', width: 40 },
        { header: 'IP', key: 'ip', width: 16 },
        { header: '请求号 Request', key: 'requestId', width: 38 },
        { header: '哈希 Hash', key: 'hash', width: 66 },
      ];
      ws.getRow(1).font = { bold: true };
      for (const r of rows) {
        ws.addRow({
          seq: r.seq,
          at: r.at,
          actorName: r.actor_name,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          outcome: r.outcome,
          before: r.before_json,
          after: r.after_json,
          ip: r.ip,
          requestId: r.request_id,
          hash: r.hash,
        });
      }
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      const stamp = app.deps.clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="onegrid-audit-${stamp}.xlsx"`)
        .send(buf);
    },
  );
}
