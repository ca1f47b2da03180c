import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { notificationKeys } from './keys';
import type { NotificationPage } from './types';

export function fetchNotifications(
  unreadOnly: boolean,
  page: number,
  pageSize: number,
): Promise<NotificationPage> {
  return apiGet<NotificationPage>('/api/notifications', {
    query: { unread: unreadOnly ? 1 : undefined, page, pageSize },
  });
}

/** The caller's notifications, unread first. */
export function useNotifications(unreadOnly: boolean, page: number, pageSize = 20, enabled = true) {
  return useQuery({
    queryKey: notificationKeys.list(unreadOnly, page, pageSize),
    queryFn: () => fetchNotifications(unreadOnly, page, pageSize),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    enabled,
  });
}
