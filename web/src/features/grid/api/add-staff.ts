import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { gridKeys } from './keys';
import type { Staff } from './types';

export interface AddStaffInput {
  userId?: number;
  name: string;
  post: string;
  phone?: string;
}

export function addStaff(nodeId: number, input: AddStaffInput): Promise<Staff> {
  return apiPost<Staff>(`/api/grid/nodes/${nodeId}/staff`, input);
}

export function useAddStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ nodeId, input }: { nodeId: number; input: AddStaffInput }) => addStaff(nodeId, input),
    onSuccess: (_staff, { nodeId }) => queryClient.invalidateQueries({ queryKey: gridKeys.node(nodeId) }),
  });
}
