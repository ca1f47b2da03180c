import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { userKeys } from './keys';
import type { UserList, UserListQuery } from './types';

export function listUsers(query: UserListQuery, signal?: AbortSignal): Promise<UserList> {
  return apiGet<UserList>('/api/users', { query: { ...query }, signal });
}

export function useUsers(query: UserListQuery) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: ({ signal }) => listUsers(query, signal),
    placeholderData: keepPreviousData,
  });
}
