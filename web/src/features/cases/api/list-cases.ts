import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { caseKeys } from './keys';
import type { CaseListFilters, CaseSummary, PageResponse } from './types';

export function fetchCases(filters: CaseListFilters): Promise<PageResponse<CaseSummary>> {
  const { overdue, supervised, ...rest } = filters;
  return apiGet<PageResponse<CaseSummary>>('/api/cases', {
    query: { ...rest, overdue: overdue ? 1 : undefined, supervised: supervised ? 1 : undefined },
  });
}

/** `view=inbox` is the caller's own work (overdue first); `view=all` the scope's cases with filters. */
export function useCases(filters: CaseListFilters, enabled = true) {
  return useQuery({
    queryKey: caseKeys.list(filters),
    queryFn: () => fetchCases(filters),
    enabled,
    placeholderData: keepPreviousData,
  });
}
