// The in-memory live engines: the same contract the Redis engines implement (src/live/contracts.ts).
import { describe, expect, it } from 'vitest';
import { MemoryLeaseStore, MemoryLiveBus } from '../../src/live/index.js';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('MemoryLiveBus', () => {
  it('delivers each message to every subscriber of its channel, in order, after publish returns', async () => {
    const bus = new MemoryLiveBus();
    const first: string[] = [];
    const second: string[] = [];
    const other: string[] = [];
    await bus.subscribe('session:a', (message) => first.push(message));
    await bus.subscribe('session:a', (message) => second.push(message));
    await bus.subscribe('session:b', (message) => other.push(message));
    await bus.publish('session:a', 'one');
    // Asynchronous like Redis: nothing arrives inside publish().
    expect(first).toEqual([]);
    await bus.publish('session:a', 'two');
    await settle();
    expect(first).toEqual(['one', 'two']);
    expect(second).toEqual(['one', 'two']);
    expect(other).toEqual([]);
    await bus.close();
  });

  it('stops delivering after unsubscribe, and one failing subscriber does not stop the others', async () => {
    const bus = new MemoryLiveBus();
    const kept: string[] = [];
    const dropped: string[] = [];
    await bus.subscribe('c', () => {
      throw new Error('subscriber bug');
    });
    await bus.subscribe('c', (message) => kept.push(message));
    const unsubscribe = await bus.subscribe('c', (message) => dropped.push(message));
    await bus.publish('c', 'before');
    await settle();
    await unsubscribe();
    await bus.publish('c', 'after');
    await settle();
    expect(kept).toEqual(['before', 'after']);
    expect(dropped).toEqual(['before']);
    await bus.close();
    await expect(bus.publish('c', 'closed')).rejects.toThrow(/closed/);
  });
});

describe('MemoryLeaseStore', () => {
  it('gives a lease to one owner until it expires or is released; renewing keeps it', async () => {
    let now = 1_000;
    const leases = new MemoryLeaseStore(() => now);
    expect(await leases.acquire('poll:sim:s1', 'a', 100)).toBe(true);
    expect(await leases.acquire('poll:sim:s1', 'b', 100)).toBe(false);
    now += 90;
    expect(await leases.acquire('poll:sim:s1', 'a', 100)).toBe(true);
    now += 90;
    expect(await leases.acquire('poll:sim:s1', 'b', 100)).toBe(false);
    now += 20;
    expect(leases.holder('poll:sim:s1')).toBeNull();
    expect(await leases.acquire('poll:sim:s1', 'b', 100)).toBe(true);
    await leases.release('poll:sim:s1', 'a');
    expect(leases.holder('poll:sim:s1')).toBe('b');
    await leases.release('poll:sim:s1', 'b');
    expect(await leases.acquire('poll:sim:s1', 'a', 100)).toBe(true);
  });

  it('keeps state beside the lease, written only by the holder, outliving it', async () => {
    let now = 0;
    const leases = new MemoryLeaseStore(() => now);
    expect(await leases.getState('k')).toBeNull();
    expect(await leases.setState('k', 'a', 'e1.11')).toBe(false);
    await leases.acquire('k', 'a', 50);
    expect(await leases.setState('k', 'a', 'e1.12')).toBe(true);
    expect(await leases.setState('k', 'b', 'e1.19')).toBe(false);
    now = 60;
    expect(await leases.setState('k', 'a', 'e1.13')).toBe(false);
    await leases.release('k', 'a');
    expect(await leases.getState('k')).toBe('e1.12');
  });
});
