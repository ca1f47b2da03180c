import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { registryKeys } from './keys';

export interface AssignTagInput {
  tagCode: string;
  residentId?: number;
  riskLevel?: string;
  note?: string;
}

export function assignTag(householdId: number, input: AssignTagInput): Promise<unknown> {
  return apiPost<unknown>(`/api/registry/households/${householdId}/tags`, input);
}

export function useAssignTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ householdId, input }: { householdId: number; input: AssignTagInput }) =>
      assignTag(householdId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKeys.all }),
  });
}
