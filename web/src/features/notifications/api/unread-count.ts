import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api';
import { notificationKeys } from './keys';

export function fetchUnreadCount(): Promise<{ count: number }> {
  return apiGet<{ count: number }>('/api/notifications/unread-count');
}

/** The bell's badge: polled every 30 s and whenever the window regains focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unreadCount,
    queryFn: fetchUnreadCount,
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}
