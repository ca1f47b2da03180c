import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch } from '../../../lib/api';
import { registryKeys } from './keys';
import type { HouseholdCard } from './types';

export interface HouseholdPatch {
  use?: string;
  householderId?: number;
}

export function updateHousehold(id: number, input: HouseholdPatch): Promise<HouseholdCard> {
  return apiPatch<HouseholdCard>(`/api/registry/households/${id}`, input);
}

export function useUpdateHousehold() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: HouseholdPatch }) => updateHousehold(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKeys.all }),
  });
}
