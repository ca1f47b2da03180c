import { RATING_WINDOW_DAYS } from '../../../common/cases.js';
import type { Deps } from '../../context.js';
import * as repo from './cases.repository.js';
import { autoCloseCase } from './cases.service.js';

// The case loop's clock-driven work (docs/domain/cases.md): a case informed of its result and not rated within
// RATING_WINDOW_DAYS natural days closes by itself (auto_close, closedBy 'timeout'). The server runs the sweep
// every few minutes; tests call runAutoClose with a ManualClock.

const DAY_MS = 86_400_000;
const BATCH = 200;

/** Closes every case whose rating window has passed; returns how many it closed. */
export async function runAutoClose(deps: Deps): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - RATING_WINDOW_DAYS * DAY_MS).toISOString();
  let closed = 0;
  for (;;) {
    const due = await repo.awaitingRatingBefore(deps.db, cutoff, BATCH);
    let progressed = 0;
    for (const d of due) if (await autoCloseCase(deps, d.id, d.version)) progressed++;
    closed += progressed;
    // A batch where nothing closed (all raced by a rating) must not spin.
    if (due.length < BATCH || progressed === 0) return closed;
  }
}

/** Runs the sweep now and then every `everyMs` (default 5 minutes); returns a stop function. */
export function startCaseScheduler(deps: Deps, everyMs = 5 * 60_000, onError?: (err: unknown) => void) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runAutoClose(deps);
    } catch (err) {
      onError?.(err);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
