import { randomBytes, randomUUID } from 'node:crypto';
import type { LocalizedText } from '../../../common/i18n.js';
import type { CallContext, Deps } from '../../context.js';
import type { Tx } from '../../db/create-db.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { requireGlobal } from '../../plugins/auth.js';
import { appendAudit } from '../audit/audit.service.js';
import type { CaseEventNotice } from '../cases/case-events.js';
import {
  checkEndpointUrl,
  eventTypeOf,
  PING_EVENT,
  subscribes,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
  type WebhookBody,
  webhookBody,
} from './webhook-rules.js';
import {
  type DeliveryView,
  type EndpointView,
  presentDelivery,
  presentEndpoint,
} from './webhooks.presenter.js';
import * as repo from './webhooks.repository.js';
import { kickWebhookWorker } from './webhooks.worker.js';

// Outgoing webhooks (docs/notifications-webhooks.md): administrators (settings.write) register endpoints; every case
// event enqueues one delivery per subscribed endpoint inside the event's own transaction (an outbox), and the worker
// sends them after commit, signed, with retries.

const iso = (d: Date) => d.toISOString();
const parseEvents = (raw: string): string[] => {
  try {
    const v = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

// ---------------------------------------------------------------------------------------------
// endpoint cache: the active endpoint list is read on every case event, so it is kept per database for a few
// seconds and dropped at once when this process changes an endpoint.

const CACHE_MS = 5_000;
const endpointCache = new WeakMap<object, { at: number; rows: Array<{ id: number; events: string[] }> }>();

async function subscribedEndpoints(deps: Deps, tx: Tx, type: string): Promise<number[]> {
  const now = Date.now();
  let hit = endpointCache.get(deps.handle);
  if (!hit || now - hit.at > CACHE_MS) {
    const rows = await repo.activeEndpoints(tx);
    hit = { at: now, rows: rows.map((r) => ({ id: r.id, events: parseEvents(r.events) })) };
    endpointCache.set(deps.handle, hit);
  }
  return hit.rows.filter((r) => subscribes(r.events, type)).map((r) => r.id);
}

function dropCache(deps: Deps) {
  endpointCache.delete(deps.handle);
}

// ---------------------------------------------------------------------------------------------
// the outbox

/**
 * Enqueues one delivery per active endpoint subscribed to this event, inside the caller's transaction: if the case
 * write rolls back, so do the deliveries, and nothing is ever sent for it. The body carries no personal data.
 */
export async function enqueueCaseEvent(deps: Deps, tx: Tx, ev: CaseEventNotice): Promise<number> {
  const type = eventTypeOf(ev.action);
  const endpointIds = await subscribedEndpoints(deps, tx, type);
  if (!endpointIds.length) return 0;
  const facts = await repo.caseFacts(tx, ev.caseId);
  if (!facts) return 0;
  const actorRole = await repo.eventActorRole(tx, ev.eventId);
  const eventId = randomUUID();
  const body: WebhookBody = {
    id: eventId,
    type,
    occurredAt: ev.at,
    case: {
      id: facts.id,
      number: facts.number,
      state: facts.state,
      previousState: ev.fromState,
      categoryCode: facts.category_code,
      nodeId: facts.node_id,
      nodeCode: facts.node_code,
      source: facts.source,
      urgency: facts.urgency,
      supervised: facts.supervised === 1,
      reopenCount: facts.reopen_count,
      externalId: facts.external_id,
      createdAt: facts.created_at,
      responseDueAt: facts.response_due_at,
      handlingDueAt: facts.handling_due_at,
      leadUnitCode: facts.lead_unit_code,
    },
    event: { id: ev.eventId, action: ev.action, actorRole },
  };
  const payload = webhookBody(body);
  const now = iso(deps.clock.now());
  await repo.insertDeliveries(
    tx,
    endpointIds.map((endpointId) => ({
      uid: randomUUID(),
      endpoint_id: endpointId,
      event_id: eventId,
      event_type: type,
      case_id: ev.caseId,
      payload,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      last_attempt_at: null,
      response_status: null,
      last_error: null,
      delivered_at: null,
      redelivery_of: null,
      created_at: now,
    })),
  );
  // After commit the worker finds them; before commit it cannot see them, and after a rollback they never existed.
  kickWebhookWorker(deps);
  return endpointIds.length;
}

// ---------------------------------------------------------------------------------------------
// administration (settings.write)

export interface EventTypeView {
  type: string;
  label: LocalizedText;
}

/** The event types an endpoint may subscribe to, with labels for the admin screen. */
export async function eventTypes(c: CallContext): Promise<EventTypeView[]> {
  await requireGlobal(c, 'settings.write');
  return WEBHOOK_EVENT_TYPES.map((type) => ({ type, label: WEBHOOK_EVENT_LABELS[type] }));
}

export async function listEndpoints(c: CallContext): Promise<EndpointView[]> {
  await requireGlobal(c, 'settings.write');
  const db = c.deps.db;
  const rows = await repo.listEndpoints(db);
  const [counts, last] = await Promise.all([
    repo.deliveryCounts(db),
    repo.lastDeliveries(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) =>
    presentEndpoint(
      r,
      counts.filter((x) => x.endpoint_id === r.id),
      last.find((x) => x.endpoint_id === r.id) ?? null,
    ),
  );
}

async function endpointView(c: CallContext, id: number): Promise<EndpointView> {
  const all = await listEndpoints(c);
  const found = all.find((e) => e.id === id);
  if (!found) throw new AppError('NOT_FOUND', 404);
  return found;
}

export interface EndpointInput {
  name: string;
  url: string;
  events: string[];
  active?: boolean;
}

function check(input: Partial<EndpointInput>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.name !== undefined && !input.name.trim())
    problems.push({
      field: 'name',
      code: 'required',
      message: { zh: '请填写名称', en: 'name is required' },
    });
  if (input.url !== undefined) {
    const bad = checkEndpointUrl(input.url.trim());
    if (bad)
      problems.push({
        field: 'url',
        code: 'format',
        message: { zh: `接收地址${bad.zh}`, en: `url ${bad.en}` },
      });
  }
  if (input.events !== undefined) {
    if (!input.events.length)
      problems.push({
        field: 'events',
        code: 'required',
        message: { zh: '至少订阅一种事件', en: 'subscribe to at least one event' },
      });
    const unknown = input.events.filter((e) => !WEBHOOK_EVENT_TYPES.includes(e));
    if (unknown.length)
      problems.push({
        field: 'events',
        code: 'enum',
        message: {
          zh: `未知的事件类型：${unknown.join('、')}`,
          en: `unknown event types: ${unknown.join(', ')}`,
        },
      });
  }
  return problems;
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/** Registers an endpoint; the signing secret is returned this once and stored encrypted. */
export async function createEndpoint(
  c: CallContext,
  input: EndpointInput,
): Promise<{ endpoint: EndpointView; secret: string }> {
  await requireGlobal(c, 'settings.write');
  const problems = check(input);
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
  const now = c.deps.clock.now();
  const secret = newSecret();
  const events = [...new Set(input.events)];
  const id = await c.deps.db.transaction().execute(async (tx) => {
    const newId = await repo.insertEndpoint(tx, {
      name: input.name.trim(),
      url: input.url.trim(),
      secret_enc: c.deps.crypto.encrypt(secret),
      events: JSON.stringify(events),
      active: input.active === false ? 0 : 1,
      created_by: c.actor.userId,
      created_at: iso(now),
      updated_at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'webhook.create',
        entityType: 'webhook_endpoint',
        entityId: newId,
        after: { name: input.name.trim(), url: input.url.trim(), events, active: input.active !== false },
      },
      now,
    );
    return newId;
  });
  dropCache(c.deps);
  return { endpoint: await endpointView(c, id), secret };
}

async function loadEndpoint(tx: Tx, id: number) {
  const row = await repo.findEndpoint(tx, id);
  if (!row) throw new AppError('NOT_FOUND', 404);
  return row;
}

const auditShape = (r: { name: string; url: string; events: string; active: number }) => ({
  name: r.name,
  url: r.url,
  events: parseEvents(r.events),
  active: r.active === 1,
});

/** Edits name, URL, event filter or the active switch; the secret stays (rotate it separately). */
export async function updateEndpoint(
  c: CallContext,
  id: number,
  patch: Partial<EndpointInput>,
): Promise<EndpointView> {
  await requireGlobal(c, 'settings.write');
  const problems = check(patch);
  if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems);
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    const row = await loadEndpoint(tx, id);
    await repo.updateEndpoint(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.url !== undefined ? { url: patch.url.trim() } : {}),
      ...(patch.events !== undefined ? { events: JSON.stringify([...new Set(patch.events)]) } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      updated_at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'webhook.update',
        entityType: 'webhook_endpoint',
        entityId: id,
        before: auditShape(row),
        after: patch,
      },
      now,
    );
  });
  dropCache(c.deps);
  return endpointView(c, id);
}

/** A new secret, shown once; the old one stops working at once. */
export async function rotateSecret(c: CallContext, id: number): Promise<{ secret: string }> {
  await requireGlobal(c, 'settings.write');
  const now = c.deps.clock.now();
  const secret = newSecret();
  await c.deps.db.transaction().execute(async (tx) => {
    await loadEndpoint(tx, id);
    await repo.updateEndpoint(tx, id, { secret_enc: c.deps.crypto.encrypt(secret), updated_at: iso(now) });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'webhook.rotate_secret', entityType: 'webhook_endpoint', entityId: id },
      now,
    );
  });
  return { secret };
}

/** Removes an endpoint and its delivery log. */
export async function deleteEndpoint(c: CallContext, id: number): Promise<void> {
  await requireGlobal(c, 'settings.write');
  const now = c.deps.clock.now();
  await c.deps.db.transaction().execute(async (tx) => {
    const row = await loadEndpoint(tx, id);
    await repo.deleteEndpoint(tx, id);
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'webhook.delete', entityType: 'webhook_endpoint', entityId: id, before: auditShape(row) },
      now,
    );
  });
  dropCache(c.deps);
}

/** Queues a `ping` to one endpoint (active or not), so an administrator can check the receiver and its signature check. */
export async function ping(c: CallContext, id: number): Promise<DeliveryView> {
  await requireGlobal(c, 'settings.write');
  const now = c.deps.clock.now();
  const deliveryId = await c.deps.db.transaction().execute(async (tx) => {
    await loadEndpoint(tx, id);
    const eventId = randomUUID();
    const newId = await repo.insertDelivery(tx, {
      uid: randomUUID(),
      endpoint_id: id,
      event_id: eventId,
      event_type: PING_EVENT,
      case_id: null,
      payload: JSON.stringify({ id: eventId, type: PING_EVENT, occurredAt: iso(now) }),
      status: 'pending',
      attempts: 0,
      next_attempt_at: iso(now),
      last_attempt_at: null,
      response_status: null,
      last_error: null,
      delivered_at: null,
      redelivery_of: null,
      created_at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      { action: 'webhook.ping', entityType: 'webhook_endpoint', entityId: id, after: { deliveryId: newId } },
      now,
    );
    return newId;
  });
  kickWebhookWorker(c.deps);
  return presentDelivery((await repo.findDelivery(c.deps.db, deliveryId))!);
}

export interface DeliveryPage {
  items: DeliveryView[];
  total: number;
  page: number;
  pageSize: number;
}

/** One endpoint's delivery log, newest first: status, attempts, last response, last error. */
export async function listDeliveries(
  c: CallContext,
  endpointId: number,
  q: { status?: string; page: number; pageSize: number },
): Promise<DeliveryPage> {
  await requireGlobal(c, 'settings.write');
  if (!(await repo.findEndpoint(c.deps.db, endpointId))) throw new AppError('NOT_FOUND', 404);
  const { rows, total } = await repo.listDeliveries(
    c.deps.db,
    endpointId,
    q.status,
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: rows.map(presentDelivery), total, page: q.page, pageSize: q.pageSize };
}

/** A fresh delivery of the same body (same event id, new delivery id), sent at once; the old row stays in the log. */
export async function redeliver(c: CallContext, deliveryId: number): Promise<DeliveryView> {
  await requireGlobal(c, 'settings.write');
  const now = c.deps.clock.now();
  const newId = await c.deps.db.transaction().execute(async (tx) => {
    const old = await repo.findDelivery(tx, deliveryId);
    if (!old) throw new AppError('NOT_FOUND', 404);
    const id = await repo.insertDelivery(tx, {
      uid: randomUUID(),
      endpoint_id: old.endpoint_id,
      event_id: old.event_id,
      event_type: old.event_type,
      case_id: old.case_id,
      payload: old.payload,
      status: 'pending',
      attempts: 0,
      next_attempt_at: iso(now),
      last_attempt_at: null,
      response_status: null,
      last_error: null,
      delivered_at: null,
      redelivery_of: old.id,
      created_at: iso(now),
    });
    await appendAudit(
      tx,
      c.deps.kind,
      c.audit,
      {
        action: 'webhook.redeliver',
        entityType: 'webhook_delivery',
        entityId: deliveryId,
        after: { deliveryId: id, endpointId: old.endpoint_id, eventType: old.event_type },
      },
      now,
    );
    return id;
  });
  kickWebhookWorker(c.deps);
  return presentDelivery((await repo.findDelivery(c.deps.db, newId))!);
}
