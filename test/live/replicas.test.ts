// Two gateway replicas sharing a live bus and a lease store: in memory, and on a real Redis (skipped
// when none is reachable) through the very same code. One poller for a session across both,
// subscribers on both fed from the bus, and a hand-over when the polling replica's last subscriber
// leaves, with no event lost or repeated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLeaseStore, MemoryLiveBus, pollLeaseKey, type LeaseStore, type LiveBus } from '../../src/live/index.js';
import { openRedisEngines } from '../../src/live/redis.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { deleteRedisKeys, randomRedisPrefix, redisReachableForTests, redisUrlForTests } from '../helpers/services.js';
import { eventually } from '../helpers/whm.js';
import { endOf, queuedSession, startSession, subscribe, wsClient } from './helpers.js';

interface PushedEvent {
  cursor: string;
  action: string;
}

interface SharedEngines {
  /** What each replica is given (the same engines, or each its own connections to one Redis). */
  replicas: [{ bus: LiveBus; leases: LeaseStore }, { bus: LiveBus; leases: LeaseStore }];
  /** The owner holding a lease now. */
  holder(key: string): Promise<string | null>;
  close(): Promise<void>;
}

function memoryEngines(): SharedEngines {
  const bus = new MemoryLiveBus();
  const leases = new MemoryLeaseStore();
  return {
    replicas: [
      { bus, leases },
      { bus, leases },
    ],
    holder: async (key) => leases.holder(key),
    close: async () => {
      await Promise.all([bus.close(), leases.close()]);
    },
  };
}

function redisEngines(): SharedEngines {
  const prefix = randomRedisPrefix('replicas');
  const [first, second] = [openRedisEngines(redisUrlForTests(), { prefix }), openRedisEngines(redisUrlForTests(), { prefix })];
  return {
    replicas: [first, second],
    holder: (key) => first.client.get(`${prefix}lease:${key}`),
    close: async () => {
      await deleteRedisKeys(first.client, prefix);
      await Promise.all([first.close(), second.close()]);
    },
  };
}

const redisUp = await redisReachableForTests();
const EVENTS = 'subscription($id: ID!) { transferSessionEvents(id: $id) { cursor action } }';
/** Long enough that a busy machine never lets a lease lapse mid-test (a hand-over here is a release, not an expiry). */
const LEASE_TTL_MS = 3_000;

describe.each([
  { name: 'in memory', engines: memoryEngines, skip: false },
  { name: 'on Redis', engines: redisEngines, skip: !redisUp },
])('two replicas, engines $name', ({ engines: openEngines, skip }) => {
  let engines: SharedEngines;
  let first: TestGateway;
  let second: TestGateway;

  beforeAll(async () => {
    if (skip) return;
    engines = openEngines();
    const [live1, live2] = engines.replicas;
    first = await startTestGateway({
      simulator: { speedFactor: 20 },
      gateway: { pollIntervalMs: 50, live: { ...live1, minLeaseTtlMs: LEASE_TTL_MS } },
    });
    second = await startTestGateway({
      sharedSimulator: first.simulator,
      sharedRegistry: first.registry,
      gateway: { pollIntervalMs: 50, live: { ...live2, minLeaseTtlMs: LEASE_TTL_MS } },
    });
  });
  afterAll(async () => {
    if (skip) return;
    await second.close();
    await first.close();
    await engines.close();
  });

  it.skipIf(skip)('poll a session once between them, and hand the poller over without a gap or a duplicate', async () => {
    const id = await queuedSession(first, [
      { user: 'meadow', localUser: 'meadowreplica' },
      { user: 'sunrise', localUser: 'sunrisereplica' },
    ]);
    const key = { server: 'sim', id };
    const clients = [wsClient(first.url), wsClient(second.url)];
    try {
      const [onFirst, onSecond] = clients.map((client) =>
        subscribe<PushedEvent>(client, EVENTS, { id }, 'transferSessionEvents'),
      );
      await startSession(first, id);
      await onFirst!.until((values) => values.length >= 3);
      await onSecond!.until((values) => values.length >= 3);
      const polling = () => [first, second].filter((replica) => replica.gateway.live.isPolling(key));
      expect(polling()).toHaveLength(1);
      const holder = polling()[0]!;
      const [stayer, stayerEvents, leaverEvents] =
        holder === first ? [second, onSecond!, onFirst!] : [first, onFirst!, onSecond!];
      expect(await engines.holder(pollLeaseKey(key))).toBe(holder.gateway.live.owner);

      // The polling replica's subscriber leaves: it lets the lease go, and the other replica takes over.
      leaverEvents.stop();
      await eventually(async () => (stayer.gateway.live.isPolling(key) ? true : undefined), 5_000);
      expect(holder.gateway.live.isPolling(key)).toBe(false);

      expect(await endOf(stayerEvents)).toEqual({ kind: 'complete' });
      const logged = await first.query<{ transferSession: { events: PushedEvent[] } }>(
        'query($id: ID!) { transferSession(id: $id) { events { cursor action } } }',
        { id },
      );
      expect(stayerEvents.values).toEqual(logged.data?.transferSession.events);
      expect(stayerEvents.values.at(-1)?.action).toBe('complete');
    } finally {
      await Promise.all(clients.map((client) => Promise.resolve(client.dispose())));
    }
  });
});
