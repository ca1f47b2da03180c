import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n';
import type { PublicCategory } from './types';

export const fetchPublicCategories = () =>
  apiGet<{ items: PublicCategory[] }>('/api/public/categories', { skipAuthRedirect: true }).then(
    (r) => r.items,
  );

/** The resident-friendly categories, named in the UI language (the server answers in Accept-Language). */
export function usePublicCategories() {
  const { locale } = useI18n();
  return useQuery({
    queryKey: ['resident', 'categories', locale],
    queryFn: fetchPublicCategories,
    staleTime: 10 * 60_000,
  });
}
