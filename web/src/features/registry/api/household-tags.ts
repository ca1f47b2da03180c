import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { registryKeys } from './keys';
import type { ItemsResponse, TagAssignment } from './types';

/** The hand-made tag assignments on a household and its members (visible tags only). */
export async function fetchHouseholdTags(householdId: number): Promise<TagAssignment[]> {
  const res = await apiGet<ItemsResponse<TagAssignment>>(`/api/registry/households/${householdId}/tags`);
  return res.items;
}

export function useHouseholdTags(householdId: number | null) {
  return useQuery({
    queryKey: [...registryKeys.household(householdId ?? 0), 'tags'],
    queryFn: () => fetchHouseholdTags(householdId ?? 0),
    enabled: householdId !== null,
  });
}
