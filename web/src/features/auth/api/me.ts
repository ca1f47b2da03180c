import { useQuery } from '@tanstack/react-query';
import { apiGet, isApiError, setCsrfToken } from '../../../lib/api';
import type { Me } from './types';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no (live) session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await apiGet<Me>('/api/auth/me', { skipAuthRedirect: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}
