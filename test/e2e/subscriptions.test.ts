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
      progress { percent }
      items { name state }
      events(last: 3) { cursor }
      live { polling lastError { code consecutiveFailures } nextPollAt }
    }
  }
`;

const EVENTS = /* GraphQL */ `
  subscription Events($id: ID!, $after: String) {
    transferSessionEvents(id: $id, after: $after) { cursor action }
  }
`;

const ALL_EVENTS = 'query($id: ID!) { transferSession(id: $id) { events { cursor action } } }';

describe('live monitoring of one session', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ simulator: { speedFactor: 40 }, gateway: { pollIntervalMs: 50, maxSubscriptionsPerCaller: 100 } });
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
    const all = (await gateway.query<{ transferSession: { events: PushedEvent[] } }>(ALL_EVENTS, { id })).data?.transferSession.events ?? [];
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
      // One poller each: 20 pollers would read about 20 times as often.
      expect(crowdReads).toBeLessThanOrEqual(loneReads + 2);
      expect(watchers.slice(1).every((watcher) => watcher.values.at(-1)?.state === 'COMPLETED')).toBe(true);
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  });
});
