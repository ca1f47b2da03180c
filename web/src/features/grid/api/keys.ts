export const gridKeys = {
  all: ['grid'] as const,
  roots: () => ['grid', 'roots'] as const,
  children: (id: number, includeRetired: boolean) => ['grid', 'children', id, includeRetired] as const,
  node: (id: number) => ['grid', 'node', id] as const,
  search: (q: string) => ['grid', 'search', q] as const,
};
