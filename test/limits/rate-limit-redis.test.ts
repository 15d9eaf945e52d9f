// Rate limits in Redis: two limiter sets on two connections stand for two gateway replicas, and a
// caller's budget is spent across both. When Redis is away, each replica falls back to limiting in
// its own memory. Each test has its own key prefix and deletes its keys afterwards.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createAuthFailureLimiter,
  createRateLimits,
  redisRateLimitStore,
  type RateLimitOptions,
} from '../../src/limits/rate-limit.js';
import { RedisConnection } from '../../src/live/redis.js';
import {
  closedLoopbackPort,
  deleteRedisKeys,
  randomRedisPrefix,
  redisReachableForTests,
  redisUrlForTests,
  startCuttableProxy,
} from '../helpers/services.js';

const redisUp = await redisReachableForTests();

const ROOMY = { points: 1000, durationSeconds: 60 };
const IP = '192.0.2.10';

const connections: RedisConnection[] = [];
afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.close()));
});

async function connect(url: string): Promise<Redis> {
  const connection = new RedisConnection(url, 'rate-limits', { readyTimeoutMs: 300 });
  connections.push(connection);
  return connection.client;
}

describe.skipIf(!redisUp)('rate limits shared through a real Redis', () => {
  const url = redisUrlForTests();
  let observer: Redis;
  let prefix = '';

  beforeAll(() => {
    observer = new Redis(url);
  });
  afterAll(async () => {
    await observer.quit();
  });
  afterEach(async () => {
    await deleteRedisKeys(observer, prefix);
  });

  /** Two replicas' limits on one Redis prefix, each replica with its own connection. */
  async function twoReplicas(label: string, options: Omit<RateLimitOptions, 'store'>) {
    prefix = randomRedisPrefix(label);
    const replicas = [];
    for (let index = 0; index < 2; index += 1) {
      const client = await connect(url);
      // Until the connection is up the limiter counts in memory (by design): start from a live one.
      await connections.at(-1)?.whenReady();
      replicas.push(createRateLimits({ ...options, store: redisRateLimitStore(client, prefix) }));
    }
    return replicas as [ReturnType<typeof createRateLimits>, ReturnType<typeof createRateLimits>];
  }

  it("spends one caller's identity budget across both replicas", async () => {
    const [first, second] = await twoReplicas('rl-identity', { perIdentity: { points: 3, durationSeconds: 60 }, perIp: ROOMY });
    expect(await first.consume('alice', IP)).toEqual({ ok: true });
    expect(await second.consume('alice', IP)).toEqual({ ok: true });
    expect(await first.consume('alice', IP)).toEqual({ ok: true });
    const refused = await second.consume('alice', IP);
    expect(refused).toMatchObject({ ok: false, limit: 'identity' });
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another caller is counted apart, and the count lives in Redis under the prefix.
    expect(await second.consume('bob', IP)).toEqual({ ok: true });
    // A refused request is counted too (3 allowed + 1 refused).
    expect(await observer.get(`${prefix}gql-rl-identity:alice`)).toBe('4');
  });

  it('spends the IP budget across identities and replicas', async () => {
    const [first, second] = await twoReplicas('rl-ip', { perIdentity: ROOMY, perIp: { points: 2, durationSeconds: 60 } });
    expect(await first.consume('alice', IP)).toEqual({ ok: true });
    expect(await second.consume('bob', IP)).toEqual({ ok: true });
    expect(await first.consume('carol', IP)).toMatchObject({ ok: false, limit: 'ip' });
    expect(await second.consume('carol', '192.0.2.11')).toEqual({ ok: true });
  });

  it('shares the failed-authentication budget of an address', async () => {
    prefix = randomRedisPrefix('rl-auth');
    const window = { points: 2, durationSeconds: 60 };
    const first = createAuthFailureLimiter(window, redisRateLimitStore(await connect(url), prefix));
    const second = createAuthFailureLimiter(window, redisRateLimitStore(await connect(url), prefix));
    await Promise.all(connections.map((connection) => connection.whenReady()));
    expect(await first.recordFailure(IP)).toEqual({ blocked: false, remaining: 1 });
    expect(await second.recordFailure(IP)).toEqual({ blocked: false, remaining: 0 });
    expect(await first.check(IP)).toMatchObject({ blocked: true });
    expect(await second.check('192.0.2.11')).toEqual({ blocked: false });
  });

  it('limits in memory while Redis is away, then shares the budget again once it is back', async () => {
    const proxy = await startCuttableProxy(url);
    try {
      prefix = randomRedisPrefix('rl-outage');
      const connection = new RedisConnection(proxy.url, 'rate-limits', { readyTimeoutMs: 300 });
      connections.push(connection);
      await connection.whenReady();
      const limits = createRateLimits({
        perIdentity: { points: 2, durationSeconds: 60 },
        perIp: ROOMY,
        store: redisRateLimitStore(connection.client, prefix),
      });
      expect(await limits.consume('alice', IP)).toEqual({ ok: true });
      expect(await observer.get(`${prefix}gql-rl-identity:alice`)).toBe('1');

      proxy.cut();
      // The memory fallback starts from zero: alice gets her 2 points here, then is refused.
      expect(await limits.consume('alice', IP)).toEqual({ ok: true });
      expect(await limits.consume('alice', IP)).toEqual({ ok: true });
      expect(await limits.consume('alice', IP)).toMatchObject({ ok: false, limit: 'identity' });
      expect(await observer.get(`${prefix}gql-rl-identity:alice`)).toBe('1');

      proxy.restore();
      // ioredis reconnects on its own, after a backoff that grew during the outage.
      await vi.waitFor(() => expect(connection.client.status).toBe('ready'), { timeout: 10_000, interval: 50 });
      // Back on Redis, where alice has 1 of 2 points left.
      expect(await limits.consume('alice', IP)).toEqual({ ok: true });
      expect(await limits.consume('alice', IP)).toMatchObject({ ok: false, limit: 'identity' });
      expect(await observer.get(`${prefix}gql-rl-identity:alice`)).toBe('3');
    } finally {
      await proxy.close();
    }
  });
});

describe('rate limits on an unreachable Redis', () => {
  it('fall back to this process’s memory: requests are still served and still limited', async () => {
    const port = await closedLoopbackPort();
    const client = await connect(`redis://127.0.0.1:${port}`);
    const limits = createRateLimits({
      perIdentity: { points: 2, durationSeconds: 60 },
      perIp: ROOMY,
      store: redisRateLimitStore(client),
    });
    expect(await limits.consume('alice', IP)).toEqual({ ok: true });
    expect(await limits.consume('alice', IP)).toEqual({ ok: true });
    expect(await limits.consume('alice', IP)).toMatchObject({ ok: false, limit: 'identity' });
    expect(await limits.consume('bob', IP)).toEqual({ ok: true });
  });
});
