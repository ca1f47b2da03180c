import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.js';
import {
  actOn,
  body,
  type CaseWorld,
  clients,
  driveTo,
  leakInput,
  makeCaseWorld,
} from '../../../test/cases-factories.js';
import { TEST_DB_KIND } from '../../../test/dialects.js';
import { registerCaseEventListener } from '../../cases/case-events.js';
import { verifySignature, type WebhookBody } from '../webhook-rules.js';
import { deliverDue } from '../webhooks.worker.js';
import { Receiver } from './receiver.js';

// Case events through the outbox to a real HTTP receiver (docs/notifications-webhooks.md).

let t: TestApp;
let w: CaseWorld;
let as: ReturnType<typeof clients>;
let receiver: Receiver;

beforeEach(async () => {
  t = await buildTestApp();
  w = await makeCaseWorld(t);
  as = clients(t);
  receiver = await new Receiver().start();
});
afterEach(async () => {
  await receiver.stop();
  await t.close();
});

async function endpoint(events: string[], active = true) {
  const res = await (await as('admin')).post('/api/webhooks', {
    name: '区指挥中心',
    url: receiver.url,
    events,
    active,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { endpoint: { id: number }; secret: string };
}
const deliveries = () => t.deps.db.selectFrom('webhook_deliveries').selectAll().orderBy('id').execute();

describe(`webhooks for case events (${TEST_DB_KIND})`, () => {
  it('when a case is created, then one signed delivery reaches the receiver with codes and states but no personal data', async () => {
    const { secret } = await endpoint(['case.created', 'case.dispatch']);
    const c = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    // Enqueued with the case, not yet sent.
    const queued = await deliveries();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      event_type: 'case.created',
      case_id: c.id,
      status: 'pending',
      attempts: 0,
    });
    expect(receiver.received).toHaveLength(0);
    expect(await deliverDue(t.deps)).toMatchObject({ attempted: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(1);
    const { headers, body: raw } = receiver.received[0];
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(headers['x-onegrid-event']).toBe('case.created');
    expect(headers['x-onegrid-delivery']).toBe(queued[0].uid);
    const ts = headers['x-onegrid-timestamp'] as string;
    expect(verifySignature(secret, ts, raw, headers['x-onegrid-signature'] as string, Number(ts))).toBe(true);
    const payload = JSON.parse(raw) as WebhookBody;
    expect(payload).toMatchObject({
      type: 'case.created',
      occurredAt: t.clock.now().toISOString(),
      case: {
        id: c.id,
        number: c.number,
        state: 'collected',
        previousState: null,
        categoryCode: 'MS01',
        nodeId: w.city.micro11.id,
        nodeCode: w.city.micro11.code,
        source: 'resident',
        urgency: 'normal',
        supervised: false,
        leadUnitCode: null,
      },
      event: { action: 'create', actorRole: 'resident' },
    });
    expect(payload.id).toBe(queued[0].event_id);
    // No title, description, address, reporter name or phone, household or coordinates.
    for (const secretWord of [
      '漏水',
      '天花板',
      '王建国',
      '赵桂兰',
      'householdId',
      'reporter',
      'title',
      'description',
      'address',
      'lat',
    ])
      expect(raw).not.toContain(secretWord);
  });

  it('when later actions happen, then only the subscribed ones are enqueued, each carrying the new state', async () => {
    await endpoint(['case.created', 'case.dispatch']);
    const c = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    await driveTo(as, w, c.id, 'in_progress');
    const types = (await deliveries()).map((d) => d.event_type);
    expect(types).toEqual(['case.created', 'case.dispatch']);
    await deliverDue(t.deps);
    // Deliveries may arrive in any order (the after-commit nudge and the sweep send concurrently): pick by event.
    expect(receiver.received.map((r) => r.headers['x-onegrid-event']).sort()).toEqual([
      'case.created',
      'case.dispatch',
    ]);
    const sent = receiver.received.find((r) => r.headers['x-onegrid-event'] === 'case.dispatch')!;
    const dispatch = JSON.parse(sent.body) as WebhookBody;
    expect(dispatch.case).toMatchObject({
      state: 'dispatched',
      previousState: 'accepted',
      leadUnitCode: 'ZJJ',
    });
    expect(dispatch.event).toMatchObject({ action: 'dispatch', actorRole: 'community_staff' });
  });

  it('when two endpoints subscribe, then each gets its own delivery of the same event; an inactive one gets none', async () => {
    await endpoint(['case.created']);
    const second = await endpoint(['case.created', 'case.accept']);
    await endpoint(['case.created'], false);
    const c = body(await (await as('resident')).post('/api/cases', leakInput(w)));
    expect((await actOn(await as('grid1'), c.id, 'accept', { contacted: true })).statusCode).toBe(200);
    const rows = await deliveries();
    expect(rows.map((r) => r.event_type)).toEqual(['case.created', 'case.created', 'case.accept']);
    expect(rows[0].event_id).toBe(rows[1].event_id);
    expect(rows[0].uid).not.toBe(rows[1].uid);
    expect(rows[2].endpoint_id).toBe(second.endpoint.id);
  });

  it('when the case transaction rolls back, then no delivery row exists and nothing is ever sent', async () => {
    await endpoint(['case.created', 'case.accept']);
    const remove = registerCaseEventListener(() => {
      throw new Error('listener failure for the test');
    });
    try {
      const res = await (await as('resident')).post('/api/cases', leakInput(w));
      expect(res.statusCode).toBe(500);
    } finally {
      remove();
    }
    expect(await t.deps.db.selectFrom('cases').select('id').execute()).toHaveLength(0);
    expect(await deliveries()).toHaveLength(0);
    t.clock.advanceMinutes(60);
    expect((await deliverDue(t.deps)).attempted).toBe(0);
    expect(receiver.received).toHaveLength(0);
  });

  it('when a case event fails at the receiver, then the delivery is retried per schedule and finally delivered', async () => {
    await endpoint(['case.created']);
    receiver.status = 503;
    await (await as('resident')).post('/api/cases', leakInput(w));
    await deliverDue(t.deps);
    t.clock.advanceMinutes(1);
    await deliverDue(t.deps);
    receiver.status = 200;
    t.clock.advanceMinutes(5);
    expect((await deliverDue(t.deps)).delivered).toBe(1);
    const [row] = await deliveries();
    expect(row).toMatchObject({ status: 'delivered', attempts: 3, response_status: 200 });
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.headers['x-onegrid-delivery'])).size).toBe(1);
  });
});
