// One session as seen by one replica: its bus channel (every local subscriber is fed from it, never
// from a poller directly, so one replica and many behave alike) and the contest for its poll lease.
// While it has subscribers, the replica tries to take the lease every lease period (and at once when
// the holder announces it let go); holding it, it runs the session's poller.
import type { LeaseStore, LiveBus } from './contracts.js';
import {
  decodeLiveMessage,
  encodeLiveMessage,
  pollLeaseKey,
  sessionChannel,
  type LiveMessage,
  type LiveStatusModel,
  type SessionKey,
} from './messages.js';
import { leaseTtlFor, SessionPoller, type LiveLogger, type PollTiming } from './poller.js';
import type { SessionRead } from './session-read.js';

export interface FeedListener {
  onMessage(message: LiveMessage): void;
}

export interface SessionFeedOptions {
  owner: string;
  bus: LiveBus;
  leases: LeaseStore;
  timing: PollTiming;
  /** A read for the poller (a fresh WHM access each time, not limited to any caller). */
  read(): Promise<SessionRead>;
  onStateSeen?(stateName: string): void;
  logger?: LiveLogger;
}

export class SessionFeed {
  private readonly listeners = new Set<FeedListener>();
  private readonly activeListeners = new Set<FeedListener>();
  private poller: SessionPoller | null = null;
  private contention: NodeJS.Timeout | null = null;
  private contending: Promise<void> | null = null;
  private unsubscribe: (() => Promise<void>) | null = null;
  private closed = false;
  private closing: Promise<void> | null = null;
  /** A final state was published: nobody polls this session again. */
  private finished = false;
  /** The poller health last published, for a subscriber's first push. */
  lastLive: LiveStatusModel | null = null;
  private readonly leaseKey: string;
  private readonly channel: string;

  constructor(
    readonly key: SessionKey,
    private readonly options: SessionFeedOptions,
  ) {
    this.leaseKey = pollLeaseKey(key);
    this.channel = sessionChannel(key);
  }

  /** Subscribes to the session's channel; resolves once messages flow. */
  async open(): Promise<void> {
    this.unsubscribe = await this.options.bus.subscribe(this.channel, (text) => this.receive(text));
  }

  /** Receives messages from now on (it catches up on its own meanwhile). */
  add(listener: FeedListener): void {
    this.listeners.add(listener);
  }

  /** The listener caught up and waits for more: from now on this replica wants the session polled. */
  activate(listener: FeedListener): void {
    if (!this.listeners.has(listener)) return;
    this.activeListeners.add(listener);
    if (this.contention === null && !this.finished) {
      const { timing } = this.options;
      this.contention = setInterval(() => this.contend(), leaseTtlFor(timing, timing.intervalMs));
      this.contend();
    }
  }

  remove(listener: FeedListener): void {
    this.listeners.delete(listener);
    this.activeListeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  /** True while this replica runs the session's poller. */
  get polling(): boolean {
    return this.poller !== null;
  }

  /** Stops polling, gives the lease up (telling the others), leaves the channel. Once; later calls wait for it. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.closed = true;
    this.stopContention();
    await this.contending;
    const poller = this.poller;
    this.poller = null;
    const { bus, leases, owner, logger } = this.options;
    try {
      if (poller) {
        await poller.stop();
        await leases.release(this.leaseKey, owner);
        await bus.publish(this.channel, encodeLiveMessage({ kind: 'released' }));
      }
    } catch (error) {
      logger?.warn(
        { server: this.key.server, sessionId: this.key.id, error: String(error) },
        'could not hand the poll lease over',
      );
    }
    await this.unsubscribe?.().catch(() => undefined);
    this.unsubscribe = null;
  }

  private receive(text: string): void {
    const message = decodeLiveMessage(text);
    if (message === null) {
      this.options.logger?.warn({ channel: this.channel }, 'ignored a live message this gateway cannot read');
      return;
    }
    if (message.kind === 'poll-now') {
      this.poller?.pollNow();
      return;
    }
    if (message.kind !== 'released') this.lastLive = message.live;
    if (message.kind === 'snapshot' && message.final) {
      this.finished = true;
      this.stopContention();
    }
    if (message.kind === 'released') this.contend();
    for (const listener of [...this.listeners]) listener.onMessage(message);
  }

  private contend(): void {
    if (this.closed || this.finished || this.poller || this.contending || this.activeListeners.size === 0) return;
    this.contending = this.takeLease().finally(() => {
      this.contending = null;
    });
  }

  private async takeLease(): Promise<void> {
    const { bus, leases, owner, timing, logger } = this.options;
    try {
      if (!(await leases.acquire(this.leaseKey, owner, leaseTtlFor(timing, timing.intervalMs)))) return;
      if (this.closed || this.finished) {
        await leases.release(this.leaseKey, owner);
        return;
      }
      const poller = new SessionPoller({
        key: this.key,
        owner,
        bus,
        leases,
        timing,
        read: () => this.options.read(),
        onStateSeen: (stateName) => this.options.onStateSeen?.(stateName),
        logger,
        onLeaseLost: () => {
          if (this.poller === poller) this.poller = null;
        },
        onFinished: () => {
          if (this.poller === poller) this.poller = null;
          this.finished = true;
          this.stopContention();
          leases.release(this.leaseKey, owner).catch(() => undefined);
        },
      });
      this.poller = poller;
      try {
        await poller.start();
      } catch (error) {
        this.poller = null;
        await poller.stop();
        await leases.release(this.leaseKey, owner);
        throw error;
      }
    } catch (error) {
      logger?.warn({ server: this.key.server, sessionId: this.key.id, error: String(error) }, 'could not take the poll lease');
    }
  }

  private stopContention(): void {
    if (this.contention) clearInterval(this.contention);
    this.contention = null;
  }
}
