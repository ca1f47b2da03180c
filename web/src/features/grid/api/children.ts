import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { gridKeys } from './keys';
import type { GridNode, ItemsResponse } from './types';

export async function fetchChildren(id: number, includeRetired = false): Promise<GridNode[]> {
  const res = await apiGet<ItemsResponse<GridNode>>(`/api/grid/nodes/${id}/children`, {
    query: { includeRetired },
  });
  return res.items;
}

export function useGridChildren(id: number | null, includeRetired = false) {
  return useQuery({
    queryKey: gridKeys.children(id ?? 0, includeRetired),
    queryFn: () => fetchChildren(id ?? 0, includeRetired),
    enabled: id !== null,
  });
}
