import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { registryKeys } from './keys';
import type { HouseholdCard } from './types';

/** The household card: members (masked), visible tags, open matters and recent visits. */
export function fetchHousehold(id: number): Promise<HouseholdCard> {
  return apiGet<HouseholdCard>(`/api/registry/households/${id}`);
}

export function useHousehold(id: number | null) {
  return useQuery({
    queryKey: registryKeys.household(id ?? 0),
    queryFn: () => fetchHousehold(id ?? 0),
    enabled: id !== null,
  });
}
