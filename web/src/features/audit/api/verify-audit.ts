import { useMutation } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import type { AuditVerifyResult } from './types';

/** Recomputes the whole hash chain on the server; may take a while on a long log. */
export function verifyAudit(): Promise<AuditVerifyResult> {
  return apiGet<AuditVerifyResult>('/api/audit/verify');
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: verifyAudit });
}
