import type { Deps } from '../../context.js';
import { isDelivered, nextAttemptAt, signatureOf } from './webhook-rules.js';
import * as repo from './webhooks.repository.js';

// The sending half of the outbox: picks pending deliveries whose time has come, posts them signed, and records each
// attempt (delivered on 2xx; otherwise the next try per RETRY_DELAYS_MINUTES, then failed). It only ever sees
// committed rows, so nothing is sent for a case write that rolled back.

const BATCH = 50;
const PARALLEL = 4;
/** A claimed delivery is invisible to other workers this long (well above the request timeout). */
const LEASE_MS = 2 * 60_000;
const TIMEOUT_MS = 10_000;
const ERROR_MAX = 500;
const USER_AGENT = 'OneGrid-Webhooks/1';

export interface DeliverOptions {
  /** Injected in tests; the global fetch otherwise. */
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  limit?: number;
}

export interface DeliverResult {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

const clip = (s: string) => (s.length > ERROR_MAX ? `${s.slice(0, ERROR_MAX - 1)}…` : s);

function errorText(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timeout / 超时';
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? err.message;
  }
  return String(err);
}

/** One attempt at one claimed delivery; returns its outcome. */
async function attempt(
  deps: Deps,
  id: number,
  opts: DeliverOptions,
): Promise<'delivered' | 'retrying' | 'failed'> {
  const d = await repo.deliveryToSend(deps.db, id);
  if (!d) return 'failed';
  const attempts = d.attempts + 1;
  let status: number | null = null;
  let error: string | null = null;
  if (d.active !== 1) {
    error = 'endpoint inactive / 接收端已停用';
  } else {
    const timestamp = String(Math.floor(deps.clock.now().getTime() / 1000));
    try {
      const secret = deps.crypto.decrypt(d.secret_enc);
      const res = await (opts.fetchImpl ?? fetch)(d.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(opts.timeoutMs ?? TIMEOUT_MS),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': USER_AGENT,
          'x-onegrid-event': d.event_type,
          'x-onegrid-delivery': d.uid,
          'x-onegrid-timestamp': timestamp,
          'x-onegrid-signature': signatureOf(secret, timestamp, d.payload),
        },
        body: d.payload,
      });
      status = res.status;
      const text = await res.text().catch(() => '');
      if (!isDelivered(res.status)) error = clip(`HTTP ${res.status}${text ? `: ${text}` : ''}`);
    } catch (err) {
      error = clip(errorText(err));
    }
  }
  const now = deps.clock.now();
  if (error === null) {
    await repo.recordAttempt(deps.db, id, {
      status: 'delivered',
      attempts,
      next_attempt_at: null,
      last_attempt_at: now.toISOString(),
      response_status: status,
      last_error: null,
      delivered_at: now.toISOString(),
    });
    return 'delivered';
  }
  const next = d.active === 1 ? nextAttemptAt(attempts, now) : null;
  await repo.recordAttempt(deps.db, id, {
    status: next ? 'pending' : 'failed',
    attempts,
    next_attempt_at: next ? next.toISOString() : null,
    last_attempt_at: now.toISOString(),
    response_status: status,
    last_error: error,
    delivered_at: null,
  });
  return next ? 'retrying' : 'failed';
}

/** Sends every delivery due now (up to `limit`), a few at a time. Tests call it directly with a ManualClock. */
export async function deliverDue(deps: Deps, opts: DeliverOptions = {}): Promise<DeliverResult> {
  const result: DeliverResult = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  const now = deps.clock.now();
  const due = await repo.dueDeliveries(deps.db, now.toISOString(), opts.limit ?? BATCH);
  const lease = new Date(now.getTime() + LEASE_MS).toISOString();
  const mine: number[] = [];
  for (const d of due) {
    if (d.next_attempt_at && (await repo.claimDelivery(deps.db, d.id, d.next_attempt_at, lease)))
      mine.push(d.id);
  }
  let next = 0;
  const lane = async () => {
    while (next < mine.length) {
      const id = mine[next++];
      const outcome = await attempt(deps, id, opts);
      result.attempted++;
      result[outcome]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, mine.length) }, lane));
  return result;
}

// ---------------------------------------------------------------------------------------------
// the background loop (started when the server listens; never in route tests, which call deliverDue)

export interface WebhookWorker {
  kick(): void;
  stop(): Promise<void>;
}

const workers = new WeakMap<Deps, WebhookWorker>();

/** Nudges the running worker (if any) to look soon, e.g. right after an event was enqueued. */
export function kickWebhookWorker(deps: Deps) {
  workers.get(deps)?.kick();
}

/**
 * Polls every `intervalMs` and shortly after each kick. A kick fired inside a transaction may run before the commit
 * (PostgreSQL) and find nothing; the delivery then goes out on the next poll.
 */
export function startWebhookWorker(
  deps: Deps,
  log: { error(obj: unknown, msg: string): void },
  intervalMs = 10_000,
): WebhookWorker {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let kickTimer: NodeJS.Timeout | null = null;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          const r = await deliverDue(deps);
          if (r.attempted >= BATCH) again = true;
        } while (again && !stopped);
      } catch (err) {
        log.error({ err }, 'webhook delivery run failed');
      } finally {
        running = null;
      }
    })();
  };
  const interval = setInterval(run, intervalMs);
  interval.unref();
  const worker: WebhookWorker = {
    kick() {
      if (stopped || kickTimer) return;
      kickTimer = setTimeout(() => {
        kickTimer = null;
        run();
      }, 200);
      kickTimer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(interval);
      if (kickTimer) clearTimeout(kickTimer);
      await running;
      workers.delete(deps);
    },
  };
  workers.set(deps, worker);
  return worker;
}
