import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { registryKeys } from './keys';
import type { ItemsResponse, Tag } from './types';

/** The tag dictionary as this user may see it: the server leaves out every tag they may not see. */
export async function fetchTags(): Promise<Tag[]> {
  const res = await apiGet<ItemsResponse<Tag>>('/api/registry/tags');
  return res.items;
}

export function useTags(enabled = true) {
  return useQuery({ queryKey: registryKeys.tags(), queryFn: fetchTags, enabled, staleTime: 5 * 60_000 });
}
