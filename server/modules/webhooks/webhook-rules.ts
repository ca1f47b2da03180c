import { createHmac, timingSafeEqual } from 'node:crypto';
import { CASE_ACTION_LABELS, CASE_ACTIONS, type CaseAction } from '../../../common/cases.js';
import type { LocalizedText } from '../../../common/i18n.js';

// PURE rules of outgoing webhooks (docs/notifications-webhooks.md): event names, the retry schedule, the signature
// and the body. No I/O here, so every rule is tested without a database or a network.

export const CREATED_EVENT = 'case.created';
export const PING_EVENT = 'ping';

/** Every event type an endpoint may subscribe to: case.created and case.<action> for each workflow action. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [
  CREATED_EVENT,
  ...CASE_ACTIONS.map((a) => `case.${a}`),
];

export const WEBHOOK_EVENT_LABELS: Readonly<Record<string, LocalizedText>> = {
  [CREATED_EVENT]: { zh: '新事件上报', en: 'Case created' },
  ...Object.fromEntries(CASE_ACTIONS.map((a) => [`case.${a}`, CASE_ACTION_LABELS[a]])),
};

/** The event type of a timeline event: `create` → case.created, any action → case.<action>. */
export function eventTypeOf(action: CaseAction | 'create'): string {
  return action === 'create' ? CREATED_EVENT : `case.${action}`;
}

/**
 * Waits after each failed attempt: 1 min, 5 min, 30 min, 2 h, 12 h. The first attempt goes out at once, so a
 * delivery is tried at most RETRY_DELAYS_MINUTES.length + 1 times before it is marked failed.
 */
export const RETRY_DELAYS_MINUTES: readonly number[] = [1, 5, 30, 120, 720];
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/** After `attempts` failed tries: when to try again, or null when the delivery has failed for good. */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  if (attempts < 1 || attempts >= MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + RETRY_DELAYS_MINUTES[attempts - 1] * 60_000);
}

/** A response status that counts as delivered. */
export const isDelivered = (status: number) => status >= 200 && status < 300;

export const SIGNATURE_PREFIX = 'sha256=';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` keyed with the endpoint's secret (its UTF-8 bytes). */
export function signatureOf(secret: string, timestamp: string, body: string): string {
  return SIGNATURE_PREFIX + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** What a receiver does (and what the docs show): constant-time compare and a freshness window. */
export function verifySignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const ts = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Fields of a case that may leave the system: codes, states and times, never people, words or places. */
export interface WebhookCaseFacts {
  id: number;
  number: string;
  state: string;
  previousState: string | null;
  categoryCode: string;
  nodeId: number;
  nodeCode: string;
  source: string;
  urgency: string;
  supervised: boolean;
  reopenCount: number;
  externalId: string | null;
  createdAt: string;
  responseDueAt: string | null;
  handlingDueAt: string | null;
  leadUnitCode: string | null;
}

export interface WebhookBody {
  id: string;
  type: string;
  occurredAt: string;
  case: WebhookCaseFacts;
  event: { id: number; action: string; actorRole: string | null };
}

/** The JSON body of one event, serialised once so every attempt signs and sends the same bytes. */
export function webhookBody(body: WebhookBody): string {
  return JSON.stringify(body);
}

/** Only http(s) URLs with a host, no credentials in them (they would show in the admin screen and logs). */
export function checkEndpointUrl(raw: string): LocalizedText | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { zh: '不是有效的网址', en: 'is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { zh: '只支持 http 或 https 地址', en: 'must be an http or https URL' };
  if (!url.hostname) return { zh: '缺少主机名', en: 'has no host' };
  if (url.username || url.password)
    return { zh: '网址中不能包含用户名或密码', en: 'must not carry a user name or password' };
  return null;
}

/** Whether an endpoint subscribed to this event type. */
export function subscribes(events: readonly string[], type: string): boolean {
  return events.includes(type);
}
