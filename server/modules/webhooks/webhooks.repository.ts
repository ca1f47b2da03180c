import type { Db, Tx } from '../../db/create-db.js';
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from '../../db/schema.js';

type Q = Db | Tx;

// Queries of the webhooks module. Only webhooks.service and the worker call these.

export const listEndpoints = (db: Q) =>
  db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();

export const findEndpoint = (db: Q, id: number) =>
  db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();

/** Active endpoints; the caller filters by event type (a handful of rows, parsed once per event). */
export const activeEndpoints = (db: Q) =>
  db.selectFrom('webhook_endpoints').select(['id', 'events']).where('active', '=', 1).execute();

export async function insertEndpoint(db: Q, row: Omit<WebhookEndpointsTable, 'id'>): Promise<number> {
  const r = await db.insertInto('webhook_endpoints').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateEndpoint(db: Q, id: number, patch: Partial<Omit<WebhookEndpointsTable, 'id'>>) {
  await db.updateTable('webhook_endpoints').set(patch).where('id', '=', id).execute();
}

export async function deleteEndpoint(db: Q, id: number) {
  await db.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
  await db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
}

export async function insertDeliveries(db: Q, rows: Array<Omit<WebhookDeliveriesTable, 'id'>>) {
  if (rows.length) await db.insertInto('webhook_deliveries').values(rows).execute();
}

export async function insertDelivery(db: Q, row: Omit<WebhookDeliveriesTable, 'id'>): Promise<number> {
  const r = await db.insertInto('webhook_deliveries').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Per-endpoint counts by status, for the list screen. */
export const deliveryCounts = (db: Q) =>
  db
    .selectFrom('webhook_deliveries')
    .select(['endpoint_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['endpoint_id', 'status'])
    .execute();

/** The newest delivery of each endpoint (its last outcome). */
export const lastDeliveries = (db: Q, endpointIds: number[]) =>
  endpointIds.length
    ? db
        .selectFrom('webhook_deliveries as d')
        .select(['d.endpoint_id', 'd.status', 'd.last_attempt_at', 'd.response_status', 'd.created_at'])
        .where(
          'd.id',
          'in',
          db
            .selectFrom('webhook_deliveries')
            .select((eb) => eb.fn.max('id').as('id'))
            .where('endpoint_id', 'in', endpointIds)
            .groupBy('endpoint_id'),
        )
        .execute()
    : Promise.resolve([]);

export async function listDeliveries(
  db: Q,
  endpointId: number,
  status: string | undefined,
  limit: number,
  offset: number,
) {
  let q = db.selectFrom('webhook_deliveries').where('endpoint_id', '=', endpointId);
  if (status) q = q.where('status', '=', status);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('endpoint_id', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export const findDelivery = (db: Q, id: number) =>
  db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();

/** Pending deliveries whose time has come, oldest first (webhook_deliveries_due_idx). */
export const dueDeliveries = (db: Q, nowIso: string, limit: number) =>
  db
    .selectFrom('webhook_deliveries')
    .select(['id', 'next_attempt_at'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', nowIso)
    .orderBy('status')
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();

/**
 * Takes a delivery for one attempt: moves its next attempt past the lease so no other worker picks it up meanwhile.
 * True when this caller won it.
 */
export async function claimDelivery(db: Q, id: number, seenNextAt: string, leaseUntil: string) {
  const r = await db
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '=', seenNextAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The endpoint and the body of one claimed delivery. */
export const deliveryToSend = (db: Q, id: number) =>
  db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select(['d.id', 'd.uid', 'd.event_type', 'd.payload', 'd.attempts', 'e.url', 'e.secret_enc', 'e.active'])
    .where('d.id', '=', id)
    .executeTakeFirst();

export async function recordAttempt(
  db: Q,
  id: number,
  patch: Pick<
    WebhookDeliveriesTable,
    | 'status'
    | 'attempts'
    | 'next_attempt_at'
    | 'last_attempt_at'
    | 'response_status'
    | 'last_error'
    | 'delivered_at'
  >,
) {
  await db.updateTable('webhook_deliveries').set(patch).where('id', '=', id).execute();
}

/**
 * The shareable facts of one case, read in the event's transaction (after its update): codes, states and times only.
 * A read-only look at the case tables, like a metrics module (docs/architecture.md).
 */
export const caseFacts = (db: Q, caseId: number) =>
  db
    .selectFrom('cases as c')
    .innerJoin('case_categories as cat', 'cat.id', 'c.category_id')
    .innerJoin('grid_nodes as n', 'n.id', 'c.node_id')
    .leftJoin('units as u', 'u.id', 'c.lead_unit_id')
    .select([
      'c.id',
      'c.number',
      'c.state',
      'c.node_id',
      'c.source',
      'c.urgency',
      'c.supervised',
      'c.reopen_count',
      'c.external_id',
      'c.created_at',
      'c.response_due_at',
      'c.handling_due_at',
      'cat.code as category_code',
      'n.code as node_code',
      'u.code as lead_unit_code',
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirst();

/** The role the actor acted in (a role code, never a name). */
export async function eventActorRole(db: Q, eventId: number): Promise<string | null> {
  const r = await db
    .selectFrom('case_events')
    .select('actor_role')
    .where('id', '=', eventId)
    .executeTakeFirst();
  return r?.actor_role ?? null;
}
