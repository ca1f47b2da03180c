import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { caseKeys } from './keys';
import type { CaseDetail } from './types';

export function fetchCase(id: number): Promise<CaseDetail> {
  return apiGet<CaseDetail>(`/api/cases/${id}`);
}

/** One case with its timeline, assignments and the actions the caller may take now. */
export function useCase(id: number | null) {
  return useQuery({
    queryKey: caseKeys.detail(id ?? 0),
    queryFn: () => fetchCase(id ?? 0),
    enabled: id !== null,
  });
}
