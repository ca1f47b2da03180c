import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete } from '../../../lib/api';
import { userKeys } from './keys';

export function removeAssignment(userId: number, assignmentId: number): Promise<unknown> {
  return apiDelete<unknown>(`/api/users/${userId}/assignments/${assignmentId}`);
}

export function useRemoveAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, assignmentId }: { userId: number; assignmentId: number }) =>
      removeAssignment(userId, assignmentId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
