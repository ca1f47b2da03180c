import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete } from '../../../lib/api';
import { registryKeys } from './keys';

export function removeTagAssignment(assignmentId: number): Promise<void> {
  return apiDelete(`/api/registry/tag-assignments/${assignmentId}`);
}

export function useRemoveTagAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeTagAssignment,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKeys.all }),
  });
}
