import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { userKeys } from './keys';
import type { User } from './types';

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  phone?: string;
  idNumber?: string;
  assignments: Array<{ role: string; nodeId: number }>;
}

export function createUser(input: CreateUserInput): Promise<User> {
  return apiPost<User>('/api/users', input);
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
