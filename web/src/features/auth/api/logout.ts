import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost, setCsrfToken } from '../../../lib/api';
import { ME_QUERY_KEY } from './me';

export function logout(): Promise<void> {
  return apiPost<void>('/api/auth/logout', undefined, { skipAuthRedirect: true });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    // Whatever the server said, this tab forgets the session.
    onSettled: () => {
      setCsrfToken(null);
      // Signed-out first, so the protected screens unmount; then drop their data without refetching it.
      queryClient.setQueryData(ME_QUERY_KEY, null);
      setTimeout(() => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] }), 0);
    },
  });
}
