import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js';
import { auditRows, makeCity, makeUser, TEST_PASSWORD } from '../../../test/factories.js';
import { verifySignature } from '../webhook-rules.js';
import type { DeliveryView, EndpointView } from '../webhooks.presenter.js';
import { deliverDue } from '../webhooks.worker.js';
import { Receiver } from './receiver.js';

interface ErrorBody {
  error: { code: string; details?: Array<{ field: string; code: string; message: string }> };
}

let t: TestApp;
let admin: Client;
let receiver: Receiver;

beforeEach(async () => {
  t = await buildTestApp();
  const city = await makeCity(t.deps);
  await makeUser(t.deps, 'admin1', [{ role: 'admin', node: city.city }]);
  admin = await login(t.app, 'admin1', TEST_PASSWORD);
  receiver = await new Receiver().start();
});
afterEach(async () => {
  await receiver.stop();
  await t.close();
});

const endpointRows = () => t.deps.db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();
const deliveryRows = () => t.deps.db.selectFrom('webhook_deliveries').selectAll().orderBy('id').execute();

async function register(events = ['case.created', 'case.dispatch']) {
  const res = await admin.post('/api/webhooks', { name: '区指挥中心', url: receiver.url, events });
  expect(res.statusCode).toBe(201);
  return res.json() as { endpoint: EndpointView; secret: string };
}

describe('webhook endpoints (admin)', () => {
  it('when an admin registers an endpoint, then the secret is shown once, stored encrypted, and audited', async () => {
    const { endpoint, secret } = await register();
    expect(secret).toMatch(/^whsec_[\w-]{32}$/);
    expect(endpoint).toMatchObject({
      name: '区指挥中心',
      url: receiver.url,
      events: ['case.created', 'case.dispatch'],
      active: true,
      counts: { pending: 0, delivered: 0, failed: 0 },
      lastDelivery: null,
    });
    const [row] = await endpointRows();
    expect(row.secret_enc).not.toContain(secret);
    expect(t.deps.crypto.decrypt(row.secret_enc)).toBe(secret);
    const list = await admin.get('/api/webhooks');
    expect(JSON.stringify(list.json())).not.toContain(secret);
    const [audit] = await auditRows(t.deps, 'webhook.create');
    expect(audit.entity_id).toBe(String(endpoint.id));
    expect(audit.after_json).not.toContain(secret);
  });

  it('when the URL is not http(s), has credentials, or the events are unknown or empty, then 400 listing each and nothing written', async () => {
    const res = await admin.post('/api/webhooks', {
      name: 'x',
      url: 'ftp://example.cn/hook',
      events: ['case.created', 'case.explode'],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details?.map((d) => d.field).sort()).toEqual(['events', 'url']);
    expect(body.error.details?.find((d) => d.field === 'url')?.message).toMatch(/http/);
    const cred = await admin.post(
      '/api/webhooks',
      { name: 'x', url: 'https://a:b@example.cn/', events: [] },
      {
        'accept-language': 'en',
      },
    );
    expect(cred.statusCode).toBe(400);
    expect((cred.json() as ErrorBody).error.details?.map((d) => d.message)).toEqual([
      'url must not carry a user name or password',
      'subscribe to at least one event',
    ]);
    expect(await endpointRows()).toHaveLength(0);
    expect(await auditRows(t.deps, 'webhook.create')).toHaveLength(0);
  });

  it('when someone without settings.write calls any webhook route, then 403 with an audit entry and nothing written', async () => {
    const city = await t.deps.db
      .selectFrom('grid_nodes')
      .select(['id', 'path', 'code', 'name'])
      .where('level', '=', 'community')
      .executeTakeFirstOrThrow();
    await makeUser(t.deps, 'staff1', [{ role: 'community_staff', node: city }]);
    const staff = await login(t.app, 'staff1', TEST_PASSWORD);
    expect((await staff.get('/api/webhooks')).statusCode).toBe(403);
    expect(
      (await staff.post('/api/webhooks', { name: 'x', url: receiver.url, events: ['case.created'] }))
        .statusCode,
    ).toBe(403);
    expect(await endpointRows()).toHaveLength(0);
    const denied = await auditRows(t.deps, 'access.denied');
    expect(denied.length).toBeGreaterThanOrEqual(2);
    expect(denied.every((d) => d.actor_name === 'staff1')).toBe(true);
  });

  it('when an admin edits, deactivates, rotates the secret and deletes, then each is stored and audited', async () => {
    const { endpoint, secret } = await register();
    const patched = await admin.patch(`/api/webhooks/${endpoint.id}`, {
      events: ['case.rate'],
      active: false,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ events: ['case.rate'], active: false });
    const rotated = await admin.post(`/api/webhooks/${endpoint.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    const { secret: second } = rotated.json() as { secret: string };
    expect(second).not.toBe(secret);
    expect(t.deps.crypto.decrypt((await endpointRows())[0].secret_enc)).toBe(second);
    const del = await admin.del(`/api/webhooks/${endpoint.id}`);
    expect(del.statusCode).toBe(204);
    expect(await endpointRows()).toHaveLength(0);
    for (const action of ['webhook.update', 'webhook.rotate_secret', 'webhook.delete'])
      expect(await auditRows(t.deps, action)).toHaveLength(1);
    expect((await admin.patch(`/api/webhooks/${endpoint.id}`, { active: true })).statusCode).toBe(404);
  });
});

describe('webhook deliveries', () => {
  it('when a ping is sent, then the receiver gets a POST whose signature verifies with the secret', async () => {
    const { endpoint, secret } = await register();
    const queued = await admin.post(`/api/webhooks/${endpoint.id}/ping`);
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toMatchObject({ status: 'pending', attempts: 0, eventType: 'ping' });
    const r = await deliverDue(t.deps);
    expect(r).toMatchObject({ attempted: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(1);
    const { headers, body } = receiver.received[0];
    expect(headers['x-onegrid-event']).toBe('ping');
    expect(headers['x-onegrid-delivery']).toBe((queued.json() as DeliveryView).uid);
    const ts = headers['x-onegrid-timestamp'] as string;
    expect(Number(ts)).toBe(Math.floor(t.clock.now().getTime() / 1000));
    expect(verifySignature(secret, ts, body, headers['x-onegrid-signature'] as string, Number(ts))).toBe(
      true,
    );
    expect(
      verifySignature('whsec_wrong', ts, body, headers['x-onegrid-signature'] as string, Number(ts)),
    ).toBe(false);
    const [row] = await deliveryRows();
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, response_status: 200, last_error: null });
    expect(row.delivered_at).toBe(t.clock.now().toISOString());
    const log = await admin.get(`/api/webhooks/${endpoint.id}/deliveries`);
    expect(log.json()).toMatchObject({
      total: 1,
      items: [{ status: 'delivered', attempts: 1, responseStatus: 200 }],
    });
  });

  it('when the receiver keeps failing, then it is retried after 1, 5, 30, 120 and 720 minutes and then marked failed', async () => {
    const { endpoint } = await register();
    receiver.status = 500;
    await admin.post(`/api/webhooks/${endpoint.id}/ping`);
    expect((await deliverDue(t.deps)).retrying).toBe(1);
    const waits = [1, 5, 30, 120, 720];
    for (const [i, wait] of waits.entries()) {
      const [row] = await deliveryRows();
      expect(row.attempts).toBe(i + 1);
      expect(row.last_error).toBe('HTTP 500: receiver says 500');
      expect(row.response_status).toBe(500);
      const due = new Date(row.next_attempt_at!).getTime() - t.clock.now().getTime();
      expect(due).toBe(wait * 60_000);
      // Not a moment early …
      t.clock.advanceMinutes(wait - 1);
      expect((await deliverDue(t.deps)).attempted).toBe(0);
      // … and on time.
      t.clock.advanceMinutes(1);
      expect((await deliverDue(t.deps)).attempted).toBe(1);
    }
    expect(receiver.received).toHaveLength(6);
    const [row] = await deliveryRows();
    expect(row).toMatchObject({ status: 'failed', attempts: 6, next_attempt_at: null });
    t.clock.advanceMinutes(24 * 60);
    expect((await deliverDue(t.deps)).attempted).toBe(0);
    // The admin redelivers once the receiver is fixed (after a fresh login: a day has passed): a new row, same event.
    receiver.status = 204;
    admin = await login(t.app, 'admin1', TEST_PASSWORD);
    const again = await admin.post(`/api/webhooks/deliveries/${row.id}/redeliver`);
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ status: 'pending', redeliveryOf: row.id, eventId: row.event_id });
    expect((await deliverDue(t.deps)).delivered).toBe(1);
    const rows = await deliveryRows();
    expect(rows.map((r) => r.status)).toEqual(['failed', 'delivered']);
    expect(receiver.received[6].body).toBe(receiver.received[0].body);
    expect(receiver.received[6].headers['x-onegrid-delivery']).not.toBe(
      receiver.received[0].headers['x-onegrid-delivery'],
    );
    expect(await auditRows(t.deps, 'webhook.redeliver')).toHaveLength(1);
    const log = await admin.get(`/api/webhooks/${endpoint.id}/deliveries?status=failed`);
    expect(log.json()).toMatchObject({
      total: 1,
      items: [{ id: row.id, attempts: 6, lastError: 'HTTP 500: receiver says 500' }],
    });
  });

  it('when the receiver is unreachable, then the network error is logged and it is retried', async () => {
    const { endpoint } = await register();
    await receiver.stop();
    await admin.post(`/api/webhooks/${endpoint.id}/ping`);
    expect((await deliverDue(t.deps)).retrying).toBe(1);
    const [row] = await deliveryRows();
    expect(row.last_error).toMatch(/ECONNREFUSED/);
    expect(row.response_status).toBeNull();
    receiver = await new Receiver().start(); // for afterEach
  });

  it('when two workers run at once, then each delivery is sent once', async () => {
    const { endpoint } = await register();
    for (let i = 0; i < 5; i++) await admin.post(`/api/webhooks/${endpoint.id}/ping`);
    const [a, b] = await Promise.all([deliverDue(t.deps), deliverDue(t.deps)]);
    expect(a.attempted + b.attempted).toBe(5);
    expect(receiver.received).toHaveLength(5);
    expect(new Set(receiver.received.map((r) => r.headers['x-onegrid-delivery'])).size).toBe(5);
  });
});
