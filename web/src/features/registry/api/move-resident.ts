import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { registryKeys } from './keys';
import type { ResidentDetail } from './types';

export function moveOut(id: number, input: { date: string; reason: string }): Promise<ResidentDetail> {
  return apiPost<ResidentDetail>(`/api/registry/residents/${id}/move-out`, input);
}

export function moveIn(id: number, input: { householdId: number; date: string }): Promise<ResidentDetail> {
  return apiPost<ResidentDetail>(`/api/registry/residents/${id}/move-in`, input);
}

/** 迁出: leaves the household, history kept (a resident_events row and an audit record on the server). */
export function useMoveOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: { date: string; reason: string } }) =>
      moveOut(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKeys.all }),
  });
}

/** 迁入: joins another household (in the user's scope). */
export function useMoveIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: { householdId: number; date: string } }) =>
      moveIn(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKeys.all }),
  });
}
