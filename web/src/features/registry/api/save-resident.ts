import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPatch, apiPost } from '../../../lib/api';
import { registryKeys } from './keys';
import type { ResidentDetail } from './types';

export interface ResidentInput {
  householdId?: number;
  name: string;
  idNumber?: string;
  phone?: string;
  birthDate?: string;
  sex?: 'male' | 'female';
  relation: string;
  registeredHere: boolean;
  livingHere: boolean;
  politicalStatus: string;
  ethnicity?: string | null;
  education?: string | null;
  maritalStatus?: string | null;
  occupation?: string | null;
  employer?: string | null;
  notes?: string | null;
  movedInAt?: string;
}

export function createResident(input: ResidentInput): Promise<ResidentDetail> {
  return apiPost<ResidentDetail>('/api/registry/residents', input);
}

export function updateResident(id: number, input: Partial<ResidentInput>): Promise<ResidentDetail> {
  return apiPatch<ResidentDetail>(`/api/registry/residents/${id}`, input);
}

/** POST /residents (new) or PATCH /residents/:id; the server checks the ID number again and audits. */
export function useSaveResident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: ResidentInput }) =>
      id === null ? createResident(input) : updateResident(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKeys.all }),
  });
}
