import type { CaseListFilters, DuplicateQuery } from './types';

export const caseKeys = {
  all: ['cases'] as const,
  meta: () => ['cases', 'meta'] as const,
  lists: () => ['cases', 'list'] as const,
  list: (filters: CaseListFilters) => ['cases', 'list', filters] as const,
  board: (nodeId: number | null) => ['cases', 'board', nodeId] as const,
  overdue: (page: number, pageSize: number) => ['cases', 'overdue', page, pageSize] as const,
  duplicates: (query: DuplicateQuery) => ['cases', 'duplicates', query] as const,
  detail: (id: number) => ['cases', 'detail', id] as const,
  print: (id: number) => ['cases', 'print', id] as const,
};
