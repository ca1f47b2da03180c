import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch } from '../../../lib/api';
import { open311Keys } from './keys';
import type { Open311Key, Open311KeyPatch } from './types';

/** PATCH /api/open311/keys/:id: rename, move, switch mode, (de)activate; a deactivated key is refused at once. */
export function updateOpen311Key(id: number, patch: Open311KeyPatch): Promise<Open311Key> {
  return apiPatch<Open311Key>(`/api/open311/keys/${id}`, patch);
}

export function useUpdateOpen311Key() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: Open311KeyPatch }) => updateOpen311Key(id, patch),
    onSuccess: () => qc.invalidateQueries({ queryKey: open311Keys.all }),
  });
}
