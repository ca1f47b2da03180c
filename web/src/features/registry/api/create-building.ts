import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { registryKeys } from './keys';
import type { Building } from './types';

export interface BuildingInput {
  nodeId: number;
  number: string;
  name?: string;
  address?: string;
  type: string;
  units: number;
  floors: number;
  roomsPerFloor: number;
  lat?: number;
  lng?: number;
  createRooms: boolean;
}

export function createBuilding(input: BuildingInput): Promise<Building> {
  return apiPost<Building>('/api/registry/buildings', input);
}

export function useCreateBuilding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBuilding,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKeys.all }),
  });
}
