import { useMutation } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';

export interface RegisterInput {
  phone: string;
  name: string;
  password: string;
  communityId: number;
  roomText: string;
}

export const registerResident = (input: RegisterInput) =>
  apiPost<{ id: number; status: 'pending'; communityName: string }>('/api/public/residents/register', input, {
    skipAuthRedirect: true,
  });

export function useRegisterResident() {
  return useMutation({ mutationFn: registerResident });
}
