import type { Deps } from '../../context.js';
import { chartVersion } from './gridchart.service.js';

// Live refresh for wall screens: one shared poller per watched node compares the chart's data version every
// `pollMs` and tells each subscriber when it moves. Payloads carry the version only, never data, so nothing
// a viewer may not see can travel this way.

type Listener = (version: string) => void;

interface Watch {
  path: string;
  listeners: Set<Listener>;
  timer: NodeJS.Timeout;
  last: string | null;
  busy: boolean;
}

export class ChartWatchers {
  private readonly watches = new Map<number, Watch>();

  constructor(
    private readonly deps: Deps,
    private readonly pollMs = 2000,
  ) {}

  /** Starts (or joins) the poller of a node; returns the function that leaves it. */
  subscribe(node: { id: number; path: string }, initial: string, listener: Listener): () => void {
    let w = this.watches.get(node.id);
    if (!w) {
      const watch: Watch = {
        path: node.path,
        listeners: new Set(),
        last: initial,
        busy: false,
        timer: setInterval(() => void this.poll(node.id), this.pollMs),
      };
      watch.timer.unref();
      this.watches.set(node.id, watch);
      w = watch;
    }
    w.listeners.add(listener);
    return () => {
      const cur = this.watches.get(node.id);
      if (!cur) return;
      cur.listeners.delete(listener);
      if (!cur.listeners.size) {
        clearInterval(cur.timer);
        this.watches.delete(node.id);
      }
    };
  }

  private async poll(nodeId: number) {
    const w = this.watches.get(nodeId);
    if (!w || w.busy) return;
    w.busy = true;
    try {
      const { version } = await chartVersion(this.deps, { path: w.path });
      if (version !== w.last) {
        w.last = version;
        for (const l of w.listeners) l(version);
      }
    } catch {
      // a failed poll (database restarting) is retried on the next tick
    } finally {
      w.busy = false;
    }
  }

  get size() {
    return this.watches.size;
  }

  closeAll() {
    for (const w of this.watches.values()) clearInterval(w.timer);
    this.watches.clear();
  }
}
