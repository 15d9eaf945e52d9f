// The Redis engines pointed at a loopback port where nothing listens: calls reject with an Error
// in bounded time, the connection errors are logged (password redacted), not thrown at the process,
// and close() still works. Needs no Redis, so it always runs.
import { afterEach, describe, expect, it } from 'vitest';
import { openRedisEngines, RedisLeaseStore, RedisLiveBus, type RedisLogger } from '../../src/live/redis.js';
import { closedLoopbackPort } from '../helpers/services.js';

interface LogLine {
  level: 'warn' | 'info';
  fields: Record<string, unknown>;
  message: string;
}

function recordingLogger(): { logger: RedisLogger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    logger: {
      warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
      info: (fields, message) => lines.push({ level: 'info', fields, message }),
    },
  };
}

const toClose: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(toClose.splice(0).map((engine) => engine.close()));
});

describe('Redis engines when Redis is unreachable', () => {
  it('rejects publish and subscribe with an Error and logs the connection error once, without the password', async () => {
    const port = await closedLoopbackPort();
    const { logger, lines } = recordingLogger();
    const bus = new RedisLiveBus(`redis://:hunter2@127.0.0.1:${port}`, { logger, readyTimeoutMs: 300 });
    toClose.push(bus);

    await expect(bus.publish('ch', 'lost')).rejects.toThrow(/not reachable/);
    await expect(bus.subscribe('ch', () => undefined)).rejects.toThrow(/not reachable/);
    // The failed subscription left nothing behind: a second attempt fails the same way, not by hanging.
    await expect(bus.subscribe('ch', () => undefined)).rejects.toThrow(/not reachable/);

    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.level === 'warn' && line.message === 'Redis connection error; reconnecting')).toBe(true);
    // One line per connection (publisher, subscriber) for the repeated ECONNREFUSED, not one per retry.
    expect(new Set(lines.map((line) => line.fields.connection))).toEqual(new Set(['publisher', 'subscriber']));
    expect(lines).toHaveLength(2);
    expect(JSON.stringify(lines)).not.toContain('hunter2');
    expect(lines[0]?.fields.redis).toBe(`redis://:***@127.0.0.1:${port}`);
  });

  it('rejects lease calls with an Error', async () => {
    const port = await closedLoopbackPort();
    const leases = new RedisLeaseStore(`redis://127.0.0.1:${port}`, { readyTimeoutMs: 300 });
    toClose.push(leases);
    await expect(leases.acquire('session-1', 'replica-a', 5_000)).rejects.toThrow(Error);
    await expect(leases.setState('session-1', 'replica-a', 'cursor')).rejects.toThrow(/not reachable/);
    await expect(leases.getState('session-1')).rejects.toThrow(/not reachable/);
    await expect(leases.release('session-1', 'replica-a')).rejects.toThrow(/not reachable/);
  });

  it('lets openRedisEngines start without Redis: ready() rejects, close() resolves', async () => {
    const port = await closedLoopbackPort();
    const engines = openRedisEngines(`redis://127.0.0.1:${port}`, { readyTimeoutMs: 300 });
    await expect(engines.ready()).rejects.toThrow(/not reachable/);
    await expect(engines.bus.publish('ch', 'x')).rejects.toThrow(/not reachable/);
    await expect(engines.leases.acquire('k', 'o', 1_000)).rejects.toThrow(/not reachable/);
    await engines.close();
    await expect(engines.ready()).rejects.toThrow(/closed/);
    await expect(engines.bus.publish('ch', 'x')).rejects.toThrow(/closed/);
    await expect(engines.leases.getState('k')).rejects.toThrow(/closed/);
  });
});
