import { rmSync } from 'node:fs';
import path from 'node:path';
import { pipeline, type Readable, Transform } from 'node:stream';
import { addLimit } from '../../../common/case-deadlines.js';
import { CASE_STATE_LABELS, type CaseState, RATING_LABELS, type Urgency } from '../../../common/cases.js';
import type { LocalizedText } from '../../../common/i18n.js';
import { type Actor, authorize } from '../../../common/permissions.js';
import type { CallContext, Deps } from '../../context.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { appendAudit, recordAudit } from '../audit/audit.service.js';
import { LineWriter, readLines } from '../imports/import-files.js';
import { FIRST_ERRORS, type ImportJob, type ImportJobStore, type JobEvent } from '../imports/import-jobs.js';
import { type CellValue, isBlankRow, type RowProblem } from '../imports/import-rows.js';
import { formatOf, sheetsOf } from '../imports/imports.service.js';
import * as cases from './hotline.cases.js';
import type { HotlineNotice, HotlineReply } from './hotline.files.js';
import * as repo from './hotline.repository.js';
import { type HotlineColumnKey, hotlineColumn, matchHotlineHeader } from './hotline-columns.js';
import {
  beijingText,
  beijingToUtc,
  CategoryMatcher,
  comparableFields,
  FIELD_HEADER,
  HOTLINE_MSG,
  type HotlineRow,
  parseHotlineRow,
} from './hotline-rows.js';

// 12345 hotline import (issue 4 item 9, docs/hotline-12345.md). The registry import's machinery carries it: streamed
// xlsx / csv readers, a job between dry run and commit (valid rows in a temp file, every problem in another, SSE
// progress), and a commit that writes every valid row in ONE transaction or nothing. What is the hotline's own:
// idempotency by 工单号 — an order already imported is skipped and reported, never created twice, and one whose
// fields changed since is reported, never silently overwritten.

/** Who imports: a signed-in dispatcher on the web, or an account named at the command line (`--as`). */
export interface HotlineImporter {
  c: CallContext;
  source: 'web' | 'cli';
}

export interface HotlineFile {
  filename: string;
  stream: Readable;
  size?: number | null;
}

/** What a hotline job knows beyond the registry job: the target, and the orders skipped or changed. */
interface HotlineJobMeta {
  targetNodeId: number | null;
  skipped: number;
  changed: number;
  notices: HotlineNotice[];
  noticesPath: string;
  created: number | null;
  skippedAtCommit: number;
}

const metas = new WeakMap<ImportJob, HotlineJobMeta>();

/** The hotline side of a job, or undefined when the job is not a hotline job. */
export const hotlineMeta = (job: ImportJob) => metas.get(job);

export interface HotlineDryRun {
  token: string;
  nodeId: number | null;
  total: number;
  /** orders the commit will create */
  valid: number;
  /** orders already imported with the same fields: skipped, not errors */
  skipped: number;
  /** orders already imported whose fields changed since: reported, not overwritten */
  changed: number;
  errorCount: number;
  /** rows with at least one problem */
  badRows: number;
  errors: RowProblem[];
  notices: HotlineNotice[];
}

export interface HotlineCommit {
  created: number;
  skipped: number;
  changed: number;
  caseIds: number[];
}

const BATCH = 500;

const fileError = (code: string, message: LocalizedText) =>
  new AppError(code, 400, [{ field: 'file', code, message }]);

/** Where the importer may file hotline cases: where they both take cases in (case.create) and dispatch them. */
export function mayImportAt(actor: Actor, nodePath: string): boolean {
  return (
    authorize(actor, 'case.dispatch', { path: nodePath }) &&
    authorize(actor, 'case.create', { path: nodePath })
  );
}

/** A valid order as kept between dry run and commit (the caller's phone only as ciphertext). */
export interface ValidLine {
  row: number;
  externalId: string;
  calledAt: string;
  title: string;
  content: string;
  categoryId: number;
  urgency: Urgency;
  nodeId: number;
  address: string | null;
  reporterName: string | null;
  phoneEnc: string | null;
  handlingDueAt: string | null;
  digests: Record<string, string>;
}

interface Pending {
  row: number;
  problems: RowProblem[];
  parsed: HotlineRow | null;
  externalId: string | null;
  nodeCode: string | null;
}

class HotlineDryRunner {
  private batch: Pending[] = [];
  private readonly valid: LineWriter;
  private readonly errors: LineWriter;
  private readonly notices: LineWriter;
  private readonly seen = new Map<string, number>();
  private readonly nodes = new Map<string, repo.NodeRef | null>();
  private index: Map<HotlineColumnKey, number> | null = null;
  badRows = 0;
  bytes = 0;

  constructor(
    private readonly deps: Deps,
    private readonly imp: HotlineImporter,
    private readonly job: ImportJob,
    private readonly meta: HotlineJobMeta,
    private readonly target: repo.NodeRef | null,
    private readonly categories: CategoryMatcher,
    private readonly calendar: Awaited<ReturnType<typeof cases.calendar>>,
    private readonly emit: (ev: JobEvent) => void,
    private readonly size: number | null,
  ) {
    this.valid = new LineWriter(job.validPath);
    this.errors = new LineWriter(job.errorsPath);
    this.notices = new LineWriter(meta.noticesPath);
  }

  setIndex(index: Map<HotlineColumnKey, number>) {
    this.index = index;
  }

  async row(rowNumber: number, cells: CellValue[]) {
    const r = parseHotlineRow(this.index!, cells, rowNumber, {
      now: this.deps.clock.now(),
      categories: this.categories,
      seen: this.seen,
    });
    this.batch.push({
      row: rowNumber,
      problems: r.problems,
      parsed: r.row,
      externalId: r.externalId,
      nodeCode: r.nodeCode,
    });
    if (this.batch.length >= BATCH) await this.flush();
  }

  private problem(p: Pending, key: HotlineColumnKey, code: string, message: LocalizedText) {
    p.problems.push({ row: p.row, column: hotlineColumn(key).header, code, message });
  }

  private digests(row: HotlineRow): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(comparableFields(row)))
      out[k] = this.deps.crypto.blindIndex('hotline_field', `${k}\u0000${v}`).slice(0, 20);
    return out;
  }

  /** The node of a row: its own community / grid code, or the import's target. */
  private place(p: Pending): repo.NodeRef | null {
    const code = p.nodeCode;
    if (!code) {
      if (!this.target) this.problem(p, 'nodeCode', 'HOTLINE_NODE_MISSING', HOTLINE_MSG.nodeMissing);
      return this.target;
    }
    const node = this.nodes.get(code) ?? null;
    if (!node) this.problem(p, 'nodeCode', 'HOTLINE_NODE_UNKNOWN', HOTLINE_MSG.nodeUnknown);
    else if (node.retired) this.problem(p, 'nodeCode', 'HOTLINE_NODE_RETIRED', HOTLINE_MSG.nodeRetired);
    else if (!mayImportAt(this.imp.c.actor, node.path))
      this.problem(p, 'nodeCode', 'HOTLINE_NODE_OUT_OF_SCOPE', HOTLINE_MSG.nodeOutOfScope);
    else return node;
    return null;
  }

  private dueAt(row: HotlineRow): string | null {
    if (!row.limit) return null;
    if (row.limit.kind === 'at') return row.limit.at;
    return addLimit(new Date(row.calledAt), row.limit, this.calendar).toISOString();
  }

  async flush() {
    const batch = this.batch;
    this.batch = [];
    if (!batch.length) return;
    const ok = batch.filter((p) => p.parsed);
    const codes = batch.map((p) => p.nodeCode).filter((c): c is string => !!c && !this.nodes.has(c));
    if (codes.length) {
      const found = await repo.nodesByCodes(this.deps.db, codes);
      for (const c of codes) this.nodes.set(c, found.get(c) ?? null);
    }
    const existing = await repo.ordersByExternalIds(
      this.deps.db,
      ok.map((p) => p.externalId!),
    );
    const job = this.job;
    for (const p of batch) {
      job.total++;
      const row = p.parsed;
      const node = this.place(p);
      if (!row || !node || p.problems.length) {
        this.badRows++;
        job.errorCount += p.problems.length;
        for (const e of p.problems) {
          this.errors.push(e);
          if (job.firstErrors.length < FIRST_ERRORS) job.firstErrors.push(e);
        }
        continue;
      }
      const digests = this.digests(row);
      const before = existing.get(row.externalId);
      if (before) {
        const old = JSON.parse(before.digests) as Record<string, string>;
        const columns = Object.keys(digests)
          .filter((k) => old[k] !== undefined && old[k] !== digests[k])
          .map((k) => FIELD_HEADER[k] ?? k);
        const notice: HotlineNotice = {
          row: p.row,
          externalId: row.externalId,
          kind: columns.length ? 'changed' : 'already_imported',
          caseId: before.caseId,
          caseNumber: before.caseNumber,
          columns,
        };
        if (columns.length) this.meta.changed++;
        else this.meta.skipped++;
        this.notices.push(notice);
        if (this.meta.notices.length < FIRST_ERRORS) this.meta.notices.push(notice);
        continue;
      }
      const line: ValidLine = {
        row: p.row,
        externalId: row.externalId,
        calledAt: row.calledAt,
        title: row.title,
        content: row.content,
        categoryId: row.categoryId,
        urgency: row.urgency,
        nodeId: node.id,
        address: row.address,
        reporterName: row.reporterName,
        phoneEnc: row.phone ? this.deps.crypto.encrypt(row.phone) : null,
        handlingDueAt: this.dueAt(row),
        digests,
      };
      job.valid++;
      this.valid.push(line);
    }
    await Promise.all([this.errors.flush(), this.valid.flush(), this.notices.flush()]);
    job.processed = job.total;
    job.percent = this.size ? Math.min(99, Math.floor((this.bytes / this.size) * 100)) : null;
    this.emit({
      phase: 'validate',
      state: job.state,
      processed: job.total,
      total: null,
      percent: job.percent,
    });
  }

  async close() {
    await this.flush();
    await Promise.all([this.errors.close(), this.valid.close(), this.notices.close()]);
  }

  abort() {
    this.errors.destroy();
    this.valid.destroy();
    this.notices.destroy();
  }
}

const unreadable = () =>
  fileError('IMPORT_FILE_INVALID', {
    zh: '文件无法读取：请确认是 Excel（.xlsx）或 CSV 文件且没有损坏',
    en: 'The file cannot be read; make sure it is an undamaged .xlsx or .csv file',
  });

/**
 * Checks every row of a 12345 file without writing a case: format, 工单号 present and unique in the file, phone,
 * call time, category, deadline, place and scope; orders already imported are set aside as skipped or changed.
 * Keeps the orders to create in the job and returns the counts, the first 1,000 problems and notices.
 */
export async function dryRunHotline(
  imp: HotlineImporter,
  store: ImportJobStore,
  job: ImportJob,
  file: HotlineFile,
  targetNodeId: number | null,
): Promise<HotlineDryRun> {
  const deps = imp.c.deps;
  if (job.state !== 'waiting') {
    file.stream.resume();
    throw new AppError('CONFLICT', 409);
  }
  const meta: HotlineJobMeta = {
    targetNodeId,
    skipped: 0,
    changed: 0,
    notices: [],
    noticesPath: path.join(path.dirname(job.validPath), `${job.token}.notices.ndjson`),
    created: null,
    skippedAtCommit: 0,
  };
  metas.set(job, meta);
  job.extraFiles = [meta.noticesPath];
  job.nodeId = targetNodeId;
  job.state = 'validating';
  const emit = (ev: JobEvent) => store.emit(job, ev);
  let format: 'csv' | 'xlsx';
  try {
    format = formatOf(file.filename);
  } catch (e) {
    job.state = 'failed';
    file.stream.resume();
    throw e;
  }
  let target: repo.NodeRef | null = null;
  if (targetNodeId !== null) {
    target = (await repo.nodeById(deps.db, targetNodeId)) ?? null;
    if (!target || target.retired || !mayImportAt(imp.c.actor, target.path)) {
      job.state = 'failed';
      file.stream.resume();
      throw new AppError('VALIDATION_FAILED', 400, [
        { field: 'nodeId', code: 'HOTLINE_TARGET_INVALID', message: HOTLINE_MSG.nodeOutOfScope },
      ]);
    }
  }
  const [categories, calendar] = await Promise.all([cases.categoryRefs(deps), cases.calendar(deps)]);
  const run = new HotlineDryRunner(
    deps,
    imp,
    job,
    meta,
    target,
    new CategoryMatcher(categories),
    calendar,
    emit,
    file.size ?? null,
  );
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      run.bytes += chunk.length;
      cb(null, chunk);
    },
  });
  const counted = pipeline(file.stream, counter, () => {});
  try {
    let matched = false;
    let firstBad: ReturnType<typeof matchHotlineHeader> | null = null;
    try {
      for await (const sheet of sheetsOf(format, counted)) {
        const skip = matched || sheet.name === '说明';
        let header = false;
        let bad = false;
        rows: for await (const batch of sheet.rows) {
          if (skip || bad) continue;
          for (const r of batch) {
            if (isBlankRow(r.cells)) continue;
            if (!header) {
              const h = matchHotlineHeader(r.cells);
              if (!h.ok) {
                firstBad ??= h;
                bad = true;
                if (format === 'csv') break rows;
                continue rows;
              }
              run.setIndex(h.index);
              header = matched = true;
              continue;
            }
            await run.row(r.row, r.cells);
          }
        }
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
        throw fileError('IMPORT_FILE_INVALID', {
          zh: '文件超过 50 MB，请分成几个文件导入',
          en: 'The file is larger than 50 MB; split it into several files',
        });
      throw unreadable();
    }
    if (!matched) {
      if (firstBad && !firstBad.ok && firstBad.reason === 'language')
        throw fileError('IMPORT_HEADER_LANGUAGE', {
          zh: '表头是英文的：请使用中文列名（下载模板查看）',
          en: 'The header row is in English; use the Chinese column names of the template',
        });
      const missing = firstBad && !firstBad.ok ? firstBad.missing : ['工单号'];
      throw fileError('IMPORT_HEADER_INVALID', {
        zh: `找不到必需的列：${missing.join('、')}。请使用 12345 导出的工单表或下载的模板`,
        en: `Required columns are missing (${missing.join(', ')}); use the 12345 export or the template`,
      });
    }
    await run.close();
    if (job.total === 0)
      throw fileError('IMPORT_EMPTY', { zh: '文件中没有数据行', en: 'The file has no data rows' });
    job.state = 'ready';
    job.percent = 100;
    emit({ phase: 'validate', state: 'ready', processed: job.total, total: job.total, percent: 100 });
    return summaryOf(job, meta, run.badRows);
  } catch (e) {
    run.abort();
    counted.resume();
    job.state = 'failed';
    emit({ phase: 'validate', state: 'failed', processed: job.total, total: null, percent: null });
    rmSync(job.validPath, { force: true });
    rmSync(job.errorsPath, { force: true });
    rmSync(meta.noticesPath, { force: true });
    throw e;
  }
}

const badRowsOf = new WeakMap<ImportJob, number>();

function summaryOf(job: ImportJob, meta: HotlineJobMeta, badRows?: number): HotlineDryRun {
  if (badRows !== undefined) badRowsOf.set(job, badRows);
  return {
    token: job.token,
    nodeId: meta.targetNodeId,
    total: job.total,
    valid: job.valid,
    skipped: meta.skipped,
    changed: meta.changed,
    errorCount: job.errorCount,
    badRows: badRowsOf.get(job) ?? 0,
    errors: job.firstErrors,
    notices: meta.notices,
  };
}

/** The dry-run report of a hotline job, as the dry run returned it (for a page reloaded mid-way). */
export function hotlineJobView(job: ImportJob) {
  const meta = metas.get(job);
  if (!meta) return null;
  return { ...summaryOf(job, meta), state: job.state, created: meta.created };
}

const stale = () =>
  new AppError('IMPORT_STALE', 409, [
    {
      field: 'file',
      code: 'HOTLINE_STALE',
      message: {
        zh: '校验之后有人导入了其中的工单，本次没有写入任何数据；请重新上传校验',
        en: 'Some of these orders were imported by someone else since the check; nothing was written — upload again',
      },
    },
  ]);

/** A row that was valid at the dry run is not any more (category retired, scope changed …): nothing is written. */
const rowStale = (row: number, why: LocalizedText) =>
  new AppError('IMPORT_STALE', 409, [
    {
      field: 'file',
      code: 'HOTLINE_ROW_STALE',
      message: {
        zh: `第 ${row} 行：${why.zh}（校验之后有变化）。本次没有写入任何数据，请重新上传校验`,
        en: `Row ${row}: ${why.en} (changed since the check). Nothing was written — upload again`,
      },
    },
  ]);

const isUniqueViolation = (err: unknown) =>
  typeof err === 'object' &&
  err !== null &&
  'code' in err &&
  ['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(
    String((err as { code: unknown }).code),
  );

const COMMIT_CHUNK = 200;

/**
 * Creates one case per valid order — source 12345, the caller as reporter (phone encrypted), the hotline's own
 * deadline as the handling deadline — and records each 工单号, all in ONE transaction with one summary audit row.
 * An order imported by someone else since the dry run is skipped, so a file committed twice still creates each
 * order once.
 */
export async function commitHotline(
  imp: HotlineImporter,
  store: ImportJobStore,
  job: ImportJob,
): Promise<HotlineCommit> {
  const deps = imp.c.deps;
  const meta = metas.get(job);
  if (!meta || job.state !== 'ready') throw new AppError('CONFLICT', 409);
  if (job.valid === 0) {
    // nothing new (a file imported before): an idempotent no-op, not an error
    job.state = 'committed';
    job.inserted = meta.created = 0;
    store.emit(job, { phase: 'commit', state: 'committed', processed: 0, total: 0, percent: 100 });
    return { created: 0, skipped: meta.skipped, changed: meta.changed, caseIds: [] };
  }
  job.state = 'committing';
  let done = 0;
  const progress = (n: number) => {
    done += n;
    store.emit(job, {
      phase: 'commit',
      state: 'committing',
      processed: done,
      total: job.valid,
      percent: Math.floor((done / job.valid) * 100),
    });
  };
  const now = deps.clock.now();
  try {
    const out = await deps.db.transaction().execute(async (tx) => {
      const caseIds: number[] = [];
      let skipped = 0;
      const creator = cases.creator(imp.c, tx);
      const paths = new Map<number, string>();
      for await (const chunk of readLines<ValidLine>(job.validPath, COMMIT_CHUNK)) {
        const there = await repo.ordersByExternalIds(
          tx,
          chunk.map((l) => l.externalId),
        );
        const orders = [];
        for (const l of chunk) {
          if (there.has(l.externalId)) {
            skipped++;
            continue;
          }
          let path = paths.get(l.nodeId);
          if (path === undefined) {
            path = (await repo.nodeById(tx, l.nodeId))?.path ?? '';
            paths.set(l.nodeId, path);
          }
          if (!path || !mayImportAt(imp.c.actor, path)) throw rowStale(l.row, HOTLINE_MSG.nodeOutOfScope);
          let made: { id: number; number: string };
          try {
            made = await creator.create({
              title: l.title,
              description: l.content,
              categoryId: l.categoryId,
              urgency: l.urgency,
              nodeId: l.nodeId,
              address: l.address,
              reporterName: l.reporterName,
              phone: l.phoneEnc ? deps.crypto.decrypt(l.phoneEnc) : null,
              externalId: l.externalId,
              calledAt: l.calledAt,
              handlingDueAt: l.handlingDueAt,
            });
          } catch (e) {
            const first =
              e instanceof AppError && Array.isArray(e.details) ? e.details[0]?.message : undefined;
            if (first) throw rowStale(l.row, first);
            throw e;
          }
          caseIds.push(made.id);
          orders.push({
            external_id: l.externalId,
            case_id: made.id,
            case_number: made.number,
            node_id: l.nodeId,
            called_at: l.calledAt,
            digests: JSON.stringify(l.digests),
            imported_at: now.toISOString(),
            imported_by: imp.c.actor.userId,
          });
        }
        await repo.insertOrders(tx, orders);
        progress(chunk.length);
      }
      await appendAudit(
        tx,
        deps.kind,
        imp.c.audit,
        {
          action: 'hotline.import',
          entityType: 'hotline_import',
          entityId: job.token.slice(0, 12),
          nodeId: meta.targetNodeId,
          after: {
            source: imp.source,
            fileRows: job.total,
            created: caseIds.length,
            skipped: meta.skipped + skipped,
            changed: meta.changed,
            rejectedRows: badRowsOf.get(job) ?? 0,
          },
        },
        now,
      );
      return { caseIds, skipped };
    });
    job.state = 'committed';
    job.inserted = out.caseIds.length;
    meta.created = out.caseIds.length;
    meta.skippedAtCommit = out.skipped;
    store.emit(job, {
      phase: 'commit',
      state: 'committed',
      processed: job.valid,
      total: job.valid,
      percent: 100,
    });
    rmSync(job.validPath, { force: true });
    return {
      created: out.caseIds.length,
      skipped: meta.skipped + out.skipped,
      changed: meta.changed,
      caseIds: out.caseIds,
    };
  } catch (e) {
    job.state = 'ready';
    store.emit(job, { phase: 'commit', state: 'failed', processed: 0, total: job.valid, percent: null });
    if (isUniqueViolation(e)) throw stale();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// export of replies

export interface ReplyQuery {
  /** YYYY-MM-DD, Beijing calendar, inclusive */
  from: string;
  to: string;
  /** only cases in these states (all when empty) */
  states?: readonly CaseState[];
}

/** Rows in one reply sheet at most: a longer period is asked to be split. */
export const REPLY_LIMIT = 50_000;
const MAX_DAYS = 366;
const PAGE = 500;

function dayStart(date: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? beijingToUtc(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** The Beijing date-time of an ISO instant, as the hotline's sheets write it; '' for none. */
const when = (at: string | null) => (at ? beijingText(new Date(at)) : '');

function replyOf(order: repo.PeriodOrder, f: cases.ReplyFacts): HotlineReply {
  const result =
    f.state === 'rejected'
      ? `不予受理：${f.rejectReason ?? ''}`
      : f.state === 'merged'
        ? '与同一事项的其他诉求合并办理'
        : (f.result ?? '');
  return {
    externalId: order.externalId,
    state: CASE_STATE_LABELS[f.state]?.zh ?? f.state,
    result,
    unit: f.leadUnitName ?? (f.handledAt ? f.nodeName : ''),
    doneAt: when(f.closedAt ?? f.handledAt),
    rating: f.rating ? RATING_LABELS[f.rating].zh : '',
    resolved: f.resolved === null ? '' : f.resolved ? '是' : '否',
    caseNumber: f.number,
    calledAt: when(order.calledAt),
  };
}

/**
 * The replies and results of the 12345 orders called in a period (and in the chosen states) that the caller may
 * read, in the hotline's own columns, for return to the hotline. The export is audited with its filters and size.
 */
export async function replyRows(c: CallContext, q: ReplyQuery): Promise<HotlineReply[]> {
  const from = dayStart(q.from);
  const toStart = dayStart(q.to);
  const problems: FieldProblem[] = [];
  if (!from) problems.push(badDate('from'));
  if (!toStart) problems.push(badDate('to'));
  if (from && toStart) {
    if (toStart < from)
      problems.push({
        field: 'to',
        code: 'HOTLINE_RANGE_INVALID',
        message: { zh: '结束日期不能早于开始日期', en: 'The end date is before the start date' },
      });
    else if ((toStart.getTime() - from.getTime()) / 86_400_000 >= MAX_DAYS)
      problems.push({
        field: 'to',
        code: 'HOTLINE_RANGE_TOO_LONG',
        message: { zh: '一次最多导出一年（366 天）', en: 'Export at most one year (366 days) at a time' },
      });
  }
  if (problems.length || !from || !toStart) throw new AppError('VALIDATION_FAILED', 400, problems);
  const to = new Date(toStart.getTime() + 86_400_000);
  const states = new Set(q.states ?? []);
  const out: HotlineReply[] = [];
  let after: { calledAt: string; id: number } | null = null;
  for (;;) {
    const page = await repo.ordersInPeriod(c.deps.db, from.toISOString(), to.toISOString(), after, PAGE);
    if (!page.length) break;
    const facts = await cases.replyFacts(
      c,
      page.map((o) => o.caseId),
    );
    for (const o of page) {
      const f = facts.get(o.caseId);
      if (!f || (states.size && !states.has(f.state))) continue;
      out.push(replyOf(o, f));
      if (out.length > REPLY_LIMIT)
        throw new AppError('VALIDATION_FAILED', 400, [
          {
            field: 'to',
            code: 'HOTLINE_EXPORT_TOO_LARGE',
            message: {
              zh: `超过 ${REPLY_LIMIT} 条，请缩短日期范围分几次导出`,
              en: `More than ${REPLY_LIMIT} orders; export a shorter period at a time`,
            },
          },
        ]);
    }
    const last = page[page.length - 1];
    after = { calledAt: last.calledAt, id: last.id };
    if (page.length < PAGE) break;
  }
  await recordAudit(
    c.deps.db,
    c.deps.kind,
    c.audit,
    {
      action: 'hotline.export',
      entityType: 'hotline_export',
      after: { from: q.from, to: q.to, states: [...states], rows: out.length },
    },
    c.deps.clock.now(),
  );
  return out;
}

const badDate = (field: string): FieldProblem => ({
  field,
  code: 'HOTLINE_DATE_INVALID',
  message: { zh: '日期应为 YYYY-MM-DD', en: 'Use a date as YYYY-MM-DD' },
});
