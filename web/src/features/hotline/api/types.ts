import type { CaseState } from '../../../../../common/cases';

export interface RowProblem {
  row: number;
  column: string;
  code: string;
  message: { zh: string; en: string };
}

/** An order of the file already imported: skipped, or changed since (reported, not overwritten). */
export interface HotlineNotice {
  row: number;
  externalId: string;
  kind: 'already_imported' | 'changed';
  caseId: number;
  caseNumber: string;
  columns: string[];
}

export interface HotlineDryRun {
  token: string;
  nodeId: number | null;
  total: number;
  valid: number;
  skipped: number;
  changed: number;
  errorCount: number;
  badRows: number;
  errors: RowProblem[];
  notices: HotlineNotice[];
  reportUrl: string;
}

export interface HotlineCommit {
  created: number;
  skipped: number;
  changed: number;
  caseIds: number[];
}

export interface ReplyExportQuery {
  from: string;
  to: string;
  states: CaseState[];
}
