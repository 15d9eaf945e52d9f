// The one poller of a session, run only by the replica holding its lease. Each poll reads state and
// master.log in one WHM batch, and publishes on the bus only what changed: new events strictly after
// the last cursor published (kept beside the lease, so a new holder goes on from there: no gap, no
// duplicate), and state, progress or items when they moved. Fast while the session runs, slower while
// it waits, never after a final state; while WHM fails, exponential backoff and a health message.
import { eventsAfter, isTerminalSessionState, toSessionState, type TransferSessionState } from '../transfer/index.js';
import type { LeaseStore, LiveBus } from './contracts.js';
import { encodeLiveMessage, pollLeaseKey, sessionChannel, type LiveStatusModel, type SessionKey } from './messages.js';
import { changeFingerprint, pollErrorOf, type SessionRead } from './session-read.js';

export interface PollTiming {
  /** Between polls while the session runs (RUNNING, PAUSING, ABORTING, REACHEDMAXMEM). */
  intervalMs: number;
  /** Multiplies intervalMs while the session waits (PENDING, PAUSED) or its state is UNKNOWN. */
  idleFactor: number;
  /** Longest delay between retries while WHM fails. */
  maxBackoffMs: number;
  /** Shortest lease: a lease lives 3 polls, but never less than this. */
  minLeaseTtlMs: number;
}

export interface LiveLogger {
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

const ACTIVE_STATES: ReadonlySet<TransferSessionState | 'UNKNOWN'> = new Set(['RUNNING', 'PAUSING', 'ABORTING', 'REACHEDMAXMEM']);

export function pollDelayFor(timing: PollTiming, state: TransferSessionState | 'UNKNOWN'): number {
  return ACTIVE_STATES.has(state) ? timing.intervalMs : timing.intervalMs * timing.idleFactor;
}

/** The wait before retry number `failures` (1, 2, …): twice the interval, then doubling, capped. */
export function retryDelayFor(timing: PollTiming, failures: number): number {
  return Math.min(timing.maxBackoffMs, timing.intervalMs * 2 ** Math.min(failures, 30));
}

export function leaseTtlFor(timing: PollTiming, delayMs: number): number {
  return Math.max(3 * delayMs, timing.minLeaseTtlMs);
}

export interface SessionPollerOptions {
  key: SessionKey;
  /** This replica's name in the lease store. */
  owner: string;
  bus: LiveBus;
  leases: LeaseStore;
  timing: PollTiming;
  read(): Promise<SessionRead>;
  /** Each new state name seen (the registry remembers it for listings). */
  onStateSeen?(stateName: string): void;
  logger?: LiveLogger;
  /** Another replica holds the lease now (or the store refused us): this poller has stopped. */
  onLeaseLost(): void;
  /** The session reached a final state and that was published: this poller has stopped. */
  onFinished(): void;
}

export class SessionPoller {
  private lastCursor: string | null = null;
  private lastFingerprint: string | null = null;
  private lastStateName: string | null = null;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** A poll-now arrived while a poll was running: the next one follows at once. */
  private pollAgain = false;
  private readonly channel: string;
  private readonly leaseKey: string;

  constructor(private readonly options: SessionPollerOptions) {
    this.channel = sessionChannel(options.key);
    this.leaseKey = pollLeaseKey(options.key);
  }

  /** Call once the lease is held: goes on after the last cursor any holder published. */
  async start(): Promise<void> {
    this.lastCursor = await this.options.leases.getState(this.leaseKey);
    this.schedule(0);
  }

  /** Stops polling; resolves once a poll in progress has finished (so nothing is published after). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Polls at once (after the poll in progress, if any) instead of at the next turn. */
  pollNow(): void {
    if (this.stopped) return;
    if (this.running) {
      this.pollAgain = true;
      return;
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.schedule(0);
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.pollAgain) {
      this.pollAgain = false;
      delayMs = 0;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.poll().finally(() => {
        this.running = null;
      });
    }, delayMs);
  }

  private async poll(): Promise<void> {
    let read: SessionRead;
    try {
      read = await this.options.read();
    } catch (error) {
      if (!this.stopped) await this.failed(error);
      return;
    }
    if (this.stopped) return;
    try {
      await this.publish(read);
    } catch (error) {
      // The bus or the lease store failed: retry like a WHM failure; nothing was marked published.
      if (!this.stopped) await this.failed(error);
    }
  }

  private async publish(read: SessionRead): Promise<void> {
    const { bus, leases, owner, timing } = this.options;
    const state = toSessionState(read.stateName).state;
    const final = isTerminalSessionState(state);
    const delayMs = pollDelayFor(timing, state);
    const events = this.lastCursor === null ? [...read.settledEvents] : eventsAfter(read.settledEvents, this.lastCursor);
    const fingerprint = changeFingerprint(read);
    const recovered = this.failures > 0;
    this.failures = 0;
    if (read.stateName !== this.lastStateName) {
      this.lastStateName = read.stateName;
      this.options.onStateSeen?.(read.stateName);
    }
    if (events.length > 0 || fingerprint !== this.lastFingerprint || final || recovered) {
      const live: LiveStatusModel = {
        polling: !final,
        lastError: null,
        nextPollAt: final ? null : new Date(Date.now() + delayMs),
      };
      const { session: facts, items, progress } = read.log;
      const message = {
        kind: 'snapshot' as const,
        stateName: read.stateName,
        facts,
        items,
        progress,
        after: this.lastCursor,
        events,
        live,
        final,
      };
      await bus.publish(this.channel, encodeLiveMessage(message));
      this.lastFingerprint = fingerprint;
      const last = events.at(-1);
      if (last) {
        this.lastCursor = last.cursor;
        // Published first, then remembered: a holder lost in between makes the next one publish these
        // events again (subscribers drop what they have), never skip them.
        if (!(await leases.setState(this.leaseKey, owner, last.cursor))) return this.lost();
      }
    }
    if (final) {
      this.stopped = true;
      this.options.onFinished();
      return;
    }
    if (!(await leases.acquire(this.leaseKey, owner, leaseTtlFor(timing, delayMs)))) return this.lost();
    this.schedule(delayMs);
  }

  private async failed(error: unknown): Promise<void> {
    const { bus, leases, owner, timing, logger, key } = this.options;
    this.failures += 1;
    const delayMs = retryDelayFor(timing, this.failures);
    const lastError = pollErrorOf(error, this.failures);
    logger?.warn(
      { server: key.server, sessionId: key.id, code: lastError.code, failures: this.failures, retryInMs: delayMs },
      'session poll failed',
    );
    const live: LiveStatusModel = { polling: true, lastError, nextPollAt: new Date(Date.now() + delayMs) };
    try {
      await bus.publish(this.channel, encodeLiveMessage({ kind: 'health', live }));
      if (!(await leases.acquire(this.leaseKey, owner, leaseTtlFor(timing, delayMs)))) return this.lost();
    } catch (engineError) {
      // Keep the schedule: the next poll finds out whether the lease is still ours.
      logger?.warn({ server: key.server, sessionId: key.id, error: String(engineError) }, 'live bus or lease store failed');
    }
    this.schedule(delayMs);
  }

  private lost(): void {
    this.stopped = true;
    this.options.onLeaseLost();
  }
}
