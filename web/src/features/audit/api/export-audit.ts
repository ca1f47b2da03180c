import { useMutation } from '@tanstack/react-query';
import { apiDownload } from '../../../lib/api';
import type { AuditFilters } from './types';

/** Downloads the filtered log as .xlsx; the export itself is audited by the server. */
export function exportAudit(filters: AuditFilters): Promise<string> {
  const stamp = new Date().toISOString().slice(0, 10);
  return apiDownload('/api/audit/export.xlsx', { ...filters }, `audit-log-${stamp}.xlsx`);
}

export function useExportAudit() {
  return useMutation({ mutationFn: exportAudit });
}
