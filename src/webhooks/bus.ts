// Where the session pollers' changes become webhook events, without the pollers knowing: a LiveBus
// that, before passing a poller's snapshot on, records it in the outbox. Only the replica holding a
// session's poll lease publishes its snapshots, so only it writes them. When the outbox cannot be
// written, the publish fails: the poller treats that like a failed poll and publishes (and records)
// the same events again at its next try, so an event reaches the outbox at least once.
import { decodeLiveMessage, sessionChannel, type LiveBus, type SessionKey } from '../live/index.js';
import type { SnapshotMessage } from '../live/messages.js';
import { eventCursorLine } from '../transfer/index.js';
import type { LookContents } from './recorder.js';

const SESSION_CHANNEL = /^session:([^:]+):([^:]+)$/;

/** The session a channel belongs to (sessionChannel's inverse), or null for any other channel. */
export function sessionOfChannel(channel: string): SessionKey | null {
  const match = SESSION_CHANNEL.exec(channel);
  if (!match) return null;
  const key = { server: match[1] ?? '', id: match[2] ?? '' };
  return sessionChannel(key) === channel ? key : null;
}

/** A poller's snapshot as a look: the new events, and how far into the log they reach. */
export function lookOfSnapshot(message: SnapshotMessage): LookContents {
  const last = message.events.at(-1)?.cursor ?? message.after;
  return {
    stateName: message.stateName,
    events: message.events,
    items: message.items,
    logPosition: last === null ? 0 : eventCursorLine(last),
  };
}

export function recordingBus(bus: LiveBus, record: (key: SessionKey, look: LookContents) => Promise<void>): LiveBus {
  return {
    async publish(channel, message) {
      const key = sessionOfChannel(channel);
      const decoded = key ? decodeLiveMessage(message) : null;
      if (key && decoded?.kind === 'snapshot') await record(key, lookOfSnapshot(decoded));
      await bus.publish(channel, message);
    },
    subscribe: (channel, onMessage) => bus.subscribe(channel, onMessage),
    close: () => bus.close(),
  };
}
