// Redis leases on a real Redis: two RedisLeaseStore instances stand for two replicas competing for
// one session's poller. Each test has its own key prefix and deletes its keys afterwards.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisLeaseStore } from '../../src/live/redis.js';
import { deleteRedisKeys, randomRedisPrefix, redisReachableForTests, redisUrlForTests } from '../helpers/services.js';

const redisUp = await redisReachableForTests();

const LONG_TTL_MS = 60_000;

describe.skipIf(!redisUp)('RedisLeaseStore on a real Redis', () => {
  const url = redisUrlForTests();
  let observer: Redis;
  let prefix = '';
  let replicas: RedisLeaseStore[] = [];

  beforeAll(() => {
    observer = new Redis(url);
  });
  afterAll(async () => {
    await observer.quit();
  });
  afterEach(async () => {
    await Promise.all(replicas.map((store) => store.close()));
    replicas = [];
    await deleteRedisKeys(observer, prefix);
    expect(await observer.keys(`${prefix}*`)).toEqual([]);
  });

  /** Two replicas on one prefix, each with its own connection. */
  function twoReplicas(label: string): [RedisLeaseStore, RedisLeaseStore] {
    prefix = randomRedisPrefix(label);
    replicas = [new RedisLeaseStore(url, { prefix }), new RedisLeaseStore(url, { prefix })];
    return [replicas[0] as RedisLeaseStore, replicas[1] as RedisLeaseStore];
  }

  it('is held by one owner at a time', async () => {
    const [a, b] = twoReplicas('lease-exclusive');
    expect(await a.acquire('session-1', 'replica-a', LONG_TTL_MS)).toBe(true);
    expect(await b.acquire('session-1', 'replica-b', LONG_TTL_MS)).toBe(false);
    // Another key is a separate lease.
    expect(await b.acquire('session-2', 'replica-b', LONG_TTL_MS)).toBe(true);
    expect(await a.acquire('session-2', 'replica-a', LONG_TTL_MS)).toBe(false);
    expect(await observer.get(`${prefix}lease:session-1`)).toBe('replica-a');
  });

  it('lets the holder renew, with the new TTL', async () => {
    const [a, b] = twoReplicas('lease-renew');
    expect(await a.acquire('session-1', 'replica-a', LONG_TTL_MS)).toBe(true);
    expect(await observer.pttl(`${prefix}lease:session-1`)).toBeLessThanOrEqual(LONG_TTL_MS);
    expect(await a.acquire('session-1', 'replica-a', 10 * LONG_TTL_MS)).toBe(true);
    // Only a renewal can have raised the TTL above the first one.
    expect(await observer.pttl(`${prefix}lease:session-1`)).toBeGreaterThan(LONG_TTL_MS);
    expect(await b.acquire('session-1', 'replica-b', LONG_TTL_MS)).toBe(false);
  });

  it('passes to another owner once the holder stops renewing and the TTL runs out', async () => {
    const [a, b] = twoReplicas('lease-expiry');
    expect(await a.acquire('session-1', 'replica-a', 200)).toBe(true);
    await vi.waitFor(async () => expect(await b.acquire('session-1', 'replica-b', LONG_TTL_MS)).toBe(true), {
      timeout: 5_000,
      interval: 50,
    });
    // The old holder finds it taken: no renewal, no state writes.
    expect(await a.acquire('session-1', 'replica-a', LONG_TTL_MS)).toBe(false);
    expect(await a.setState('session-1', 'replica-a', 'stale cursor')).toBe(false);
    expect(await b.setState('session-1', 'replica-b', 'cursor 7')).toBe(true);
    expect(await a.getState('session-1')).toBe('cursor 7');
  });

  it('is released only by its holder', async () => {
    const [a, b] = twoReplicas('lease-release');
    expect(await a.acquire('session-1', 'replica-a', LONG_TTL_MS)).toBe(true);
    await b.release('session-1', 'replica-b');
    expect(await b.acquire('session-1', 'replica-b', LONG_TTL_MS)).toBe(false);
    await a.release('session-1', 'replica-a');
    expect(await observer.exists(`${prefix}lease:session-1`)).toBe(0);
    expect(await b.acquire('session-1', 'replica-b', LONG_TTL_MS)).toBe(true);
    // Releasing a lease one does not hold (any more) is a no-op.
    await a.release('session-1', 'replica-a');
    expect(await observer.get(`${prefix}lease:session-1`)).toBe('replica-b');
  });

  it('writes state only for the holder, and the state outlives the holder', async () => {
    const [a, b] = twoReplicas('lease-state');
    expect(await a.getState('session-1')).toBeNull();
    // Nobody holds the lease: nobody may write.
    expect(await a.setState('session-1', 'replica-a', 'cursor 1')).toBe(false);
    expect(await a.acquire('session-1', 'replica-a', LONG_TTL_MS)).toBe(true);
    expect(await b.setState('session-1', 'replica-b', 'cursor from b')).toBe(false);
    expect(await a.setState('session-1', 'replica-a', 'cursor 3')).toBe(true);
    expect(await b.getState('session-1')).toBe('cursor 3');

    await a.release('session-1', 'replica-a');
    expect(await b.getState('session-1')).toBe('cursor 3');
    expect(await b.acquire('session-1', 'replica-b', LONG_TTL_MS)).toBe(true);
    expect(await b.getState('session-1')).toBe('cursor 3');
    expect(await b.setState('session-1', 'replica-b', 'cursor 4')).toBe(true);
    expect(await a.getState('session-1')).toBe('cursor 4');
    expect(await observer.get(`${prefix}lease:session-1:state`)).toBe('cursor 4');
  });

  it('refuses a TTL that is not positive', async () => {
    const [a] = twoReplicas('lease-ttl');
    await expect(a.acquire('session-1', 'replica-a', 0)).rejects.toThrow(RangeError);
    await expect(a.acquire('session-1', 'replica-a', Number.NaN)).rejects.toThrow(RangeError);
  });

  it('refuses calls once closed', async () => {
    const [a] = twoReplicas('lease-closed');
    await a.close();
    await expect(a.acquire('session-1', 'replica-a', LONG_TTL_MS)).rejects.toThrow(/closed/);
    await expect(a.getState('session-1')).rejects.toThrow(/closed/);
  });
});
