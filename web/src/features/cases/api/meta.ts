import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { caseKeys } from './keys';
import type { CaseMeta } from './types';

export function fetchCaseMeta(): Promise<CaseMeta> {
  return apiGet<CaseMeta>('/api/cases/meta');
}

/** Categories (with limits) and units; they change rarely, so one fetch serves a working session. */
export function useCaseMeta() {
  return useQuery({ queryKey: caseKeys.meta(), queryFn: fetchCaseMeta, staleTime: 10 * 60_000 });
}
