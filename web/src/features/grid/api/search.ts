import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { gridKeys } from './keys';
import type { ItemsResponse, SearchHit } from './types';

export async function searchNodes(q: string, signal?: AbortSignal): Promise<SearchHit[]> {
  const res = await apiGet<ItemsResponse<SearchHit>>('/api/grid/search', { query: { q }, signal });
  return res.items;
}

/** Server-side search (name or code contains q, at most 50 hits): the tree itself is never loaded whole. */
export function useGridSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: gridKeys.search(term),
    queryFn: ({ signal }) => searchNodes(term, signal),
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
