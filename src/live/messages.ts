// What the lease holder of a session publishes on the bus, as JSON: everything a subscriber on any
// replica needs to push (state, progress, items, the new events with their cursors, the poller's
// health), so subscribers never read WHM for a push. Dates travel as ISO strings and are revived
// field by field (never by key name anywhere, since event `msg` objects are WHM's free-form JSON).
import type {
  TransferEvent,
  TransferItemOutcome,
  TransferItemQueueOutcome,
  TransferProgress,
  TransferSessionFacts,
} from '../transfer/index.js';

export interface SessionKey {
  server: string;
  id: string;
}

/** The bus channel of a session, and the lease (and its kept cursor) of its poller. */
export const sessionChannel = (key: SessionKey): string => `session:${key.server}:${key.id}`;
export const pollLeaseKey = (key: SessionKey): string => `poll:${key.server}:${key.id}`;

/** The parts of a parsed master.log the TransferSession fields use. */
export interface SessionLogSnapshot {
  events: readonly TransferEvent[];
  session: TransferSessionFacts;
  items: TransferItemOutcome[];
  progress: TransferProgress;
}

export interface LivePollErrorModel {
  code: string;
  message: string;
  consecutiveFailures: number;
}

/** The poller's health, as subscribers see it (TransferSession.live). */
export interface LiveStatusModel {
  polling: boolean;
  lastError: LivePollErrorModel | null;
  nextPollAt: Date | null;
}

/** A session as one WHM read showed it, for resolvers to use instead of reading WHM again. */
export interface SessionSnapshot {
  stateName: string;
  log: SessionLogSnapshot;
  live: LiveStatusModel | null;
}

export interface SnapshotMessage {
  kind: 'snapshot';
  stateName: string;
  facts: TransferSessionFacts;
  items: TransferItemOutcome[];
  progress: TransferProgress;
  /** The last event cursor published before this message (null: none ever); `events` follow it. */
  after: string | null;
  /** The events logged after `after`, in log order. */
  events: TransferEvent[];
  live: LiveStatusModel;
  /** The session reached a final state: nothing will follow. */
  final: boolean;
}

/** A poll failed; the poller retries at live.nextPollAt. */
export interface HealthMessage {
  kind: 'health';
  live: LiveStatusModel;
}

/** The holder gave the lease up: replicas with subscribers try to take it now, not at their next turn. */
export interface ReleasedMessage {
  kind: 'released';
}

/** A write through the gateway may have changed the session: the holder polls now, not at its next turn. */
export interface PollNowMessage {
  kind: 'poll-now';
}

export type LiveMessage = SnapshotMessage | HealthMessage | ReleasedMessage | PollNowMessage;

export function encodeLiveMessage(message: LiveMessage): string {
  return JSON.stringify({ v: 1, ...message });
}

/** null for anything that is not a message of this version (logged by the caller, never thrown). */
export function decodeLiveMessage(text: string): LiveMessage | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(raw) || raw.v !== 1) return null;
  switch (raw.kind) {
    case 'released':
      return { kind: 'released' };
    case 'poll-now':
      return { kind: 'poll-now' };
    case 'health':
      return isRecord(raw.live) ? { kind: 'health', live: reviveLive(raw.live) } : null;
    case 'snapshot': {
      const { stateName, facts, items, progress, after, events, live, final } = raw;
      if (typeof stateName !== 'string' || !isRecord(facts) || !Array.isArray(items) || !isRecord(progress)) return null;
      if (!(after === null || typeof after === 'string') || !Array.isArray(events) || !isRecord(live)) return null;
      return {
        kind: 'snapshot',
        stateName,
        facts: reviveFacts(facts as unknown as TransferSessionFacts),
        items: (items as TransferItemOutcome[]).map(reviveItem),
        progress: progress as unknown as TransferProgress,
        after,
        events: (events as TransferEvent[]).map(reviveEvent),
        live: reviveLive(live),
        final: final === true,
      };
    }
    default:
      return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function reviveEvent(event: TransferEvent): TransferEvent {
  return Object.freeze({ ...event, at: toDate(event.at) });
}

function reviveQueue(queue: TransferItemQueueOutcome): TransferItemQueueOutcome {
  return { ...queue, startedAt: toDate(queue.startedAt), finishedAt: toDate(queue.finishedAt) };
}

function reviveItem(item: TransferItemOutcome): TransferItemOutcome {
  return {
    ...item,
    transfer: reviveQueue(item.transfer),
    restore: reviveQueue(item.restore),
    startedAt: toDate(item.startedAt),
    finishedAt: toDate(item.finishedAt),
  };
}

function reviveFacts(facts: TransferSessionFacts): TransferSessionFacts {
  return {
    ...facts,
    startedAt: toDate(facts.startedAt),
    completedAt: toDate(facts.completedAt),
    lastEventAt: toDate(facts.lastEventAt),
  };
}

function reviveLive(live: Record<string, unknown>): LiveStatusModel {
  const error = live.lastError;
  return {
    polling: live.polling === true,
    lastError: isRecord(error)
      ? {
          code: String(error.code),
          message: String(error.message),
          consecutiveFailures: typeof error.consecutiveFailures === 'number' ? error.consecutiveFailures : 1,
        }
      : null,
    nextPollAt: toDate(live.nextPollAt),
  };
}
