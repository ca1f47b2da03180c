import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { open311Keys } from './keys';
import type { Open311KeyInput, Open311KeyIssued } from './types';

/** POST /api/open311/keys: issues a key; the answer carries the key, which the server never shows again. */
export function createOpen311Key(input: Open311KeyInput): Promise<Open311KeyIssued> {
  return apiPost<Open311KeyIssued>('/api/open311/keys', input);
}

export function useCreateOpen311Key() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createOpen311Key,
    onSuccess: () => qc.invalidateQueries({ queryKey: open311Keys.all }),
  });
}
