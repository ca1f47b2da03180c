import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LocalizedText } from '../../../../../common/i18n';
import { apiPatch, apiPost } from '../../../lib/api';
import { registryKeys } from './keys';
import type { Tag, TagAppliesTo, TagSensitivity } from './types';

export interface TagInput {
  code?: string;
  name: LocalizedText;
  symbol: string;
  color: string;
  appliesTo?: TagAppliesTo;
  sensitivity: TagSensitivity;
  visibleRoles: string[];
  riskLevels: string[];
  active: boolean;
}

export function createTag(input: TagInput): Promise<Tag> {
  return apiPost<Tag>('/api/registry/tags', input);
}

export function updateTag(id: number, input: Partial<TagInput>): Promise<Tag> {
  return apiPatch<Tag>(`/api/registry/tags/${id}`, input);
}

/** POST /tags or PATCH /tags/:id (settings.write); every screen showing symbols refetches after. */
export function useSaveTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number | null; input: TagInput }) =>
      id === null ? createTag(input) : updateTag(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKeys.all }),
  });
}
