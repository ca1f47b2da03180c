import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { caseKeys } from './keys';
import type { CaseSummary, PageResponse } from './types';

export function fetchOverdueCases(page: number, pageSize: number): Promise<PageResponse<CaseSummary>> {
  return apiGet<PageResponse<CaseSummary>>('/api/cases/overdue', { query: { page, pageSize } });
}

/** Red and yellow cases of the caller's whole scope, most overdue first. */
export function useOverdueCases(page: number, pageSize: number) {
  return useQuery({
    queryKey: caseKeys.overdue(page, pageSize),
    queryFn: () => fetchOverdueCases(page, pageSize),
    placeholderData: keepPreviousData,
  });
}
