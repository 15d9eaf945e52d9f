// Keeps every unfinished registry session watched, subscribed or not, so its changes become webhook
// events. Each watch is an ordinary live feed on this replica: whichever replica holds the session's
// poll lease polls it (one poller per session across replicas), and every replica's watcher only
// keeps the feed open. A watch's first look (its own read) covers what happened while nobody polled.
import type { LiveLogger, SessionKey, SessionSnapshot } from '../live/index.js';

export interface WatcherOptions {
  /** Registry sessions not yet seen final, on servers this gateway serves. */
  listUnfinished(): Promise<SessionKey[]>;
  /** Opens a live feed of the session: its current look first, then each change, until it is final. */
  watch(key: SessionKey): Promise<AsyncIterableIterator<SessionSnapshot>>;
  /** The watch's first look; a failure closes the watch, to be opened (and read) again later. */
  onFirstLook(key: SessionKey, snapshot: SessionSnapshot): Promise<void>;
  /** Between two listings of the registry (default 30 s). */
  refreshMs?: number;
  logger?: LiveLogger;
}

interface Watch {
  iterator: AsyncIterableIterator<SessionSnapshot> | null;
  done: Promise<void>;
}

const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
const keyId = (key: SessionKey): string => `${key.server}\u0000${key.id}`;

export class SessionWatcher {
  private readonly watches = new Map<string, Watch>();
  /** Sessions whose watch ended on a final state: never watched again by this process. */
  private readonly finished = new Set<string>();
  private readonly failures = new Map<string, { count: number; notBefore: number }>();
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: WatcherOptions) {}

  start(): void {
    this.schedule(0);
  }

  /** Sessions watched now (for tests). */
  get watching(): number {
    return this.watches.size;
  }

  /** Stops listing and closes every watch (the live monitor gives up their leases when they were the last). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.refreshing;
    const watches = [...this.watches.values()];
    await Promise.all(watches.map(async (watch) => watch.iterator?.return?.()));
    await Promise.all(watches.map((watch) => watch.done));
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refreshing = this.refresh()
        .catch((error: unknown) =>
          this.options.logger?.warn({ error: String(error) }, 'could not list sessions to watch for webhooks'),
        )
        .finally(() => {
          this.refreshing = null;
          this.schedule(this.options.refreshMs ?? 30_000);
        });
    }, delayMs);
  }

  private async refresh(): Promise<void> {
    const keys = await this.options.listUnfinished();
    const now = Date.now();
    for (const key of keys) {
      const id = keyId(key);
      if (this.closed) return;
      if (this.watches.has(id) || this.finished.has(id) || (this.failures.get(id)?.notBefore ?? 0) > now) continue;
      const watch: Watch = { iterator: null, done: Promise.resolve() };
      this.watches.set(id, watch);
      watch.done = this.run(key, watch).finally(() => this.watches.delete(id));
    }
  }

  private async run(key: SessionKey, watch: Watch): Promise<void> {
    const id = keyId(key);
    try {
      watch.iterator = await this.options.watch(key);
      if (this.closed) {
        await watch.iterator.return?.();
        return;
      }
      const first = await watch.iterator.next();
      if (!first.done) await this.options.onFirstLook(key, first.value);
      this.failures.delete(id);
      // Later looks are the poller's, recorded where it publishes them: here they are only drained.
      while (!(await watch.iterator.next()).done) {
        // Nothing to do with them.
      }
      if (!this.closed) this.finished.add(id);
    } catch (error) {
      await watch.iterator?.return?.();
      this.failed(key, error);
    }
  }

  private failed(key: SessionKey, error: unknown): void {
    if (this.closed) return;
    const id = keyId(key);
    const count = (this.failures.get(id)?.count ?? 0) + 1;
    const delayMs = Math.min(MAX_RETRY_DELAY_MS, (this.options.refreshMs ?? 30_000) * 2 ** Math.min(count - 1, 20));
    this.failures.set(id, { count, notBefore: Date.now() + delayMs });
    const fields = { server: key.server, sessionId: key.id, error: String(error), failures: count, retryInMs: delayMs };
    // Once per session at warn level; a session WHM no longer knows would otherwise fill the log.
    if (count === 1) this.options.logger?.warn(fields, 'could not watch a session for webhooks');
    else this.options.logger?.debug(fields, 'could not watch a session for webhooks');
  }
}
