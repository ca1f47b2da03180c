export const visitKeys = {
  all: ['visits'] as const,
  today: (nodeId: number | null) => ['visits', 'today', nodeId] as const,
  household: (householdId: number, page: number) => ['visits', 'household', householdId, page] as const,
  coverage: (nodeId: number | null, period: string) => ['visits', 'coverage', nodeId, period] as const,
};
