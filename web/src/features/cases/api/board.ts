import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { caseKeys } from './keys';
import type { CaseBoard } from './types';

export function fetchCaseBoard(nodeId: number | null): Promise<CaseBoard> {
  return apiGet<CaseBoard>('/api/cases/board', { query: { nodeId } });
}

/** One column per state with its count and the first 20 cases. */
export function useCaseBoard(nodeId: number | null) {
  return useQuery({ queryKey: caseKeys.board(nodeId), queryFn: () => fetchCaseBoard(nodeId) });
}
