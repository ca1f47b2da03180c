import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { caseKeys } from './keys';
import type { CaseSummary } from './types';

interface OverdueResponse {
  items: CaseSummary[];
  total?: number;
}

export function fetchOverdueCases(nodeId: number | null): Promise<OverdueResponse> {
  return apiGet<OverdueResponse>('/api/cases/overdue', { query: { nodeId } });
}

/** Red and yellow cases of the scope, most overdue first. */
export function useOverdueCases(nodeId: number | null) {
  return useQuery({ queryKey: caseKeys.overdue(nodeId), queryFn: () => fetchOverdueCases(nodeId) });
}
