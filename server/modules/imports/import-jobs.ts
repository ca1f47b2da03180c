import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Deps } from '../../context.js';
import type { ImportKind } from './import-columns.js';
import type { RowProblem } from './import-rows.js';

// Import jobs between the dry run and the commit: valid rows (already encrypted) and all errors sit in two temp
// files under the data directory, keyed by a random token, owned by one user, gone after an hour or at shutdown.

export const JOB_TTL_MS = 60 * 60 * 1000;
export const FIRST_ERRORS = 1000;

export type JobState = 'waiting' | 'validating' | 'ready' | 'committing' | 'committed' | 'failed';

export interface JobEvent {
  phase: 'validate' | 'commit';
  state: JobState;
  processed: number;
  total?: number | null;
  percent?: number | null;
}

export interface PendingRoom {
  buildingId: number;
  buildingNumber: string;
  nodeId: number;
  unitNo: number;
  floor: number;
  roomNo: number;
}

export interface ImportJob {
  token: string;
  userId: number | null;
  kind: ImportKind | null;
  nodeId: number | null;
  state: JobState;
  createdAt: number;
  processed: number;
  total: number;
  valid: number;
  errorCount: number;
  firstErrors: RowProblem[];
  validPath: string;
  errorsPath: string;
  /** Rooms residents were placed in that do not exist yet; created at commit (residents imports). */
  pendingRooms: Map<string, PendingRoom>;
  percent: number | null;
  /**
   * The newest audit row when the dry run began. Every register write is audited in its own transaction, so an
   * unchanged mark at commit proves nothing was written since the rows were checked (see commitJob).
   */
  auditMark: number | null;
  inserted: number | null;
  listeners: Set<(ev: JobEvent) => void>;
  /** More temp files of the job (another kind's own), removed with it. */
  extraFiles?: string[];
}

export class ImportJobStore {
  private readonly jobs = new Map<string, ImportJob>();
  constructor(readonly dir: string) {}

  create(userId: number | null): ImportJob {
    this.sweep();
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const token = randomBytes(24).toString('base64url');
    const job: ImportJob = {
      token,
      userId,
      kind: null,
      nodeId: null,
      state: 'waiting',
      createdAt: Date.now(),
      processed: 0,
      total: 0,
      valid: 0,
      errorCount: 0,
      firstErrors: [],
      validPath: path.join(this.dir, `${token}.valid.ndjson`),
      errorsPath: path.join(this.dir, `${token}.errors.ndjson`),
      pendingRooms: new Map(),
      percent: null,
      auditMark: null,
      inserted: null,
      listeners: new Set(),
    };
    this.jobs.set(token, job);
    return job;
  }

  /** The caller's own live job, or undefined (someone else's token is as good as none). */
  get(token: string, userId: number | null): ImportJob | undefined {
    this.sweep();
    const job = this.jobs.get(token);
    return job && job.userId === userId ? job : undefined;
  }

  emit(job: ImportJob, ev: JobEvent) {
    for (const l of job.listeners) l(ev);
  }

  remove(job: ImportJob) {
    this.jobs.delete(job.token);
    rmSync(job.validPath, { force: true });
    rmSync(job.errorsPath, { force: true });
    for (const f of job.extraFiles ?? []) rmSync(f, { force: true });
  }

  sweep(now = Date.now()) {
    for (const job of this.jobs.values())
      if (now - job.createdAt > JOB_TTL_MS && job.state !== 'validating' && job.state !== 'committing')
        this.remove(job);
  }

  clear() {
    for (const job of [...this.jobs.values()]) this.remove(job);
  }
}

const stores = new WeakMap<Deps, ImportJobStore>();

/** One store per running app (tests build many apps in one process). */
export function jobStore(deps: Deps): ImportJobStore {
  let s = stores.get(deps);
  if (!s) {
    s = new ImportJobStore(
      path.join(deps.config.dataDir, 'tmp', `imports-${process.pid}-${randomBytes(4).toString('hex')}`),
    );
    stores.set(deps, s);
  }
  return s;
}
