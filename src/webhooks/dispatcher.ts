// Delivers the outbox: claims due rows (a claim expires, so a dead replica's rows are taken again),
// sends each one, records the outcome: delivered on a 2xx, else a retry with backoff until the event is
// 24 hours old. Rows of one session for one target go one at a time, in order (the claim sees to it).
import type { LiveLogger } from '../live/index.js';
import type { WebhookDeliveryRecord, WebhookOutbox } from '../registry/index.js';
import { DEFAULT_RETRY_POLICY, nextAttemptAt, type RetryPolicy } from './backoff.js';
import { attemptDelivery } from './delivery.js';
import type { WebhookTarget } from './types.js';

export interface DispatcherOptions {
  outbox: WebhookOutbox;
  targets: readonly WebhookTarget[];
  /** This replica's name on its claims. */
  owner: string;
  retry?: RetryPolicy;
  /** Between two looks for due rows when there was nothing to do (default 1000 ms). */
  intervalMs?: number;
  /** Rows claimed (and sent in parallel) at once (default 10). */
  batchSize?: number;
  /** Delivered and failed rows are forgotten after this long (default 30 days). */
  retentionMs?: number;
  logger?: LiveLogger & { error(fields: object, message: string): void };
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;

export class WebhookDispatcher {
  private readonly targets: Map<string, WebhookTarget>;
  private readonly retry: RetryPolicy;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private lastPruneAt = 0;

  constructor(private readonly options: DispatcherOptions) {
    this.targets = new Map(options.targets.map((target) => [target.name, target]));
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
  }

  start(): void {
    this.schedule(0);
  }

  /** New rows were written: look now rather than at the next turn. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.schedule(0);
    }
  }

  /** Stops claiming; resolves once the deliveries in flight are recorded. */
  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick()
        .catch((error: unknown) => {
          this.options.logger?.warn({ error: String(error) }, 'webhook outbox unavailable; trying again');
          return false;
        })
        .then((busy) => {
          this.running = null;
          const next = busy || this.again ? 0 : (this.options.intervalMs ?? 1_000);
          this.again = false;
          this.schedule(next);
        });
    }, delayMs);
  }

  /** One round; true when it claimed a full batch (more may be due). */
  private async tick(): Promise<boolean> {
    const { outbox, owner } = this.options;
    const now = new Date();
    await this.prune(now);
    const batchSize = this.options.batchSize ?? 10;
    const longestTimeout = Math.max(...[...this.targets.values()].map((target) => target.timeoutMs));
    const rows = await outbox.claim({
      owner,
      targets: [...this.targets.keys()],
      now,
      // Long enough for an attempt to finish and be recorded; a dead replica's claims lapse after it.
      until: new Date(now.getTime() + longestTimeout + 30_000),
      limit: batchSize,
    });
    // Every attempt runs to its end (and close() waits for them) even when recording one fails.
    const failed = (await Promise.allSettled(rows.map((row) => this.deliver(row)))).find(
      (result) => result.status === 'rejected',
    );
    if (failed) throw failed.reason;
    return rows.length === batchSize;
  }

  private async deliver(row: WebhookDeliveryRecord): Promise<void> {
    const target = this.targets.get(row.target);
    if (!target) return;
    const result = await attemptDelivery(target, row);
    const now = new Date();
    const fields = { target: row.target, eventId: row.eventId, eventType: row.eventType, attempt: row.attempts + 1 };
    if (result.ok) {
      await this.options.outbox.complete(row.id, this.options.owner, { delivered: true, httpStatus: result.httpStatus }, now);
      this.options.logger?.debug({ ...fields, httpStatus: result.httpStatus }, 'webhook delivered');
      return;
    }
    const next = nextAttemptAt(this.retry, row.createdAt, row.attempts + 1, now);
    await this.options.outbox.complete(
      row.id,
      this.options.owner,
      { delivered: false, httpStatus: result.httpStatus, error: result.error, nextAttemptAt: next },
      now,
    );
    const failure = { ...fields, httpStatus: result.httpStatus, error: result.error };
    if (next) this.options.logger?.warn({ ...failure, nextAttemptAt: next.toISOString() }, 'webhook delivery failed; will retry');
    else this.options.logger?.error(failure, 'webhook delivery failed until the end of its retry window; given up');
  }

  private async prune(now: Date): Promise<void> {
    if (now.getTime() - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now.getTime();
    const retentionMs = this.options.retentionMs ?? 30 * 24 * 60 * 60 * 1000;
    await this.options.outbox.prune(new Date(now.getTime() - retentionMs));
  }
}
