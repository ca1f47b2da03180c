import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete } from '../../../lib/api';
import { gridKeys } from './keys';

export function removeStaff(nodeId: number, staffId: number): Promise<void> {
  return apiDelete(`/api/grid/nodes/${nodeId}/staff/${staffId}`);
}

export function useRemoveStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ nodeId, staffId }: { nodeId: number; staffId: number }) => removeStaff(nodeId, staffId),
    onSuccess: (_v, { nodeId }) => queryClient.invalidateQueries({ queryKey: gridKeys.node(nodeId) }),
  });
}
