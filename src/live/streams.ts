// One subscriber's side: a catch-up from a WHM read of its own, then the session's bus messages. The
// seam is exact: messages that arrive during the catch-up wait, and every event whose cursor is not
// after the last one this subscriber has is dropped. A message that starts after a cursor this
// subscriber never reached (a message lost on the way, a holder that died before publishing) means a
// gap: the subscriber reads WHM again rather than skip anything.
import {
  compareEventCursors,
  eventsAfter,
  isTerminalSessionState,
  toSessionState,
  type TransferEvent,
} from '../transfer/index.js';
import type { FeedListener } from './feed.js';
import type { LiveMessage, LiveStatusModel, SessionLogSnapshot, SessionSnapshot, SnapshotMessage } from './messages.js';
import { PushQueue } from './push-queue.js';
import { changeFingerprint, type SessionRead } from './session-read.js';

export interface StreamDeps {
  /** A read through the subscriber's own WHM access (its server allowance applies). */
  read(): Promise<SessionRead>;
  /** The health the session's poller last published, if any. */
  lastLive(): LiveStatusModel | null;
  /** Called once, when the stream ends or its consumer stops. */
  leave(): void;
  onResyncFailed?(error: unknown): void;
}

abstract class SessionStream<T> implements FeedListener {
  readonly queue: PushQueue<T>;
  protected lastCursor: string | null;
  private phase: 'catching-up' | 'live' | 'ended' = 'catching-up';
  private buffered: LiveMessage[] = [];

  constructor(
    protected readonly deps: StreamDeps,
    after: string | null,
    latestOnly: boolean,
  ) {
    this.lastCursor = after;
    this.queue = new PushQueue<T>(() => this.stop(), latestOnly);
  }

  get ended(): boolean {
    return this.phase === 'ended';
  }

  /** The first read. The caller awaits it, so a refused or failed read is the subscribe's own error. */
  async catchUp(): Promise<void> {
    const read = await this.deps.read();
    if (this.ended) return;
    this.applyRead(read);
    if (!this.ended) this.goLive();
  }

  onMessage(message: LiveMessage): void {
    if (this.phase === 'ended') return;
    if (this.phase === 'catching-up') this.buffered.push(message);
    else this.apply(message);
  }

  /** Ends the stream: the consumer gets what is queued, then the end (graphql-ws sends `complete`). */
  end(): void {
    if (this.phase === 'ended') return;
    this.stop();
    this.queue.end();
  }

  protected abstract applyRead(read: SessionRead): void;
  protected abstract applySnapshot(message: SnapshotMessage, events: TransferEvent[], stale: boolean): void;
  protected abstract applyHealth(live: LiveStatusModel): void;

  private stop(): void {
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    this.buffered = [];
    this.deps.leave();
  }

  private goLive(): void {
    this.phase = 'live';
    const waiting = this.buffered;
    this.buffered = [];
    for (const message of waiting) {
      if (this.ended) return;
      // A gap sends us back to WHM (phase catching-up): the rest waits for that read.
      this.onMessage(message);
    }
  }

  private apply(message: LiveMessage): void {
    if (message.kind === 'released' || message.kind === 'poll-now') return;
    if (message.kind === 'health') {
      this.applyHealth(message.live);
      return;
    }
    const { after } = message;
    if (after !== null && (this.lastCursor === null || compareEventCursors(after, this.lastCursor) > 0)) {
      void this.resync();
      return;
    }
    const events = this.lastCursor === null ? message.events : eventsAfter(message.events, this.lastCursor);
    // A message from a read older than what this subscriber has: its events are all known, its state old.
    const end = message.events.at(-1)?.cursor ?? after;
    const stale = this.lastCursor !== null && (end === null || compareEventCursors(end, this.lastCursor) < 0);
    this.lastCursor = events.at(-1)?.cursor ?? this.lastCursor;
    this.applySnapshot(message, events, stale);
  }

  private async resync(): Promise<void> {
    this.phase = 'catching-up';
    try {
      const read = await this.deps.read();
      if (this.ended) return;
      this.applyRead(read);
    } catch (error) {
      // Still live: the next message finds the same gap and reads again.
      this.deps.onResyncFailed?.(error);
    }
    if (!this.ended) this.goLive();
  }
}

const isFinal = (stateName: string): boolean => isTerminalSessionState(toSessionState(stateName).state);

/** transferSessionUpdated: the session on each change of state, progress, items or poller health. */
export class SessionUpdateStream extends SessionStream<SessionSnapshot> {
  private stateName = '';
  private log: SessionLogSnapshot | null = null;
  private live: LiveStatusModel | null = null;
  private pushed: string | null = null;

  constructor(deps: StreamDeps) {
    super(deps, null, true);
  }

  protected applyRead(read: SessionRead): void {
    this.stateName = read.stateName;
    const { session, items, progress } = read.log;
    this.log = { events: read.settledEvents, session, items, progress };
    this.lastCursor = read.settledEvents.at(-1)?.cursor ?? this.lastCursor;
    const final = isFinal(read.stateName);
    // Before any poller has spoken: polling is about to start, nothing failed yet.
    this.live = final
      ? { polling: false, lastError: null, nextPollAt: null }
      : (this.live ?? this.deps.lastLive() ?? { polling: true, lastError: null, nextPollAt: null });
    this.pushIfChanged(final);
  }

  protected applySnapshot(message: SnapshotMessage, events: TransferEvent[], stale: boolean): void {
    if (!this.log) return;
    const grown = events.length > 0 ? this.log.events.concat(events) : this.log.events;
    if (stale) {
      this.log = { ...this.log, events: grown };
      return;
    }
    this.stateName = message.stateName;
    this.log = { events: grown, session: message.facts, items: message.items, progress: message.progress };
    this.live = message.live;
    this.pushIfChanged(message.final);
  }

  protected applyHealth(live: LiveStatusModel): void {
    this.live = live;
    this.pushIfChanged(false);
  }

  private pushIfChanged(final: boolean): void {
    if (!this.log) return;
    const { polling, lastError } = this.live ?? { polling: true, lastError: null };
    const fingerprint = `${changeFingerprint({ stateName: this.stateName, log: this.log })}|${polling}|${JSON.stringify(lastError)}`;
    if (fingerprint !== this.pushed) {
      this.pushed = fingerprint;
      this.queue.push({ stateName: this.stateName, log: this.log, live: this.live });
    }
    if (final) this.end();
  }
}

/** transferSessionEvents: each event once, in log order, from `after` on. */
export class SessionEventStream extends SessionStream<TransferEvent> {
  constructor(deps: StreamDeps, after: string | null) {
    super(deps, after, false);
  }

  protected applyRead(read: SessionRead): void {
    const events = this.lastCursor === null ? read.settledEvents : eventsAfter(read.settledEvents, this.lastCursor);
    this.deliver(events);
    if (isFinal(read.stateName)) this.end();
  }

  protected applySnapshot(message: SnapshotMessage, events: TransferEvent[]): void {
    this.deliver(events);
    if (message.final) this.end();
  }

  protected applyHealth(): void {
    // The event stream carries events only; the poller's health shows on transferSessionUpdated.
  }

  private deliver(events: readonly TransferEvent[]): void {
    for (const event of events) this.queue.push(event);
    this.lastCursor = events.at(-1)?.cursor ?? this.lastCursor;
  }
}
