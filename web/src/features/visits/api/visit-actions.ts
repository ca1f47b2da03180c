import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { visitKeys } from './keys';
import type { Visit } from './types';

export function resolveDispute(id: number): Promise<Visit> {
  return apiPost<Visit>(`/api/visits/${id}/resolve-dispute`);
}

export function flagVisit(id: number): Promise<Visit> {
  return apiPost<Visit>(`/api/visits/${id}/flag`);
}

/** 矛盾已化解 / 转为事项 on one visit. */
export function useVisitAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'resolve_dispute' | 'flag' }) =>
      action === 'flag' ? flagVisit(id) : resolveDispute(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: visitKeys.all }),
  });
}
