import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { registryKeys } from './keys';
import type { ResidentDetail } from './types';

export function fetchResident(id: number): Promise<ResidentDetail> {
  return apiGet<ResidentDetail>(`/api/registry/residents/${id}`);
}

export function useResident(id: number | null) {
  return useQuery({
    queryKey: registryKeys.resident(id ?? 0),
    queryFn: () => fetchResident(id ?? 0),
    enabled: id !== null,
  });
}
