import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { gridKeys } from './keys';
import type { GridNode, PartyOrg } from './types';

export interface CreateNodeInput {
  parentId: number;
  code: string;
  name: string;
  level?: string;
  subjects?: string[];
  partyOrg?: PartyOrg | null;
  boundary?: Record<string, unknown> | null;
}

export function createNode(input: CreateNodeInput): Promise<GridNode> {
  return apiPost<GridNode>('/api/grid/nodes', input);
}

export function useCreateNode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createNode,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: gridKeys.all }),
  });
}
