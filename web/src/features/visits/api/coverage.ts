import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { visitKeys } from './keys';
import type { Coverage } from './types';

export function fetchCoverage(nodeId: number | null, period: string) {
  return apiGet<Coverage>('/api/visits/coverage', { query: { nodeId, period } });
}

/** Screening coverage of a node for one quarter, with its children. */
export function useCoverage(nodeId: number | null, period: string) {
  return useQuery({
    queryKey: visitKeys.coverage(nodeId, period),
    queryFn: () => fetchCoverage(nodeId, period),
  });
}
