import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { visitKeys } from './keys';
import type { RecordVisitInput, Visit } from './types';

export function recordVisit(input: RecordVisitInput): Promise<Visit> {
  return apiPost<Visit>('/api/visits', input);
}

export function useRecordVisit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: recordVisit,
    onSuccess: () => qc.invalidateQueries({ queryKey: visitKeys.all }),
  });
}
