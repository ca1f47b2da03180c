import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { residentKeys } from './keys';
import type { PublicCase, RateInput } from './types';

/** An anonymous reporter rates with the full phone number as proof. */
export const ratePublic = (input: RateInput & { number: string; phone: string; version: number }) =>
  apiPost<PublicCase>('/api/public/cases/rate', input, { skipAuthRedirect: true });

/** A signed-in reporter rates through the case endpoint itself (the reporter capability). */
export const rateMine = (id: number, input: RateInput & { version: number }) =>
  apiPost<unknown>(`/api/cases/${id}/actions/rate`, input, { skipAuthRedirect: true });

export function useRatePublic() {
  return useMutation({ mutationFn: ratePublic });
}

export function useRateMine(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RateInput & { version: number }) => rateMine(id, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: residentKeys.myCase(id) });
      void queryClient.invalidateQueries({ queryKey: residentKeys.myCases() });
    },
  });
}
