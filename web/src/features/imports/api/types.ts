export type ImportKind = 'buildings' | 'households' | 'residents';

export interface RowProblem {
  row: number;
  column: string;
  code: string;
  message: { zh: string; en: string };
}

export interface DryRunResult {
  token: string;
  kind: ImportKind;
  nodeId: number | null;
  total: number;
  valid: number;
  errorCount: number;
  errors: RowProblem[];
  errorsFileUrl: string;
}

export interface CommitResult {
  inserted: number;
  updated: number;
}

export interface JobProgress {
  phase: 'validate' | 'commit';
  state: 'waiting' | 'validating' | 'ready' | 'committing' | 'committed' | 'failed';
  processed: number;
  total?: number | null;
  percent?: number | null;
}
