import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { caseKeys } from './keys';
import type { CaseDetail, CreateCaseInput } from './types';

export function createCase(input: CreateCaseInput): Promise<CaseDetail> {
  return apiPost<CaseDetail>('/api/cases', input);
}

export function useCreateCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createCase,
    onSuccess: (created) => {
      qc.setQueryData(caseKeys.detail(created.id), created);
      // the POST answer carries no duplicates (GET /api/cases/:id computes them): fetch the detail again
      void qc.invalidateQueries({ queryKey: caseKeys.detail(created.id) });
      void qc.invalidateQueries({ queryKey: caseKeys.lists() });
    },
  });
}
