import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { gridKeys } from './keys';
import type { GridNode, ItemsResponse } from './types';

export async function fetchRoots(): Promise<GridNode[]> {
  const res = await apiGet<ItemsResponse<GridNode>>('/api/grid/roots');
  return res.items;
}

export function useGridRoots(enabled = true) {
  return useQuery({ queryKey: gridKeys.roots(), queryFn: fetchRoots, enabled, staleTime: 60_000 });
}
