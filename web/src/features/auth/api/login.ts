import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost, setCsrfToken } from '../../../lib/api';
import { ME_QUERY_KEY } from './me';
import type { LoginInput, Me } from './types';

export async function login(input: LoginInput): Promise<Me> {
  const me = await apiPost<Me>('/api/auth/login', input, { skipAuthRedirect: true });
  setCsrfToken(me.csrfToken);
  return me;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, me);
    },
  });
}
