import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { caseKeys } from './keys';
import type { CaseSummary, DuplicateQuery } from './types';

export function fetchDuplicates(query: DuplicateQuery): Promise<{ items: CaseSummary[] }> {
  return apiGet<{ items: CaseSummary[] }>('/api/cases/duplicates', { query: { ...query } });
}

/** Open cases that may be the same matter: same household or building and category, or similar words. */
export function useDuplicates(query: DuplicateQuery) {
  const enabled = Boolean(query.householdId || query.buildingId || (query.text && query.text.length >= 4));
  return useQuery({
    queryKey: caseKeys.duplicates(query),
    queryFn: () => fetchDuplicates(query),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
