import { createReadStream, createWriteStream, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../../common/permissions.js';
import type { CallContext, Deps, SessionActor } from '../../context.js';
import { AppError } from '../../errors.js';
import { ImportJobStore } from '../imports/import-jobs.js';
import { progressBar } from '../imports/imports.cli.js';
import { writeHotlineReport } from './hotline.files.js';
import * as repo from './hotline.repository.js';
import { commitHotline, dryRunHotline, type HotlineDryRun, hotlineMeta } from './hotline.service.js';

// `onegrid import hotline <file> --as <username> [--node CODE] [--commit]`: the web screen's dry run and
// all-or-nothing commit at the command line. The cases are created in a named account's name and scope (the timeline
// says who filed them), so `--as` is required: an account holding case.dispatch where the orders belong.

export interface HotlineCliOptions {
  as?: string;
  node?: string;
  commit?: boolean;
}

const SHOWN = 1000;

async function contextOf(deps: Deps, username: string): Promise<CallContext | null> {
  const user = await repo.activeUser(deps.db, username);
  if (!user) return null;
  const actor: SessionActor = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    sessionId: 'cli',
    csrfToken: '',
    locale: 'zh-CN',
    totpEnabled: false,
    mustSetupTotp: false,
    mustChangePassword: false,
    assignments: user.assignments.map((a) => ({ ...a, role: a.role as Role })),
  };
  return {
    deps,
    actor,
    audit: { actorId: user.id, actorName: `${user.username} (cli)`, ip: null, requestId: null },
    locale: 'zh-CN',
  };
}

function explain(e: unknown): number {
  if (e instanceof AppError && Array.isArray(e.details)) {
    for (const d of e.details)
      console.error(`${d.code}: ${d.message?.zh ?? d.code}\n  ${d.message?.en ?? ''}`);
    return 1;
  }
  throw e;
}

/** Runs one 12345 import; returns the process exit code. */
export async function runHotlineImportCommand(
  deps: Deps,
  file: string,
  opts: HotlineCliOptions,
): Promise<number> {
  if (!opts.as) {
    console.error(
      'name the account the cases are filed by: --as <username> (it needs case.dispatch) / 请用 --as 指定导入账号',
    );
    return 2;
  }
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    console.error(`no such file: ${file} / 文件不存在`);
    return 2;
  }
  const c = await contextOf(deps, opts.as);
  if (!c) {
    console.error(`no active account "${opts.as}" / 没有该账号或已停用`);
    return 2;
  }
  let nodeId: number | null = null;
  if (opts.node) {
    const node = (await repo.nodesByCodes(deps.db, [opts.node])).get(opts.node);
    if (!node) {
      console.error(`no grid node with code "${opts.node}" / 找不到该编码的网格节点`);
      return 2;
    }
    nodeId = node.id;
  }
  const store = new ImportJobStore(path.join(os.tmpdir(), `onegrid-hotline-${process.pid}`));
  const job = store.create(c.actor.userId);
  try {
    const bar = progressBar('校验 check 12345');
    job.listeners.add(bar.update);
    let summary: HotlineDryRun;
    try {
      summary = await dryRunHotline(
        { c, source: 'cli' },
        store,
        job,
        { filename: file, stream: createReadStream(file), size },
        nodeId,
      );
    } catch (e) {
      bar.done();
      return explain(e);
    } finally {
      job.listeners.delete(bar.update);
    }
    bar.done();
    console.log(
      `${summary.total} rows: ${summary.valid} new, ${summary.skipped} already imported, ${summary.changed} changed since, ${summary.badRows} with problems / 共 ${summary.total} 行：新工单 ${summary.valid}，已导入 ${summary.skipped}，有变化 ${summary.changed}，有问题 ${summary.badRows}`,
    );
    for (const e of summary.errors.slice(0, SHOWN))
      console.log(`  row ${e.row} · ${e.column} · ${e.message.zh} / ${e.message.en}`);
    for (const n of summary.notices.filter((x) => x.kind === 'changed').slice(0, SHOWN))
      console.log(
        `  row ${n.row} · ${n.externalId} (${n.caseNumber}) changed: ${n.columns.join('、')} — not overwritten / 内容有变化，未覆盖`,
      );
    if (summary.errorCount > 0 || summary.changed > 0) {
      const report = path.resolve(`${path.basename(file, path.extname(file))}.report.xlsx`);
      const out = createWriteStream(report);
      const closed = new Promise<void>((resolve, reject) => {
        out.on('close', () => resolve());
        out.on('error', reject);
      });
      await writeHotlineReport(job.errorsPath, hotlineMeta(job)!.noticesPath, out);
      await closed;
      console.log(`the whole report is in ${report} / 完整报告已写入该文件`);
    }
    if (!opts.commit) {
      console.log('dry run only; run again with --commit to create the cases / 仅校验，加 --commit 建立事件');
      return summary.badRows > 0 ? 1 : 0;
    }
    const cbar = progressBar('导入 write 12345');
    job.listeners.add(cbar.update);
    try {
      const r = await commitHotline({ c, source: 'cli' }, store, job);
      cbar.done();
      console.log(
        `created ${r.created} cases in one transaction; ${r.skipped} already imported, ${r.changed} changed (not overwritten) / 新建事件 ${r.created} 件`,
      );
      return 0;
    } catch (e) {
      cbar.done();
      return explain(e);
    }
  } finally {
    store.clear();
  }
}
