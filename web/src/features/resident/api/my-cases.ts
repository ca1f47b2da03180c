import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { residentKeys } from './keys';
import type { MyCaseItem } from './types';

export const fetchMyCases = () =>
  apiGet<{ items: MyCaseItem[] }>('/api/me/cases', { skipAuthRedirect: true }).then((r) => r.items);

export function useMyCases(enabled = true) {
  return useQuery({ queryKey: residentKeys.myCases(), queryFn: fetchMyCases, enabled });
}
