// A replica loses Redis and gets it back (a TCP proxy in front of the real Redis is cut, then
// restored): calls reject during the outage, ioredis reconnects by itself, subscriptions are
// renewed, and messages flow again. Pub/sub does not keep what was published meanwhile.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openRedisEngines, RedisLiveBus, type RedisEngines } from '../../src/live/redis.js';
import {
  deleteRedisKeys,
  randomRedisPrefix,
  redisReachableForTests,
  redisUrlForTests,
  startCuttableProxy,
  type CuttableProxy,
} from '../helpers/services.js';

const redisUp = await redisReachableForTests();

describe.skipIf(!redisUp)('Redis engines across an outage', () => {
  const url = redisUrlForTests();
  let observer: Redis;
  let proxy: CuttableProxy;
  let prefix = '';
  const toClose: { close(): Promise<void> }[] = [];

  beforeAll(() => {
    observer = new Redis(url);
  });
  afterAll(async () => {
    await observer.quit();
  });
  afterEach(async () => {
    await Promise.all(toClose.splice(0).map((closable) => closable.close()));
    await deleteRedisKeys(observer, prefix);
  });

  it('rejects during the outage, then resubscribes and delivers again', async () => {
    prefix = randomRedisPrefix('outage');
    proxy = await startCuttableProxy(url);
    toClose.push(proxy);
    const cutOff: RedisEngines = openRedisEngines(proxy.url, { prefix, readyTimeoutMs: 200 });
    const healthy = new RedisLiveBus(url, { prefix });
    toClose.push(cutOff, healthy);
    await cutOff.ready();

    const heard: string[] = [];
    await cutOff.bus.subscribe('session-1', (message) => heard.push(message));
    await healthy.publish('session-1', 'before');
    await vi.waitFor(() => expect(heard).toEqual(['before']), { timeout: 5_000, interval: 10 });
    expect(await cutOff.leases.acquire('session-1', 'replica-a', 60_000)).toBe(true);

    proxy.cut();
    // Sent before the client saw the connection drop, or after: rejected either way, at once or within readyTimeoutMs.
    await expect(cutOff.bus.publish('session-1', 'lost')).rejects.toThrow(/was lost before the reply|not reachable/);
    await expect(cutOff.leases.acquire('session-1', 'replica-a', 60_000)).rejects.toThrow(/not reachable/);
    // Nobody on the cut-off replica hears this one: pub/sub keeps nothing for absent subscribers.
    await healthy.publish('session-1', 'during');

    proxy.restore();
    // ioredis reconnects both connections by itself and subscribes the channel again.
    await vi.waitFor(
      async () => {
        const [, subscribers] = (await observer.pubsub('NUMSUB', `${prefix}bus:session-1`)) as [string, number];
        expect(Number(subscribers)).toBe(1);
      },
      { timeout: 15_000, interval: 50 },
    );
    await healthy.publish('session-1', 'after');
    await vi.waitFor(() => expect(heard).toEqual(['before', 'after']), { timeout: 5_000, interval: 10 });

    await vi.waitFor(() => cutOff.ready(), { timeout: 15_000, interval: 50 });
    await cutOff.bus.publish('session-1', 'from the cut-off replica');
    await vi.waitFor(() => expect(heard).toEqual(['before', 'after', 'from the cut-off replica']), {
      timeout: 5_000,
      interval: 10,
    });
    // The lease it held before the outage is still its own (its TTL had not run out).
    expect(await cutOff.leases.acquire('session-1', 'replica-a', 60_000)).toBe(true);
  });
});
