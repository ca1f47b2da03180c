import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { residentKeys } from './keys';
import type { Community } from './types';

export const fetchCommunities = () =>
  apiGet<{ items: Community[] }>('/api/public/communities', { skipAuthRedirect: true }).then((r) => r.items);

export function useCommunities() {
  return useQuery({
    queryKey: residentKeys.communities(),
    queryFn: fetchCommunities,
    staleTime: 10 * 60_000,
  });
}
