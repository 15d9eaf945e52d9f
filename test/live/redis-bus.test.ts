// The Redis live bus on a real Redis: two RedisLiveBus instances stand for two gateway replicas.
// Each test has its own key/channel prefix; nothing is flushed.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisLiveBus } from '../../src/live/redis.js';
import { randomRedisPrefix, redisReachableForTests, redisUrlForTests } from '../helpers/services.js';

const redisUp = await redisReachableForTests();

describe.skipIf(!redisUp)('RedisLiveBus on a real Redis', () => {
  const url = redisUrlForTests();
  let observer: Redis;
  const open: RedisLiveBus[] = [];

  beforeAll(() => {
    observer = new Redis(url);
  });
  afterAll(async () => {
    await observer.quit();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((bus) => bus.close()));
  });

  function replica(prefix: string): RedisLiveBus {
    const bus = new RedisLiveBus(url, { prefix });
    open.push(bus);
    return bus;
  }

  /** How many Redis connections are subscribed to the bus channel (PUBSUB NUMSUB). */
  async function redisSubscribers(prefix: string, channel: string): Promise<number> {
    const reply = (await observer.pubsub('NUMSUB', `${prefix}bus:${channel}`)) as [string, number];
    return Number(reply[1]);
  }

  it('fans a message out to every handler on every replica, whichever replica publishes', async () => {
    const prefix = randomRedisPrefix('bus-fanout');
    const [first, second] = [replica(prefix), replica(prefix)];
    const seen: Record<string, string[]> = { firstA: [], firstB: [], second: [] };
    await first.subscribe('session-1', (message) => seen.firstA?.push(message));
    await first.subscribe('session-1', (message) => seen.firstB?.push(message));
    await second.subscribe('session-1', (message) => seen.second?.push(message));
    // Two local handlers share one Redis subscription per replica.
    expect(await redisSubscribers(prefix, 'session-1')).toBe(2);

    await first.publish('session-1', 'from first');
    await second.publish('session-1', 'from second');

    await vi.waitFor(() => expect(seen.second).toHaveLength(2), { timeout: 5_000, interval: 10 });
    await vi.waitFor(() => expect(seen.firstB).toHaveLength(2), { timeout: 5_000, interval: 10 });
    expect(seen).toEqual({
      firstA: ['from first', 'from second'],
      firstB: ['from first', 'from second'],
      second: ['from first', 'from second'],
    });
  });

  it('keeps the order of each channel and keeps channels apart', async () => {
    const prefix = randomRedisPrefix('bus-order');
    const [publisher, subscriber] = [replica(prefix), replica(prefix)];
    const red: string[] = [];
    const blue: string[] = [];
    await subscriber.subscribe('red', (message) => red.push(message));
    await subscriber.subscribe('blue', (message) => blue.push(message));

    const expectedRed = Array.from({ length: 100 }, (_, index) => `red-${index}`);
    const expectedBlue = Array.from({ length: 100 }, (_, index) => `blue-${index}`);
    // Not awaited one by one: interleaved publishes in flight together must still arrive in order.
    await Promise.all(
      expectedRed.flatMap((message, index) => [
        publisher.publish('red', message),
        publisher.publish('blue', expectedBlue[index] ?? ''),
      ]),
    );

    await vi.waitFor(() => expect(red.length + blue.length).toBe(200), { timeout: 5_000, interval: 10 });
    expect(red).toEqual(expectedRed);
    expect(blue).toEqual(expectedBlue);
  });

  it('stops delivering to a handler once it unsubscribed, and leaves Redis when the last one leaves', async () => {
    const prefix = randomRedisPrefix('bus-unsubscribe');
    const [publisher, subscriber] = [replica(prefix), replica(prefix)];
    const leaving: string[] = [];
    const staying: string[] = [];
    const unsubscribeLeaving = await subscriber.subscribe('ch', (message) => leaving.push(message));
    const unsubscribeStaying = await subscriber.subscribe('ch', (message) => staying.push(message));

    await publisher.publish('ch', 'before');
    await vi.waitFor(() => expect(staying).toEqual(['before']), { timeout: 5_000, interval: 10 });
    await unsubscribeLeaving();
    await unsubscribeLeaving(); // twice is harmless
    expect(await redisSubscribers(prefix, 'ch')).toBe(1);

    await publisher.publish('ch', 'after');
    // Both handlers hear a message in the same turn, so once `staying` has it `leaving` would have it too.
    await vi.waitFor(() => expect(staying).toEqual(['before', 'after']), { timeout: 5_000, interval: 10 });
    expect(leaving).toEqual(['before']);

    await unsubscribeStaying();
    expect(await redisSubscribers(prefix, 'ch')).toBe(0);

    // Subscribing again after the channel was left works.
    const again: string[] = [];
    await subscriber.subscribe('ch', (message) => again.push(message));
    await publisher.publish('ch', 'back');
    await vi.waitFor(() => expect(again).toEqual(['back']), { timeout: 5_000, interval: 10 });
    expect(staying).toEqual(['before', 'after']);
  });

  it('delivers to the other handlers when one throws', async () => {
    const prefix = randomRedisPrefix('bus-throw');
    const bus = replica(prefix);
    const seen: string[] = [];
    await bus.subscribe('ch', () => {
      throw new Error('subscriber bug');
    });
    await bus.subscribe('ch', (message) => seen.push(message));
    await bus.publish('ch', 'one');
    await bus.publish('ch', 'two');
    await vi.waitFor(() => expect(seen).toEqual(['one', 'two']), { timeout: 5_000, interval: 10 });
  });

  it('keeps prefixes apart: a replica of another gateway does not hear the channel', async () => {
    const [ours, theirs] = [replica(randomRedisPrefix('bus-ours')), replica(randomRedisPrefix('bus-theirs'))];
    const heardByOurs: string[] = [];
    const heardByTheirs: string[] = [];
    await ours.subscribe('ch', (message) => heardByOurs.push(message));
    await theirs.subscribe('ch', (message) => heardByTheirs.push(message));
    await theirs.publish('ch', 'theirs only');
    await ours.publish('ch', 'ours only');
    await vi.waitFor(() => expect(heardByOurs).toEqual(['ours only']), { timeout: 5_000, interval: 10 });
    await vi.waitFor(() => expect(heardByTheirs).toEqual(['theirs only']), { timeout: 5_000, interval: 10 });
  });

  it('refuses to publish or subscribe once closed', async () => {
    const bus = replica(randomRedisPrefix('bus-closed'));
    await bus.close();
    await expect(bus.publish('ch', 'x')).rejects.toThrow(/closed/);
    await expect(bus.subscribe('ch', () => undefined)).rejects.toThrow(/closed/);
  });
});
