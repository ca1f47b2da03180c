import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { gridchartKeys } from './keys';

/** Households of the view whose room label or resident name matches (ids only, scoped by the server). */
export function searchChart(nodeId: number, q: string, signal?: AbortSignal): Promise<number[]> {
  return apiGet<number[]>(`/api/gridchart/${nodeId}/search`, { query: { q }, signal });
}

export function useChartSearch(nodeId: number | null, q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: gridchartKeys.search(nodeId ?? 0, text),
    queryFn: ({ signal }) => searchChart(nodeId ?? 0, text, signal),
    enabled: nodeId !== null && text.length > 0,
    staleTime: 30_000,
  });
}
