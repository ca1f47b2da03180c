export const gridchartKeys = {
  all: ['gridchart'] as const,
  chart: (nodeId: number) => ['gridchart', 'chart', nodeId] as const,
  search: (nodeId: number, q: string) => ['gridchart', 'search', nodeId, q] as const,
};
