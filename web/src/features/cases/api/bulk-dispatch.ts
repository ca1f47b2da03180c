import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { caseKeys } from './keys';
import type { BulkDispatchInput, BulkDispatchResult } from './types';

export function bulkDispatch(input: BulkDispatchInput): Promise<{ results: BulkDispatchResult[] }> {
  return apiPost<{ results: BulkDispatchResult[] }>('/api/cases/bulk/dispatch', input);
}

/** 批量分办: one lead unit (and assisting units) for many accepted cases; each case succeeds or fails alone. */
export function useBulkDispatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: bulkDispatch,
    onSettled: () => qc.invalidateQueries({ queryKey: caseKeys.all }),
  });
}
