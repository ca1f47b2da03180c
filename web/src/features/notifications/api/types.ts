export type NotificationKind =
  | 'new_task'
  | 'returned'
  | 'supervised'
  | 'rated'
  | 'deadline_yellow'
  | 'deadline_red';

export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  caseId: number | null;
  caseNumber: string | null;
  caseTitle: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationItem[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookEndpoint {
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

export interface WebhookEndpointInput {
  name: string;
  url: string;
  events: string[];
  active?: boolean;
}

export interface WebhookEventType {
  type: string;
  label: { zh: string; en: string };
}

export interface WebhookDelivery {
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

export interface DeliveryPage {
  items: WebhookDelivery[];
  total: number;
  page: number;
  pageSize: number;
}
