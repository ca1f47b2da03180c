import type { FastifyInstance } from 'fastify';
import { registerCaseEventListener } from '../cases/case-events.js';
import { webhooksRoutes } from './webhooks.routes.js';
import { enqueueCaseEvent } from './webhooks.service.js';
import { startWebhookWorker, type WebhookWorker } from './webhooks.worker.js';

// Process-wide listener list (see notifications.setup.ts): registered once.
let listening = false;
function listenToCases() {
  if (listening) return;
  listening = true;
  registerCaseEventListener(async (deps, tx, event) => {
    await enqueueCaseEvent(deps, tx, event);
  });
}

/**
 * Wires webhooks into the app: the admin routes under /api/webhooks, the case-event listener (the outbox), and — only
 * once the server listens, so route tests call deliverDue themselves — the delivery worker.
 */
export async function setupWebhooks(app: FastifyInstance) {
  listenToCases();
  await app.register(webhooksRoutes, { prefix: '/api/webhooks' });
  let worker: WebhookWorker | null = null;
  app.addHook('onListen', async () => {
    worker = startWebhookWorker(app.deps, app.log);
    worker.kick();
  });
  app.addHook('onClose', async () => {
    await worker?.stop();
  });
}
