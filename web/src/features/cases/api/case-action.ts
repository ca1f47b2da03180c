import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CaseAction } from '../../../../../common/cases';
import { apiPost, isApiError } from '../../../lib/api';
import { caseKeys } from './keys';
import type { CaseActionBody, CaseDetail } from './types';

export function runCaseAction(id: number, action: CaseAction, body: CaseActionBody): Promise<CaseDetail> {
  return apiPost<CaseDetail>(`/api/cases/${id}/actions/${action}`, body);
}

/**
 * One workflow step on a case. On success the answer replaces the cached case; on 409 (someone
 * acted first, or the state moved on) the case is fetched again so the buttons match the new state.
 */
export function useCaseAction(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: CaseAction; body: CaseActionBody }) =>
      runCaseAction(id, action, body),
    onSuccess: (updated) => {
      qc.setQueryData(caseKeys.detail(id), updated);
      void qc.invalidateQueries({ queryKey: caseKeys.all, refetchType: 'inactive' });
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) {
        // CASE_CONFLICT carries the case as it is now; show that at once, then make sure it is fresh.
        const current = error.extra.current as CaseDetail | undefined;
        if (current && typeof current === 'object' && current.id === id)
          qc.setQueryData(caseKeys.detail(id), current);
        void qc.invalidateQueries({ queryKey: caseKeys.detail(id) });
      }
    },
  });
}
