import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { userKeys } from './keys';

export function resetUserPassword(id: number, password: string): Promise<void> {
  return apiPost<void>(`/api/users/${id}/reset-password`, { password });
}

export function useResetUserPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, password }: { id: number; password: string }) => resetUserPassword(id, password),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
