import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { visitKeys } from './keys';
import type { TodayList } from './types';

export function fetchToday(nodeId: number | null): Promise<TodayList> {
  return apiGet<TodayList>('/api/visits/today', { query: { nodeId } });
}

/** Households due or overdue a visit today, most overdue first. */
export function useToday(nodeId: number | null) {
  return useQuery({ queryKey: visitKeys.today(nodeId), queryFn: () => fetchToday(nodeId) });
}
