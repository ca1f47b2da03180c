import type { FastifyInstance } from 'fastify';
import { registerCaseEventListener } from '../cases/case-events.js';
import { notificationsRoutes } from './notifications.routes.js';
import { notifyCaseEvent, scanDeadlines } from './notifications.service.js';

/** How often the server looks for cases turning yellow or red. */
export const DEADLINE_SCAN_MS = 5 * 60_000;

// The listener list of the cases module is process-wide and every app (one per test) passes its own deps, so the
// listener is registered once per process.
let listening = false;
function listenToCases() {
  if (listening) return;
  listening = true;
  registerCaseEventListener(async (deps, tx, event) => {
    await notifyCaseEvent(deps, tx, event);
  });
}

/**
 * Wires notifications into the app: the routes under /api/notifications, the case-event listener, and — only once the
 * server listens, so route tests drive it by hand with a ManualClock — the periodic deadline scan.
 */
export async function setupNotifications(app: FastifyInstance) {
  listenToCases();
  await app.register(notificationsRoutes, { prefix: '/api/notifications' });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const scan = () => {
    if (running) return;
    running = scanDeadlines(app.deps)
      .catch((err) => app.log.error({ err }, 'deadline scan failed'))
      .finally(() => {
        running = null;
      });
  };
  app.addHook('onListen', async () => {
    timer = setInterval(scan, DEADLINE_SCAN_MS);
    timer.unref();
    setTimeout(scan, 5_000).unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await running;
  });
}
