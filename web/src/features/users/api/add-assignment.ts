import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { userKeys } from './keys';

export function addAssignment(userId: number, role: string, nodeId: number): Promise<unknown> {
  return apiPost<unknown>(`/api/users/${userId}/assignments`, { role, nodeId });
}

export function useAddAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role, nodeId }: { userId: number; role: string; nodeId: number }) =>
      addAssignment(userId, role, nodeId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
