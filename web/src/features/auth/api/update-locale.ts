import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch } from '../../../lib/api';
import { ME_QUERY_KEY } from './me';
import type { Me } from './types';

export function updateLocale(locale: 'zh-CN' | 'en'): Promise<Me> {
  return apiPatch<Me>('/api/auth/me', { locale });
}

export function useUpdateLocale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateLocale,
    onSuccess: (me) => {
      if (me) queryClient.setQueryData(ME_QUERY_KEY, me);
    },
  });
}
