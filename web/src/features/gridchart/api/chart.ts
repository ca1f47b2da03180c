import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { gridchartKeys } from './keys';
import type { ChartData } from './types';

/** One compact request for the whole view; the browser revalidates it with the server's ETag (304). */
export function fetchChart(nodeId: number, signal?: AbortSignal): Promise<ChartData> {
  return apiGet<ChartData>(`/api/gridchart/${nodeId}`, { signal });
}

export function useChart(nodeId: number | null) {
  return useQuery({
    queryKey: gridchartKeys.chart(nodeId ?? 0),
    queryFn: ({ signal }) => fetchChart(nodeId ?? 0, signal),
    enabled: nodeId !== null,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
