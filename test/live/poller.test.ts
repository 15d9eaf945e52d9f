// The poller, the per-replica feed and a subscriber's stream, against a scripted session (its master.log
// from test/transfer's sample) and the memory engines: what is published, when, and after which cursor.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  decodeLiveMessage,
  MemoryLeaseStore,
  MemoryLiveBus,
  pollLeaseKey,
  retryDelayFor,
  sessionChannel,
  sessionReadOf,
  SessionEventStream,
  SessionFeed,
  SessionPoller,
  type LiveMessage,
  type PollTiming,
  type SessionRead,
} from '../../src/live/index.js';
import { parseTransferLog, type TransferEvent } from '../../src/transfer/index.js';
import { rootSessionLog } from '../transfer/sample-log.js';
import { eventually } from '../helpers/whm.js';

const KEY = { server: 'sim', id: 'sourceexamplecopya20260101000000AAAA' };
const TIMING: PollTiming = { intervalMs: 10, idleFactor: 5, maxBackoffMs: 80, minLeaseTtlMs: 500 };
const LINES = rootSessionLog().log.lines;
const ALL_EVENTS = parseTransferLog(LINES.map((line) => `${line}\n`).join('')).events;

/** A session as WHM would show it: its state and the first `shown` lines of its log. */
class ScriptedSession {
  state = 'RUNNING';
  shown = 0;
  failing = false;
  reads = 0;
  read = async (): Promise<SessionRead> => {
    this.reads += 1;
    if (this.failing) throw new Error('WHM is down');
    const text = LINES.slice(0, this.shown)
      .map((line) => `${line}\n`)
      .join('');
    return sessionReadOf(this.state, parseTransferLog(text), false);
  };
}

async function listen(bus: MemoryLiveBus): Promise<LiveMessage[]> {
  const messages: LiveMessage[] = [];
  await bus.subscribe(sessionChannel(KEY), (text) => {
    const message = decodeLiveMessage(text);
    if (message) messages.push(message);
  });
  return messages;
}

const snapshots = (messages: LiveMessage[]) => messages.flatMap((message) => (message.kind === 'snapshot' ? [message] : []));
const cursors = (events: readonly TransferEvent[]) => events.map((event) => event.cursor);
const until = <T>(check: () => T | undefined) => eventually(async () => check(), 5_000, 5);

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

function startPoller(
  session: ScriptedSession,
  bus: MemoryLiveBus,
  leases: MemoryLeaseStore,
  owner: string,
  hooks: Partial<{ onLeaseLost(): void; onFinished(): void }> = {},
) {
  const poller = new SessionPoller({
    key: KEY,
    owner,
    bus,
    leases,
    timing: TIMING,
    read: session.read,
    onLeaseLost: hooks.onLeaseLost ?? (() => undefined),
    onFinished: hooks.onFinished ?? (() => undefined),
  });
  stops.push(() => poller.stop());
  return poller;
}

describe('SessionPoller', () => {
  it('publishes the first look, then only what changed: new events after the last cursor, and the final state', async () => {
    const bus = new MemoryLiveBus();
    const leases = new MemoryLeaseStore();
    const messages = await listen(bus);
    const session = new ScriptedSession();
    session.shown = 8;
    const onFinished = vi.fn();
    await leases.acquire(pollLeaseKey(KEY), 'me', 1_000);
    await startPoller(session, bus, leases, 'me', { onFinished }).start();

    const [first] = await until(() => (snapshots(messages).length >= 1 ? snapshots(messages) : undefined));
    expect(first?.after).toBeNull();
    expect(cursors(first?.events ?? [])).toEqual(cursors(ALL_EVENTS.slice(0, 8)));
    // Polls that see nothing new publish nothing.
    await until(() => (session.reads >= 5 ? true : undefined));
    expect(snapshots(messages)).toHaveLength(1);

    session.shown = 14;
    const second = (await until(() => (snapshots(messages).length >= 2 ? snapshots(messages) : undefined)))[1];
    expect(second?.after).toBe(ALL_EVENTS[7]?.cursor);
    expect(cursors(second?.events ?? [])).toEqual(cursors(ALL_EVENTS.slice(8, 14)));
    expect(await leases.getState(pollLeaseKey(KEY))).toBe(ALL_EVENTS[13]?.cursor);

    session.shown = LINES.length;
    session.state = 'COMPLETED';
    await until(() => (onFinished.mock.calls.length > 0 && snapshots(messages).at(-1)?.final ? true : undefined));
    const last = snapshots(messages).at(-1);
    expect(last).toMatchObject({
      final: true,
      stateName: 'COMPLETED',
      live: { polling: false, lastError: null, nextPollAt: null },
    });
    expect(cursors(snapshots(messages).flatMap((message) => message.events))).toEqual(cursors(ALL_EVENTS));
    const reads = session.reads;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(session.reads).toBe(reads);
  });

  it('as a new holder, goes on strictly after the cursor the previous one stored', async () => {
    const bus = new MemoryLiveBus();
    const leases = new MemoryLeaseStore();
    const messages = await listen(bus);
    await leases.acquire(pollLeaseKey(KEY), 'previous', 1_000);
    await leases.setState(pollLeaseKey(KEY), 'previous', ALL_EVENTS[4]!.cursor);
    await leases.release(pollLeaseKey(KEY), 'previous');
    const session = new ScriptedSession();
    session.shown = 10;
    await leases.acquire(pollLeaseKey(KEY), 'next', 1_000);
    await startPoller(session, bus, leases, 'next').start();
    const [first] = await until(() => (snapshots(messages).length >= 1 ? snapshots(messages) : undefined));
    expect(first?.after).toBe(ALL_EVENTS[4]?.cursor);
    expect(cursors(first?.events ?? [])).toEqual(cursors(ALL_EVENTS.slice(5, 10)));
  });

  it('while reads fail: health messages, backoff doubling up to its cap, the same lease kept; then recovers', async () => {
    expect([1, 2, 3, 4, 5].map((failures) => retryDelayFor(TIMING, failures))).toEqual([20, 40, 80, 80, 80]);
    const bus = new MemoryLiveBus();
    const leases = new MemoryLeaseStore();
    const messages = await listen(bus);
    const session = new ScriptedSession();
    session.shown = 3;
    session.failing = true;
    await leases.acquire(pollLeaseKey(KEY), 'me', 1_000);
    await startPoller(session, bus, leases, 'me').start();
    await until(() => (messages.length >= 3 ? true : undefined));
    const health = messages.flatMap((message) => (message.kind === 'health' ? [message.live] : []));
    expect(health.slice(0, 3).map((live) => [live.polling, live.lastError?.code, live.lastError?.consecutiveFailures])).toEqual([
      [true, 'POLL_FAILED', 1],
      [true, 'POLL_FAILED', 2],
      [true, 'POLL_FAILED', 3],
    ]);
    expect(health.every((live) => live.nextPollAt instanceof Date)).toBe(true);
    expect(health[0]?.lastError?.message).not.toContain('WHM is down');
    expect(leases.holder(pollLeaseKey(KEY))).toBe('me');
    session.failing = false;
    const recovered = await until(() => snapshots(messages)[0]);
    expect(recovered.live.lastError).toBeNull();
    expect(cursors(recovered.events)).toEqual(cursors(ALL_EVENTS.slice(0, 3)));
  });

  it('polls at once when asked (a write changed the session), not at its next turn', async () => {
    const bus = new MemoryLiveBus();
    const leases = new MemoryLeaseStore();
    const session = new ScriptedSession();
    session.state = 'PENDING';
    await leases.acquire(pollLeaseKey(KEY), 'me', 1_000);
    const poller = new SessionPoller({
      key: KEY,
      owner: 'me',
      bus,
      leases,
      // Next turn in ten minutes: only pollNow() can make the second read happen within this test.
      timing: { ...TIMING, intervalMs: 120_000 },
      read: session.read,
      onLeaseLost: () => undefined,
      onFinished: () => undefined,
    });
    stops.push(() => poller.stop());
    await poller.start();
    await until(() => (session.reads === 1 ? true : undefined));
    poller.pollNow();
    await until(() => (session.reads === 2 ? true : undefined));
  });

  it('stops when another replica holds the lease', async () => {
    let now = 0;
    const bus = new MemoryLiveBus();
    const leases = new MemoryLeaseStore(() => now);
    const session = new ScriptedSession();
    const onLeaseLost = vi.fn();
    await leases.acquire(pollLeaseKey(KEY), 'me', 500);
    await startPoller(session, bus, leases, 'me', { onLeaseLost }).start();
    await until(() => (session.reads >= 2 ? true : undefined));
    now = 10_000;
    await leases.acquire(pollLeaseKey(KEY), 'other', 500);
    await until(() => (onLeaseLost.mock.calls.length === 1 ? true : undefined));
    const reads = session.reads;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(session.reads).toBe(reads);
  });
});

describe('SessionFeed on two replicas', () => {
  it('polls on one only, hands over when it closes, and the bus carries every event once', async () => {
    const bus = new MemoryLiveBus();
    const leases = new MemoryLeaseStore();
    const session = new ScriptedSession();
    session.shown = 6;
    const feeds = ['a', 'b'].map((owner) => new SessionFeed(KEY, { owner, bus, leases, timing: TIMING, read: session.read }));
    const [a, b] = feeds as [SessionFeed, SessionFeed];
    stops.push(() => Promise.all(feeds.map((feed) => feed.close())).then(() => undefined));
    const heard: LiveMessage[] = [];
    const listener = { onMessage: (message: LiveMessage) => heard.push(message) };
    await Promise.all([a.open(), b.open()]);
    const quiet = { onMessage: () => undefined };
    b.add(listener);
    a.add(quiet);
    a.activate(quiet);
    await until(() => (a.polling ? true : undefined));
    b.activate(listener);
    await until(() => (snapshots(heard).length >= 1 ? true : undefined));
    expect(b.polling).toBe(false);

    await a.close();
    await until(() => (b.polling ? true : undefined));
    session.shown = 16;
    await until(() => (snapshots(heard).flatMap((message) => message.events).length >= 16 ? true : undefined));
    session.shown = LINES.length;
    session.state = 'COMPLETED';
    await until(() => (snapshots(heard).at(-1)?.final ? true : undefined));
    expect(cursors(snapshots(heard).flatMap((message) => message.events))).toEqual(cursors(ALL_EVENTS));
    expect(heard.some((message) => message.kind === 'released')).toBe(true);
  });
});

describe('a subscriber stream', () => {
  it('joins catch-up and bus at the seam without duplicates, and reads WHM again on a gap', async () => {
    const session = new ScriptedSession();
    session.shown = 5;
    const leave = vi.fn();
    const stream = new SessionEventStream({ read: session.read, lastLive: () => null, leave }, null);
    const message = (after: number | null, from: number, to: number, final = false): LiveMessage => {
      const parsed = parseTransferLog(
        LINES.slice(0, to)
          .map((line) => `${line}\n`)
          .join(''),
      );
      return {
        kind: 'snapshot',
        stateName: final ? 'COMPLETED' : 'RUNNING',
        facts: parsed.session,
        items: parsed.items,
        progress: parsed.progress,
        after: after === null ? null : ALL_EVENTS[after - 1]!.cursor,
        events: parsed.events.slice(from, to),
        live: { polling: !final, lastError: null, nextPollAt: null },
        final,
      };
    };
    const catchingUp = stream.catchUp();
    // Published while the catch-up read was on its way: held, then dropped as already known.
    stream.onMessage(message(null, 0, 3));
    await catchingUp;
    stream.onMessage(message(5, 5, 7));
    expect(session.reads).toBe(1);
    // Starts after event 9, which this subscriber never had: read WHM again.
    session.shown = 11;
    stream.onMessage(message(9, 9, 11));
    await until(() => (session.reads === 2 ? true : undefined));
    await new Promise((resolve) => setImmediate(resolve));
    session.shown = LINES.length;
    stream.onMessage(message(11, 11, LINES.length, true));
    const delivered: TransferEvent[] = [];
    for await (const event of stream.queue) delivered.push(event);
    expect(cursors(delivered)).toEqual(cursors(ALL_EVENTS));
    expect(leave).toHaveBeenCalledTimes(1);
  });
});
