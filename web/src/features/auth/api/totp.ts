import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { ME_QUERY_KEY } from './me';
import type { TotpSetup } from './types';

export function startTotpSetup(): Promise<TotpSetup> {
  return apiPost<TotpSetup>('/api/auth/totp/setup');
}

export function enableTotp(code: string): Promise<void> {
  return apiPost<void>('/api/auth/totp/enable', { code });
}

export function disableTotp(code: string): Promise<void> {
  return apiPost<void>('/api/auth/totp/disable', { code });
}

export function useStartTotpSetup() {
  return useMutation({ mutationFn: startTotpSetup });
}

export function useEnableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: enableTotp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
  });
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disableTotp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }),
  });
}
