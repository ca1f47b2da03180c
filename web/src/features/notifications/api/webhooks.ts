import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPatch, apiPost } from '../../../lib/api';
import { webhookKeys } from './keys';
import type {
  DeliveryPage,
  DeliveryStatus,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEventType,
} from './types';

// Admin calls of the webhook settings (settings.write); one screen uses them all.

export function useWebhookEndpoints() {
  return useQuery({
    queryKey: webhookKeys.endpoints,
    queryFn: () => apiGet<{ items: WebhookEndpoint[] }>('/api/webhooks').then((r) => r.items),
  });
}

export function useWebhookEventTypes() {
  return useQuery({
    queryKey: webhookKeys.events,
    queryFn: () => apiGet<{ items: WebhookEventType[] }>('/api/webhooks/events').then((r) => r.items),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useWebhookDeliveries(endpointId: number | null, status: DeliveryStatus | null, page: number) {
  return useQuery({
    queryKey: webhookKeys.deliveries(endpointId ?? 0, status, page),
    queryFn: () =>
      apiGet<DeliveryPage>(`/api/webhooks/${endpointId}/deliveries`, {
        query: { status, page, pageSize: 10 },
      }),
    enabled: endpointId !== null,
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: webhookKeys.all });
}

export function useCreateWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: WebhookEndpointInput) =>
      apiPost<{ endpoint: WebhookEndpoint; secret: string }>('/api/webhooks', input),
    onSuccess: invalidate,
  });
}

export function useUpdateWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: Partial<WebhookEndpointInput> }) =>
      apiPatch<WebhookEndpoint>(`/api/webhooks/${id}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => apiDelete(`/api/webhooks/${id}`),
    onSuccess: invalidate,
  });
}

export function useRotateWebhookSecret() {
  return useMutation({
    mutationFn: (id: number) => apiPost<{ secret: string }>(`/api/webhooks/${id}/rotate-secret`),
  });
}

export function usePingWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: number) => apiPost<WebhookDelivery>(`/api/webhooks/${id}/ping`),
    onSuccess: invalidate,
  });
}

export function useRedeliver() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (deliveryId: number) =>
      apiPost<WebhookDelivery>(`/api/webhooks/deliveries/${deliveryId}/redeliver`),
    onSuccess: invalidate,
  });
}
