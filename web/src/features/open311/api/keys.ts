export const open311Keys = {
  all: ['open311'] as const,
  keys: ['open311', 'keys'] as const,
};
