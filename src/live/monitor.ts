// Live monitoring of transfer sessions for one replica: what the Subscription resolvers call. Every
// subscriber to a session on this replica shares one feed (one bus subscription, one lease contest,
// at most one poller), so 100 subscribers cost WHM what one does, plus each one's catch-up read.
import { randomUUID } from 'node:crypto';
import type { TransferEvent } from '../transfer/index.js';
import type { SessionLogCache, WhmAccess } from '../whm-access/index.js';
import type { LeaseStore, LiveBus } from './contracts.js';
import { SessionFeed } from './feed.js';
import { encodeLiveMessage, sessionChannel, type SessionKey, type SessionSnapshot } from './messages.js';
import type { LiveLogger, PollTiming } from './poller.js';
import { readSession, sessionCacheKey } from './session-read.js';
import { SessionEventStream, SessionUpdateStream, type StreamDeps } from './streams.js';

export interface LiveMonitorOptions {
  bus: LiveBus;
  leases: LeaseStore;
  /** A fresh WHM access for one poll, not limited to a caller (each subscriber was checked when it subscribed). */
  pollerAccess(): WhmAccess;
  timing: PollTiming;
  /** Each new state a poller sees (the registry keeps the last one for listings). */
  onStateSeen?(key: SessionKey, stateName: string): void;
  logger?: LiveLogger;
  /** The gateway's master.log parse states, shared with queries: each read parses only what the log gained. */
  logs: SessionLogCache;
  /** This replica's name in the lease store; default a random UUID. */
  owner?: string;
}

interface FeedEntry {
  feed: SessionFeed;
  ready: Promise<void>;
  members: number;
}

type AnyStream = SessionUpdateStream | SessionEventStream;

export class LiveMonitorClosedError extends Error {
  override readonly name = 'LiveMonitorClosedError';
  constructor() {
    super('The gateway is shutting down: no new subscriptions.');
  }
}

export class LiveMonitor {
  readonly owner: string;
  private readonly feeds = new Map<string, FeedEntry>();
  private readonly streams = new Set<AnyStream>();
  private readonly closing = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly options: LiveMonitorOptions) {
    this.owner = options.owner ?? randomUUID();
  }

  /** The session now (from `access`), then on each change; ends after a final state. */
  sessionUpdates(key: SessionKey, access: WhmAccess): Promise<AsyncIterableIterator<SessionSnapshot>> {
    return this.open(key, access, (deps) => new SessionUpdateStream(deps));
  }

  /** Each event after `after` (all when null), once and in order; ends after a final state. */
  sessionEvents(key: SessionKey, after: string | null, access: WhmAccess): Promise<AsyncIterableIterator<TransferEvent>> {
    return this.open(key, access, (deps) => new SessionEventStream(deps, after));
  }

  /**
   * A write through this gateway may have changed the session: its poller (on whichever replica)
   * polls now rather than at its next turn, which is 10 s away for a session that was PENDING.
   */
  pollSoon(key: SessionKey): void {
    this.options.bus.publish(sessionChannel(key), encodeLiveMessage({ kind: 'poll-now' })).catch((error: unknown) => {
      this.options.logger?.warn({ server: key.server, sessionId: key.id, error: String(error) }, 'could not ask for a poll');
    });
  }

  /** Local subscribers (for tests and metrics). */
  get subscriberCount(): number {
    return this.streams.size;
  }

  /** Whether this replica runs the poller of a session now. */
  isPolling(key: SessionKey): boolean {
    return this.feeds.get(sessionCacheKey(key))?.feed.polling ?? false;
  }

  /** Ends every subscription (each gets `complete`), stops the pollers and gives their leases up. */
  async close(): Promise<void> {
    this.closed = true;
    for (const stream of [...this.streams]) stream.end();
    for (const entry of this.feeds.values()) this.closeFeed(entry.feed);
    this.feeds.clear();
    await Promise.all([...this.closing]);
  }

  private async open<S extends AnyStream>(
    key: SessionKey,
    access: WhmAccess,
    create: (deps: StreamDeps) => S,
  ): Promise<S['queue']> {
    if (this.closed) throw new LiveMonitorClosedError();
    const entry = this.join(key);
    let stream: S | null = null;
    const leave = () => {
      if (stream) {
        this.streams.delete(stream);
        entry.feed.remove(stream);
      }
      this.leaveFeed(key, entry);
    };
    try {
      await entry.ready;
      if (this.closed) throw new LiveMonitorClosedError();
    } catch (error) {
      leave();
      throw error;
    }
    stream = create({
      read: () => readSession(access, key, this.options.logs),
      lastLive: () => entry.feed.lastLive,
      leave,
      onResyncFailed: (error) =>
        this.options.logger?.warn(
          { server: key.server, sessionId: key.id, error: String(error) },
          'subscriber could not read the session again',
        ),
    });
    this.streams.add(stream);
    // On the channel before the catch-up read: whatever is published meanwhile waits, nothing is missed.
    entry.feed.add(stream);
    try {
      await stream.catchUp();
    } catch (error) {
      stream.end();
      throw error;
    }
    if (!stream.ended) entry.feed.activate(stream);
    return stream.queue;
  }

  private join(key: SessionKey): FeedEntry {
    const id = sessionCacheKey(key);
    let entry = this.feeds.get(id);
    if (!entry) {
      const { bus, leases, timing, logger } = this.options;
      const feed = new SessionFeed(key, {
        owner: this.owner,
        bus,
        leases,
        timing,
        logger,
        read: () => readSession(this.options.pollerAccess(), key, this.options.logs),
        onStateSeen: (stateName) => this.options.onStateSeen?.(key, stateName),
      });
      entry = { feed, ready: feed.open(), members: 0 };
      // A failed open is reported to each subscriber that waits on it; the rejection is handled there.
      entry.ready.catch(() => undefined);
      this.feeds.set(id, entry);
    }
    entry.members += 1;
    return entry;
  }

  private leaveFeed(key: SessionKey, entry: FeedEntry): void {
    entry.members -= 1;
    if (entry.members > 0) return;
    const id = sessionCacheKey(key);
    if (this.feeds.get(id) === entry) this.feeds.delete(id);
    // The last local subscriber left: stop polling and let another replica (or a later subscriber) take over.
    this.closeFeed(entry.feed, entry.ready);
  }

  private closeFeed(feed: SessionFeed, ready: Promise<void> = Promise.resolve()): void {
    const closing = ready
      .catch(() => undefined)
      .then(() => feed.close())
      .finally(() => this.closing.delete(closing));
    this.closing.add(closing);
  }
}
