import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { gridKeys } from './keys';
import type { NodeDetail } from './types';

export function fetchNode(id: number): Promise<NodeDetail> {
  return apiGet<NodeDetail>(`/api/grid/nodes/${id}`);
}

export function useGridNode(id: number | null) {
  return useQuery({
    queryKey: gridKeys.node(id ?? 0),
    queryFn: () => fetchNode(id ?? 0),
    enabled: id !== null,
  });
}
