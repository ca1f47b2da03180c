import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { gridKeys } from './keys';
import type { GridNode } from './types';

export function retireNode(id: number, reason: string): Promise<GridNode> {
  return apiPost<GridNode>(`/api/grid/nodes/${id}/retire`, { reason });
}

export function useRetireNode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => retireNode(id, reason),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: gridKeys.all }),
  });
}
