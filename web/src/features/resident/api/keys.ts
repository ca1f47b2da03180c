export const residentKeys = {
  all: ['resident'] as const,
  communities: () => ['resident', 'communities'] as const,
  categories: () => ['resident', 'categories'] as const,
  myAccount: () => ['resident', 'my-account'] as const,
  myCases: () => ['resident', 'my-cases'] as const,
  myCase: (id: number) => ['resident', 'my-case', id] as const,
  accounts: (status: string, page: number) => ['resident-accounts', status, page] as const,
  candidates: (id: number) => ['resident-accounts', 'candidates', id] as const,
};
