import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch } from '../../../lib/api';
import { userKeys } from './keys';
import type { User } from './types';

export interface UpdateUserInput {
  displayName?: string;
  phone?: string | null;
  idNumber?: string | null;
  status?: 'active' | 'disabled';
}

export function updateUser(id: number, input: UpdateUserInput): Promise<User> {
  return apiPatch<User>(`/api/users/${id}`, input);
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: UpdateUserInput }) => updateUser(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
