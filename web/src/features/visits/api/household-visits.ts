import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { visitKeys } from './keys';
import type { HouseholdVisits } from './types';

export function fetchHouseholdVisits(householdId: number, page: number, pageSize = 20) {
  return apiGet<HouseholdVisits>('/api/visits', { query: { householdId, page, pageSize } });
}

export function useHouseholdVisits(householdId: number | null, page = 1) {
  return useQuery({
    queryKey: visitKeys.household(householdId ?? 0, page),
    queryFn: () => fetchHouseholdVisits(householdId ?? 0, page),
    enabled: householdId !== null,
  });
}
