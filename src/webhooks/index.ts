// Webhooks for one replica: session changes (from the pollers, through the bus they publish on, and
// from the watcher's first looks) written to the registry's outbox, and the outbox delivered.
import type { LiveBus, LiveLogger, LiveMonitor, SessionKey, SessionSnapshot } from '../live/index.js';
import type { SessionRegistry } from '../registry/index.js';
import type { WhmAccess } from '../whm-access/index.js';
import type { RetryPolicy } from './backoff.js';
import { recordingBus } from './bus.js';
import { WebhookDispatcher } from './dispatcher.js';
import { WebhookRecorder, type LookContents } from './recorder.js';
import type { WebhookTarget } from './types.js';
import { SessionWatcher } from './watcher.js';

export { DEFAULT_RETRY_POLICY, nextAttemptAt, retryDelayMs, type RetryPolicy } from './backoff.js';
export { SIGNATURE_HEADER, signWebhook, verifyWebhookSignature } from './signature.js';
export { WEBHOOK_EVENT_TYPES, type WebhookEvent, type WebhookEventType, type WebhookTarget } from './types.js';

export interface WebhookSettings {
  targets: readonly WebhookTarget[];
  /** Retry timing (default: 5 s doubling to 1 h, with jitter, for 24 h). */
  retry?: RetryPolicy;
  /** Between two looks for due deliveries when idle (default 1000 ms). */
  dispatchIntervalMs?: number;
  /** Between two listings of unfinished registry sessions to watch (default 30 000 ms). */
  watchRefreshMs?: number;
  /** Most sessions watched at once, newest first (default 1000). */
  maxWatchedSessions?: number;
}

export type WebhookLogger = LiveLogger & { error(fields: object, message: string): void };

export class WebhookService {
  private readonly recorder: WebhookRecorder;
  private dispatcher: WebhookDispatcher | null = null;
  private watcher: SessionWatcher | null = null;

  constructor(
    private readonly settings: WebhookSettings,
    private readonly registry: SessionRegistry,
    private readonly logger?: WebhookLogger,
  ) {
    this.recorder = new WebhookRecorder({
      registry,
      targets: settings.targets,
      onRecorded: () => this.dispatcher?.wake(),
      logger,
    });
  }

  /** The bus to give the live monitor: pollers' snapshots are recorded before they are published. */
  wrapBus(bus: LiveBus): LiveBus {
    return recordingBus(bus, async (key, look) => {
      try {
        await this.recorder.record(key, look);
      } catch (error) {
        // The poller reports only that its poll failed; the cause is told here.
        this.logger?.warn(
          { server: key.server, sessionId: key.id, error: String(error) },
          'could not write webhook events to the outbox',
        );
        throw error;
      }
    });
  }

  /** Starts watching unfinished sessions (through `live`) and delivering the outbox. */
  start(options: { live: LiveMonitor; access: () => WhmAccess; servers: () => readonly string[] }): void {
    const { live } = options;
    this.dispatcher = new WebhookDispatcher({
      outbox: this.registry.webhookOutbox,
      targets: this.settings.targets,
      owner: live.owner,
      retry: this.settings.retry,
      intervalMs: this.settings.dispatchIntervalMs,
      logger: this.logger,
    });
    this.watcher = new SessionWatcher({
      listUnfinished: () =>
        this.registry.webhookOutbox.unfinishedSessions(options.servers(), this.settings.maxWatchedSessions ?? 1_000),
      watch: (key) => live.sessionUpdates(key, options.access()),
      onFirstLook: (key, snapshot) => this.firstLook(key, snapshot),
      refreshMs: this.settings.watchRefreshMs,
      logger: this.logger,
    });
    this.dispatcher.start();
    this.watcher.start();
  }

  /** Sessions watched by this replica now (for tests). */
  get watching(): number {
    return this.watcher?.watching ?? 0;
  }

  /** Stops the watches (before the live monitor closes) and waits for deliveries in flight. */
  async close(): Promise<void> {
    await this.watcher?.close();
    await this.dispatcher?.close();
  }

  private async firstLook(key: SessionKey, snapshot: SessionSnapshot): Promise<void> {
    const last = snapshot.log.events.at(-1);
    const look: LookContents = {
      stateName: snapshot.stateName,
      events: snapshot.log.events,
      items: snapshot.log.items,
      logPosition: last?.line ?? 0,
    };
    await this.recorder.record(key, look);
    // Only pollers tell the registry what they see; a session already final has no poller, and the
    // registry must know it is final, or it would be listed (and read) again at every refresh.
    await this.registry.recordState(key.server, key.id, snapshot.stateName);
  }
}
