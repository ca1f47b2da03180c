import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { gridKeys } from './keys';
import type { GridNode } from './types';

export function moveNode(id: number, newParentId: number): Promise<GridNode> {
  return apiPost<GridNode>(`/api/grid/nodes/${id}/move`, { newParentId });
}

export function useMoveNode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, newParentId }: { id: number; newParentId: number }) => moveNode(id, newParentId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: gridKeys.all }),
  });
}
