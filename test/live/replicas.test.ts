// Two gateway replicas sharing one live bus and one lease store (in memory here; Redis in production):
// one poller for a session across both, subscribers on both fed from the bus, and a hand-over when
// the polling replica goes away, with no event lost or repeated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLeaseStore, MemoryLiveBus, pollLeaseKey } from '../../src/live/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { eventually } from '../helpers/whm.js';
import { endOf, queuedSession, startSession, subscribe, wsClient } from './helpers.js';

interface PushedEvent {
  cursor: string;
  action: string;
}

const EVENTS = 'subscription($id: ID!) { transferSessionEvents(id: $id) { cursor action } }';

describe('two replicas', () => {
  const bus = new MemoryLiveBus();
  const leases = new MemoryLeaseStore();
  let first: TestGateway;
  let second: TestGateway;

  beforeAll(async () => {
    const live = { bus, leases, minLeaseTtlMs: 300 };
    first = await startTestGateway({ simulator: { speedFactor: 20 }, gateway: { pollIntervalMs: 50, live } });
    second = await startTestGateway({
      sharedSimulator: first.simulator,
      sharedRegistry: first.registry,
      gateway: { pollIntervalMs: 50, live },
    });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await Promise.all([bus.close(), leases.close()]);
  });

  it('poll a session once between them, and hand the poller over without a gap or a duplicate', async () => {
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
      const pollers = [first, second].filter((replica) => replica.gateway.live.isPolling(key));
      expect(pollers).toHaveLength(1);
      const holder = pollers[0]!;
      const [stayer, stayerEvents, leaverEvents] =
        holder === first ? [second, onSecond!, onFirst!] : [first, onFirst!, onSecond!];
      expect(leases.holder(pollLeaseKey(key))).toBe(holder.gateway.live.owner);

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
