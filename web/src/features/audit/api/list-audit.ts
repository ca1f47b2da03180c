import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import type { AuditFilters, AuditList } from './types';

export function listAudit(filters: AuditFilters, page: number, pageSize: number, signal?: AbortSignal) {
  return apiGet<AuditList>('/api/audit', { query: { ...filters, page, pageSize }, signal });
}

export function useAuditLog(filters: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', 'list', filters, page, pageSize],
    queryFn: ({ signal }) => listAudit(filters, page, pageSize, signal),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}
