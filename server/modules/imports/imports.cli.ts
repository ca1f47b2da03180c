import { createReadStream, createWriteStream, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Deps } from '../../context.js';
import { AppError } from '../../errors.js';
import { IMPORT_KIND_LABELS, isImportKind } from './import-columns.js';
import { writeErrorsWorkbook } from './import-files.js';
import { ImportJobStore, type JobEvent } from './import-jobs.js';
import * as repo from './imports.repository.js';
import { commitJob, dryRun, type Importer } from './imports.service.js';

// `onegrid import <kind> <file> [--node CODE] [--commit]`: the same dry run and all-or-nothing commit as the web
// screen, for the operator at the server (no per-user scope: the whole tree, or the subtree of --node).

const CLI: Importer = {
  userId: null,
  audit: { actorId: null, actorName: 'cli', ip: null, requestId: null },
  actor: null,
  source: 'cli',
};
const SHOWN = 1000;

/** A one-line text progress bar on stderr (cli-progress is not a dependency). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  const draw = (ev: JobEvent, force = false) => {
    const now = Date.now();
    if (!force && now - last < 80) return;
    last = now;
    const pct = ev.percent ?? (ev.total ? Math.floor((ev.processed / ev.total) * 100) : 0);
    const width = 30;
    const full = Math.round((pct / 100) * width);
    const bar = `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
    const rows = ev.total
      ? `${ev.processed.toLocaleString()}/${ev.total.toLocaleString()}`
      : ev.processed.toLocaleString();
    if (stream.isTTY) stream.write(`\r${label} ${bar} ${String(pct).padStart(3)}%  ${rows} rows   `);
    else if (force) stream.write(`${label} ${pct}% ${rows} rows\n`);
  };
  return {
    update: (ev: JobEvent) => draw(ev, ev.state !== 'validating' && ev.state !== 'committing'),
    done: () => {
      if (stream.isTTY) stream.write('\n');
    },
  };
}

export interface ImportCliOptions {
  node?: string;
  commit?: boolean;
}

/** Runs one import; returns the process exit code. */
export async function runImportCommand(
  deps: Deps,
  kind: string,
  file: string,
  opts: ImportCliOptions,
): Promise<number> {
  if (!isImportKind(kind)) {
    console.error(
      `unknown kind "${kind}": use buildings, households or residents / 类型应为 buildings、households 或 residents`,
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
  let targetPaths = ['/'];
  let nodeId: number | null = null;
  if (opts.node) {
    const node = await repo.nodeByCode(deps.db, opts.node);
    if (!node) {
      console.error(`no grid node with code "${opts.node}" / 找不到该编码的网格节点`);
      return 2;
    }
    targetPaths = [node.path];
    nodeId = node.id;
  }
  const store = new ImportJobStore(path.join(os.tmpdir(), `onegrid-import-${process.pid}`));
  const job = store.create(null);
  try {
    const label = IMPORT_KIND_LABELS[kind];
    const bar = progressBar(`校验 check ${label.zh}`);
    job.listeners.add(bar.update);
    let summary: Awaited<ReturnType<typeof dryRun>>;
    try {
      summary = await dryRun(
        deps,
        CLI,
        store,
        job,
        kind,
        { filename: file, stream: createReadStream(file), size },
        targetPaths,
        nodeId,
      );
    } catch (e) {
      bar.done();
      if (e instanceof AppError && Array.isArray(e.details)) {
        for (const d of e.details)
          console.error(`${e.code}: ${d.message?.zh ?? ''}\n  ${d.message?.en ?? ''}`);
        return 1;
      }
      throw e;
    }
    bar.done();
    job.listeners.delete(bar.update);
    console.log(
      `${summary.total} rows: ${summary.valid} valid, ${summary.total - summary.valid} with problems (${summary.errorCount} problems) / 共 ${summary.total} 行，有效 ${summary.valid} 行`,
    );
    for (const e of summary.errors.slice(0, SHOWN))
      console.log(`  row ${e.row} · ${e.column} · ${e.message.zh} / ${e.message.en}`);
    if (summary.errorCount > 0) {
      const report = path.resolve(`${path.basename(file, path.extname(file))}.errors.xlsx`);
      const out = createWriteStream(report);
      const closed = new Promise<void>((resolve, reject) => {
        out.on('close', () => resolve());
        out.on('error', reject);
      });
      await writeErrorsWorkbook(job.errorsPath, out);
      await closed;
      console.log(`all problems written to ${report} / 全部错误已写入该文件`);
    }
    if (!opts.commit) {
      if (summary.errorCount > 0) {
        console.error(
          'not imported: fix the rows above, or pass --commit to import the valid rows only / 有错误，未导入',
        );
        return 1;
      }
      console.log('dry run OK; run again with --commit to write / 校验通过，加 --commit 写入');
      return 0;
    }
    if (summary.valid === 0) {
      console.error('nothing to import / 没有可导入的行');
      return 1;
    }
    const cbar = progressBar(`导入 write ${label.zh}`);
    job.listeners.add(cbar.update);
    const r = await commitJob(deps, CLI, store, job).finally(() => cbar.done());
    console.log(
      `imported in one transaction: ${r.counts.buildings} buildings, ${r.counts.households} rooms created, ${r.counts.householdsUpdated} rooms updated, ${r.counts.residents} residents / 导入完成`,
    );
    return 0;
  } finally {
    store.clear();
  }
}
