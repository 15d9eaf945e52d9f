// Live monitoring end to end: graphql-ws clients over real WebSockets, a real gateway, the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { endOf, queuedSession, requestsNaming, startSession, subscribe, wsClient } from '../live/helpers.js';

interface PushedSession {
  state: string;
  progress: { percent: number } | null;
  items: { name: string; state: string }[] | null;
  events: { cursor: string }[] | null;
  live: { polling: boolean; lastError: { code: string; consecutiveFailures: number } | null; nextPollAt: string | null } | null;
}

interface PushedEvent {
  cursor: string;
  action: string;
  line?: number;
}

const UPDATED = /* GraphQL */ `
  subscription Watch($id: ID!) {
    transferSessionUpdated(id: $id) {
      state
      progress {
        percent
      }
      items {
        name
        state
      }
      events(last: 3) {
        cursor
      }
      live {
        polling
        lastError {
          code
          consecutiveFailures
        }
        nextPollAt
      }
    }
  }
`;

const EVENTS = /* GraphQL */ `
  subscription Events($id: ID!, $after: String) {
    transferSessionEvents(id: $id, after: $after) {
      cursor
      action
    }
  }
`;

const ALL_EVENTS = 'query($id: ID!) { transferSession(id: $id) { events { cursor action } } }';

describe('live monitoring of one session', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({
      simulator: { speedFactor: 40 },
      gateway: { pollIntervalMs: 50, maxSubscriptionsPerCaller: 100 },
    });
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('pushes the session when it changes, and completes after the final state', async () => {
    const id = await queuedSession(gateway, [{ user: 'meadow', localUser: 'meadowlive1' }]);
    const client = wsClient(gateway.url);
    try {
      const watch = subscribe<PushedSession>(client, UPDATED, { id }, 'transferSessionUpdated');
      const [first] = await watch.until((values) => values.length >= 1);
      expect(first?.state).toBe('PENDING');
      expect(first?.live?.polling).toBe(true);
      await startSession(gateway, id);
      expect(await endOf(watch)).toEqual({ kind: 'complete' });
      const states = watch.values.map((value) => value.state);
      expect(states).toContain('RUNNING');
      expect(states.at(-1)).toBe('COMPLETED');
      const last = watch.values.at(-1);
      expect(last?.live).toEqual({ polling: false, lastError: null, nextPollAt: null });
      expect(last?.progress?.percent).toBe(100);
      expect(last?.items).toEqual([{ name: 'meadow', state: 'COMPLETED' }]);
      // Only changes are pushed: never the same state, progress and items twice in a row.
      const shown = watch.values.map((value) => JSON.stringify([value.state, value.progress, value.items, value.live?.polling]));
      shown.slice(1).forEach((value, index) => expect(value).not.toBe(shown[index]));
      // Progress never goes back.
      const percents = watch.values.map((value) => value.progress?.percent ?? 0);
      expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    } finally {
      await client.dispose();
    }
  });

  it('pushes each event once and in order, and resumes after a cursor with no gap and no duplicate', async () => {
    const id = await queuedSession(gateway, [
      { user: 'meadow', localUser: 'meadowlive2' },
      { user: 'sunrise', localUser: 'sunriselive2' },
    ]);
    const client = wsClient(gateway.url);
    try {
      const first = subscribe<PushedEvent>(client, EVENTS, { id }, 'transferSessionEvents');
      await startSession(gateway, id);
      const seen = await first.until((values) => values.length >= 6);
      first.stop();
      const kept = seen.slice(0, 6);
      const resumed = subscribe<PushedEvent>(client, EVENTS, { id, after: kept.at(-1)?.cursor }, 'transferSessionEvents');
      expect(await endOf(resumed)).toEqual({ kind: 'complete' });
      const received = [...kept, ...resumed.values];
      const logged = await gateway.query<{ transferSession: { events: PushedEvent[] } }>(ALL_EVENTS, { id });
      const all = logged.data?.transferSession.events ?? [];
      expect(all.length).toBeGreaterThan(10);
      expect(received).toEqual(all);
      expect(all.at(-1)?.action).toBe('complete');
    } finally {
      await client.dispose();
    }
  });

  it('gives polling clients the same cursors (TransferSession.events(after)), and refuses a bad cursor', async () => {
    const id = await queuedSession(gateway, [{ user: 'meadow', localUser: 'meadowlive3' }]);
    await startSession(gateway, id);
    const all =
      (await gateway.query<{ transferSession: { events: PushedEvent[] } }>(ALL_EVENTS, { id })).data?.transferSession.events ??
      [];
    expect(all.length).toBeGreaterThan(3);
    const after = await gateway.query<{ transferSession: { events: PushedEvent[] } }>(
      'query($id: ID!, $after: String) { transferSession(id: $id) { events(after: $after) { cursor action } } }',
      { id, after: all[2]?.cursor },
    );
    expect(after.data?.transferSession.events.slice(0, all.length - 3)).toEqual(all.slice(3));
    const bad = await gateway.query('query($id: ID!) { transferSession(id: $id) { events(after: "nope") { cursor } } }', { id });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const client = wsClient(gateway.url);
    try {
      const refused = subscribe<PushedEvent>(client, EVENTS, { id, after: 'e1.zz' }, 'transferSessionEvents');
      expect(await endOf(refused)).toEqual({ kind: 'complete' });
      expect(refused.resultErrors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.values).toEqual([]);
    } finally {
      await client.dispose();
    }
  });

  it('feeds 20 subscribers of a session for the WHM requests of one (plus their catch-up reads)', async () => {
    const lone = await queuedSession(gateway, [{ user: 'meadow', localUser: 'meadowlone' }]);
    const crowded = await queuedSession(gateway, [{ user: 'meadow', localUser: 'meadowcrowd' }]);
    const clients = Array.from({ length: 21 }, () => wsClient(gateway.url));
    try {
      const [loneClient, ...crowdClients] = clients;
      const watchers = [
        subscribe<PushedSession>(loneClient!, UPDATED, { id: lone }, 'transferSessionUpdated'),
        ...crowdClients.map((client) => subscribe<PushedSession>(client, UPDATED, { id: crowded }, 'transferSessionUpdated')),
      ];
      // Every catch-up read done: from here on, only pollers read WHM.
      await Promise.all(watchers.map((watcher) => watcher.until((values) => values.length >= 1)));
      gateway.simulator.resetStats();
      // Both sessions run side by side, over the same stretch of time.
      await Promise.all([startSession(gateway, lone), startSession(gateway, crowded)]);
      const ends = await Promise.all(watchers.map((watcher) => endOf(watcher)));
      expect(ends.every((end) => end.kind === 'complete')).toBe(true);
      const loneReads = requestsNaming(gateway, lone, ['start_transfer_session']);
      const crowdReads = requestsNaming(gateway, crowded, ['start_transfer_session']);
      expect(loneReads).toBeGreaterThanOrEqual(3);
      // One poller each (timers drift a little apart under load); 20 pollers would read about 20 times as often.
      expect(crowdReads).toBeLessThanOrEqual(Math.ceil(loneReads * 1.5) + 2);
      expect(watchers.slice(1).every((watcher) => watcher.values.at(-1)?.state === 'COMPLETED')).toBe(true);
    } finally {
      await Promise.all(clients.map((client) => Promise.resolve(client.dispose())));
    }
  });
});

describe('when WHM fails, at the limits, and after a write', () => {
  let gateway: TestGateway;
  /** Same simulator, small limits: sessions are created through `gateway`, whose budget is not spent here. */
  let limited: TestGateway;
  /** Same simulator, slow polling. */
  let slow: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({
      simulator: { speedFactor: 40 },
      // No breaker: each poll reaches the simulator, so recovery is seen at the next retry.
      breaker: false,
      gateway: { pollIntervalMs: 20, pollMaxBackoffMs: 160 },
    });
    limited = await startTestGateway({
      sharedSimulator: gateway.simulator,
      sharedRegistry: gateway.registry,
      gateway: {
        pollIntervalMs: 50,
        maxSubscriptionsPerCaller: 2,
        rateLimit: { perIdentityPerMinute: 4, perIpPerMinute: 1_000 },
      },
    });
    slow = await startTestGateway({
      sharedSimulator: gateway.simulator,
      sharedRegistry: gateway.registry,
      gateway: { pollIntervalMs: 10_000 },
    });
  });
  afterAll(async () => {
    await slow.close();
    await limited.close();
    await gateway.close();
  });

  it('keeps the subscription open while WHM fails, shows the failure and retries with backoff, then recovers', async () => {
    const id = await queuedSession(gateway, [{ user: 'meadow', localUser: 'meadowfault' }]);
    const client = wsClient(gateway.url);
    try {
      const watch = subscribe<PushedSession>(client, UPDATED, { id }, 'transferSessionUpdated');
      await watch.until((values) => values.length >= 1);
      gateway.simulator.setFault('*', { kind: 'status', status: 503 });
      const failing = await watch.until((values) => (values.at(-1)?.live?.lastError?.consecutiveFailures ?? 0) >= 3);
      const failures = failing.filter((value) => value.live?.lastError);
      expect(failures.map((value) => value.live?.lastError?.code)).toEqual(failures.map(() => 'WHM_UNAVAILABLE'));
      expect(failures.map((value) => value.live?.lastError?.consecutiveFailures).slice(0, 3)).toEqual([1, 2, 3]);
      expect(failures.every((value) => value.live?.polling === true && value.live.nextPollAt !== null)).toBe(true);
      // The session itself is shown as last seen, not emptied by the failure.
      expect(failures.every((value) => value.state === 'PENDING')).toBe(true);
      gateway.simulator.setFault('*', null);
      const recovered = await watch.until((values) => values.length > failing.length && values.at(-1)?.live?.lastError === null);
      expect(recovered.at(-1)?.live?.polling).toBe(true);
      await startSession(gateway, id);
      expect(await endOf(watch)).toEqual({ kind: 'complete' });
      expect(watch.values.at(-1)?.state).toBe('COMPLETED');
    } finally {
      gateway.simulator.setFault('*', null);
      await client.dispose();
    }
  });

  it('looks at once after a steering mutation, even while the session waited (slow polling)', async () => {
    const id = await queuedSession(gateway, [{ user: 'meadow', localUser: 'meadowpoke' }]);
    const client = wsClient(slow.url);
    try {
      const watch = subscribe<PushedSession>(client, UPDATED, { id }, 'transferSessionUpdated');
      await watch.until((values) => values.length >= 1);
      // Idle polling here is every 5 × 10 s: without the nudge, nothing would show for 50 s.
      await startSession(slow, id);
      await watch.until((values) => values.some((value) => value.state !== 'PENDING'), 10_000);
      watch.stop();
    } finally {
      await client.dispose();
    }
  });

  it('caps concurrent subscriptions per caller (TOO_MANY_SUBSCRIPTIONS) and spends a rate-limit point per subscribe', async () => {
    const id = await queuedSession(gateway, [{ user: 'meadow', localUser: 'meadowcap' }]);
    const client = wsClient(limited.url);
    try {
      const first = subscribe<PushedSession>(client, UPDATED, { id }, 'transferSessionUpdated');
      const second = subscribe<PushedSession>(client, UPDATED, { id }, 'transferSessionUpdated');
      await first.until((values) => values.length >= 1);
      await second.until((values) => values.length >= 1);
      const third = subscribe<PushedSession>(client, UPDATED, { id }, 'transferSessionUpdated');
      const refused = await endOf(third);
      expect(refused.kind).toBe('error');
      expect(refused.kind === 'error' && (refused.error as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe(
        'TOO_MANY_SUBSCRIPTIONS',
      );
      first.stop();
      const fourth = subscribe<PushedSession>(client, UPDATED, { id }, 'transferSessionUpdated');
      await fourth.until((values) => values.length >= 1);
      // Four subscribes spent the caller's four points: the fifth waits for the next minute.
      second.stop();
      const fifth = subscribe<PushedSession>(client, UPDATED, { id }, 'transferSessionUpdated');
      const throttled = await endOf(fifth);
      expect(throttled.kind === 'error' && (throttled.error as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe(
        'RATE_LIMITED',
      );
      fourth.stop();
    } finally {
      await client.dispose();
    }
  });
});

describe('shutdown', () => {
  it('completes every subscription when the gateway closes', async () => {
    const gateway = await startTestGateway({ simulator: { speedFactor: 40 }, gateway: { pollIntervalMs: 50 } });
    const client = wsClient(gateway.url);
    try {
      const id = await queuedSession(gateway, [{ user: 'meadow', localUser: 'meadowclose' }]);
      const watch = subscribe<PushedSession>(client, UPDATED, { id }, 'transferSessionUpdated');
      const events = subscribe<PushedEvent>(client, EVENTS, { id }, 'transferSessionEvents');
      await watch.until((values) => values.length >= 1);
      await startSession(gateway, id);
      await events.until((values) => values.length >= 1);
      expect(gateway.gateway.live.isPolling({ server: 'sim', id })).toBe(true);
      await gateway.gateway.close();
      expect(await endOf(watch, 5_000)).toEqual({ kind: 'complete' });
      expect(await endOf(events, 5_000)).toEqual({ kind: 'complete' });
      expect(gateway.gateway.live.subscriberCount).toBe(0);
      expect(gateway.gateway.live.isPolling({ server: 'sim', id })).toBe(false);
    } finally {
      await client.dispose();
      await gateway.close();
    }
  });
});
