import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../../lib/api';
import { residentKeys } from './keys';
import type { Candidate, ResidentAccount } from './types';

export type AccountStatus = ResidentAccount['status'];

export const fetchResidentAccounts = (status: AccountStatus, page: number) =>
  apiGet<{ items: ResidentAccount[]; total: number; page: number; pageSize: number }>(
    '/api/resident-accounts',
    {
      query: { status, page, pageSize: 20 },
    },
  );

export function useResidentAccounts(status: AccountStatus, page: number) {
  return useQuery({
    queryKey: residentKeys.accounts(status, page),
    queryFn: () => fetchResidentAccounts(status, page),
    placeholderData: keepPreviousData,
  });
}

export const fetchCandidates = (id: number) =>
  apiGet<{ account: ResidentAccount; items: Candidate[] }>(`/api/resident-accounts/${id}/candidates`);

export function useCandidates(id: number | null) {
  return useQuery({
    queryKey: residentKeys.candidates(id ?? 0),
    queryFn: () => fetchCandidates(id ?? 0),
    enabled: id !== null,
  });
}

export function useDecideAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number } & ({ residentId: number } | { reason: string })) =>
      'residentId' in input
        ? apiPost<ResidentAccount>(`/api/resident-accounts/${input.id}/confirm`, {
            residentId: input.residentId,
          })
        : apiPost<ResidentAccount>(`/api/resident-accounts/${input.id}/reject`, { reason: input.reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['resident-accounts'] }),
  });
}
