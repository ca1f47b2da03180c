import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch } from '../../../lib/api';
import { gridKeys } from './keys';
import type { GridNode, PartyOrg } from './types';

export interface UpdateNodeInput {
  name?: string;
  subjects?: string[];
  partyOrg?: PartyOrg | null;
  boundary?: Record<string, unknown> | null;
}

export function updateNode(id: number, input: UpdateNodeInput): Promise<GridNode> {
  return apiPatch<GridNode>(`/api/grid/nodes/${id}`, input);
}

export function useUpdateNode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: UpdateNodeInput }) => updateNode(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: gridKeys.all }),
  });
}
