import type { QueryValue } from '../../../lib/api';

type Filters = Record<string, QueryValue>;

export const registryKeys = {
  all: ['registry'] as const,
  tags: () => ['registry', 'tags'] as const,
  buildings: (filters: Filters) => ['registry', 'buildings', filters] as const,
  households: () => ['registry', 'households'] as const,
  householdList: (filters: Filters) => ['registry', 'households', 'list', filters] as const,
  household: (id: number) => ['registry', 'households', 'card', id] as const,
  residents: () => ['registry', 'residents'] as const,
  residentList: (filters: Filters) => ['registry', 'residents', 'list', filters] as const,
  resident: (id: number) => ['registry', 'residents', 'detail', id] as const,
};
