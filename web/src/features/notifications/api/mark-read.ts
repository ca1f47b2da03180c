import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../lib/api';
import { notificationKeys } from './keys';
import type { NotificationItem } from './types';

export function markRead(id: number): Promise<NotificationItem> {
  return apiPost<NotificationItem>(`/api/notifications/${id}/read`);
}

export function markAllRead(): Promise<{ updated: number }> {
  return apiPost<{ updated: number }>('/api/notifications/read-all');
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: markRead,
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: markAllRead,
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
