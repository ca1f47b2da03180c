import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { registryKeys } from './keys';
import type { Building, ItemsResponse } from './types';

export interface BuildingFilters {
  nodeId?: number;
  q?: string;
}

export async function fetchBuildings(filters: BuildingFilters): Promise<Building[]> {
  const res = await apiGet<ItemsResponse<Building>>('/api/registry/buildings', {
    query: { nodeId: filters.nodeId, q: filters.q },
  });
  return res.items;
}

export function useBuildings(filters: BuildingFilters, enabled = true) {
  const key = { nodeId: filters.nodeId, q: filters.q };
  return useQuery({
    queryKey: registryKeys.buildings(key),
    queryFn: () => fetchBuildings(filters),
    enabled,
    placeholderData: keepPreviousData,
  });
}
