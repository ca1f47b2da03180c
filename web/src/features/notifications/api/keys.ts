export const notificationKeys = {
  all: ['notifications'] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
  list: (unreadOnly: boolean, page: number, pageSize: number) =>
    ['notifications', 'list', unreadOnly, page, pageSize] as const,
};

export const webhookKeys = {
  all: ['webhooks'] as const,
  endpoints: ['webhooks', 'endpoints'] as const,
  events: ['webhooks', 'events'] as const,
  deliveries: (endpointId: number, status: string | null, page: number) =>
    ['webhooks', 'deliveries', endpointId, status, page] as const,
};
