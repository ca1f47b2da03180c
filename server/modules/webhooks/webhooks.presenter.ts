import type { Selectable } from 'kysely';
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from '../../db/schema.js';

// Rows → API shapes of the webhooks admin screen. The secret never leaves after creation / rotation.

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface EndpointView {
  id: number;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  counts: Record<DeliveryStatus, number>;
  lastDelivery: { status: DeliveryStatus; at: string; responseStatus: number | null } | null;
}

export interface DeliveryView {
  id: number;
  uid: string;
  endpointId: number;
  eventId: string;
  eventType: string;
  caseId: number | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  responseStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  redeliveryOf: number | null;
  createdAt: string;
  payload: unknown;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

export function presentEndpoint(
  r: Selectable<WebhookEndpointsTable>,
  counts: Array<{ status: string; n: number | string }>,
  last: {
    status: string;
    last_attempt_at: string | null;
    created_at: string;
    response_status: number | null;
  } | null,
): EndpointView {
  const events = parseJson(r.events);
  const byStatus = (s: DeliveryStatus) => Number(counts.find((x) => x.status === s)?.n ?? 0);
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    events: Array.isArray(events) ? (events as string[]) : [],
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    counts: { pending: byStatus('pending'), delivered: byStatus('delivered'), failed: byStatus('failed') },
    lastDelivery: last
      ? {
          status: last.status as DeliveryStatus,
          at: last.last_attempt_at ?? last.created_at,
          responseStatus: last.response_status,
        }
      : null,
  };
}

export function presentDelivery(r: Selectable<WebhookDeliveriesTable>): DeliveryView {
  return {
    id: r.id,
    uid: r.uid,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    eventType: r.event_type,
    caseId: r.case_id,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    // A pending row under a worker's lease shows its lease end; close enough for a log.
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    lastAttemptAt: r.last_attempt_at,
    responseStatus: r.response_status,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    redeliveryOf: r.redelivery_of,
    createdAt: r.created_at,
    payload: parseJson(r.payload),
  };
}
