import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { caseKeys } from './keys';
import type { CaseDetail } from './types';

/** The case sheet's facts; the server may add who printed it and when. */
export type CasePrint = CaseDetail & { printedAt?: string; printedBy?: string };

export function fetchCasePrint(id: number): Promise<CasePrint> {
  return apiGet<CasePrint>(`/api/cases/${id}/print`);
}

export function useCasePrint(id: number | null) {
  return useQuery({
    queryKey: caseKeys.print(id ?? 0),
    queryFn: () => fetchCasePrint(id ?? 0),
    enabled: id !== null,
  });
}
