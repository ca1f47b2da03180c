import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { registryKeys } from './keys';
import type { PageResponse, ResidentRow } from './types';

export interface ResidentFilters {
  nodeId?: number;
  buildingId?: number;
  householdId?: number;
  tag?: string;
  q?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}

/** `q` is a name fragment, a room label (3-2-501) or an exact ID number / phone, matched on the server. */
export function fetchResidents(filters: ResidentFilters): Promise<PageResponse<ResidentRow>> {
  return apiGet<PageResponse<ResidentRow>>('/api/registry/residents', { query: { ...filters } });
}

export function useResidents(filters: ResidentFilters, enabled = true) {
  return useQuery({
    queryKey: registryKeys.residentList({ ...filters }),
    queryFn: () => fetchResidents(filters),
    enabled,
    placeholderData: keepPreviousData,
  });
}
