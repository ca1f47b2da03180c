import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { residentKeys } from './keys';
import type { PublicCase } from './types';

/** One of my cases, in the same public shape as a tracked one (no internal notes, no staff names). */
export const fetchMyCase = (id: number) =>
  apiGet<PublicCase>(`/api/me/cases/${id}`, { skipAuthRedirect: true });

export function useMyCase(id: number) {
  return useQuery({ queryKey: residentKeys.myCase(id), queryFn: () => fetchMyCase(id), enabled: id > 0 });
}
