import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { open311Keys } from './keys';
import type { Open311Key } from './types';

/** GET /api/open311/keys (settings.write): every client key with its node, mode and last use. */
export function fetchOpen311Keys(): Promise<Open311Key[]> {
  return apiGet<Open311Key[]>('/api/open311/keys');
}

export function useOpen311Keys() {
  return useQuery({ queryKey: open311Keys.keys, queryFn: fetchOpen311Keys });
}
