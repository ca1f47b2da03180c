import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { registryKeys } from './keys';
import type { HouseholdRow, PageResponse } from './types';

export interface HouseholdFilters {
  nodeId?: number;
  buildingId?: number;
  tag?: string;
  use?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export function fetchHouseholds(filters: HouseholdFilters): Promise<PageResponse<HouseholdRow>> {
  return apiGet<PageResponse<HouseholdRow>>('/api/registry/households', { query: { ...filters } });
}

export function useHouseholds(filters: HouseholdFilters, enabled = true) {
  return useQuery({
    queryKey: registryKeys.householdList({ ...filters }),
    queryFn: () => fetchHouseholds(filters),
    enabled,
    placeholderData: keepPreviousData,
  });
}
