import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import { residentKeys } from './keys';
import type { PublicCase } from './types';

/** One of my cases, in the same public shape as a tracked one (no internal notes, no staff names). */
export const fetchMyCase = (id: number) =>
  apiGet<PublicCase>(`/api/me/cases/${id}`, { skipAuthRedirect: true });

/** Keyed by language too: the server names units, roles and categories in the asked language. */
export function useMyCase(id: number) {
  const { locale } = useI18n();
  return useQuery({
    queryKey: [...residentKeys.myCase(id), locale],
    queryFn: () => fetchMyCase(id),
    enabled: id > 0,
  });
}
