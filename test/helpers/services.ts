// The external services some tests need (Redis, PostgreSQL), where to find them, and whether they
// are there. A file probes once at load: when the service is not reachable its suites are skipped
// with one line saying so, unless REQUIRE_SERVICES=1 (CI), where the file fails instead.
import net from 'node:net';
import type { Redis } from 'ioredis';

export function redisUrlForTests(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export function databaseUrlForTests(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export function servicesRequired(): boolean {
  return process.env.REQUIRE_SERVICES === '1';
}

const DEFAULT_PORTS: Record<string, number> = { 'redis:': 6379, 'rediss:': 6379, 'postgres:': 5432, 'postgresql:': 5432 };

/** Whether a TCP connection to the URL's host and port opens within `timeoutMs`. */
export function tcpReachable(serviceUrl: string, timeoutMs = 1_000): Promise<boolean> {
  const url = new URL(serviceUrl);
  const port = url.port === '' ? (DEFAULT_PORTS[url.protocol] ?? 0) : Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Probes a service for a test file: true when reachable; false (after one console line) when not;
 * throws when not reachable and REQUIRE_SERVICES=1, which fails the file. Use at the top level:
 * `const redisUp = await requireOrSkip('Redis', redisUrlForTests());` then `describe.skipIf(!redisUp)`.
 */
export async function requireOrSkip(serviceName: string, serviceUrl: string): Promise<boolean> {
  if (await tcpReachable(serviceUrl)) return true;
  const shown = redactUrl(serviceUrl);
  if (servicesRequired()) throw new Error(`${serviceName} not reachable at ${shown}, and REQUIRE_SERVICES=1: failing`);
  console.warn(
    `${serviceName} not reachable at ${shown}: skipping ${serviceName} tests (set REQUIRE_SERVICES=1 to fail instead)`,
  );
  return false;
}

export function redisReachableForTests(): Promise<boolean> {
  return requireOrSkip('Redis', redisUrlForTests());
}

export function databaseReachableForTests(): Promise<boolean> {
  return requireOrSkip('PostgreSQL', databaseUrlForTests());
}

/** A prefix of its own for one test, so tests never see each other's keys. */
export function randomRedisPrefix(label: string): string {
  return `whm-gateway-test:${label}:${process.pid}-${Math.random().toString(36).slice(2, 10)}:`;
}

/** Deletes the keys under a prefix (SCAN, never FLUSHALL/FLUSHDB: the Redis may be shared); returns how many. */
export async function deleteRedisKeys(client: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  // A bounded walk: test prefixes hold a handful of keys.
  for (let round = 0; round < 10_000; round += 1) {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 200);
    if (keys.length > 0) deleted += await client.del(...keys);
    cursor = next;
    if (cursor === '0') break;
  }
  return deleted;
}

/** A loopback port nothing listens on (bound, then released), for "service down" tests. */
export async function closedLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function redactUrl(serviceUrl: string): string {
  const url = new URL(serviceUrl);
  if (url.password !== '') url.password = '***';
  return url.toString();
}

export interface CuttableProxy {
  /** The service's URL with the host and port replaced by the proxy's. */
  url: string;
  /** Drops every open connection and refuses new ones, as a network outage would. */
  cut(): void;
  /** Lets connections through again. */
  restore(): void;
  close(): Promise<void>;
}

/** A loopback TCP proxy in front of a service, to take the service away and bring it back mid-test. */
export async function startCuttableProxy(serviceUrl: string): Promise<CuttableProxy> {
  const target = new URL(serviceUrl);
  const targetPort = target.port === '' ? (DEFAULT_PORTS[target.protocol] ?? 0) : Number(target.port);
  const targetHost = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const sockets = new Set<net.Socket>();
  let open = true;
  const server = net.createServer((downstream) => {
    if (!open) {
      downstream.destroy();
      return;
    }
    const upstream = net.connect({ host: targetHost, port: targetPort });
    for (const [socket, peer] of [
      [downstream, upstream],
      [upstream, downstream],
    ] as const) {
      sockets.add(socket);
      socket.on('error', () => peer.destroy());
      socket.on('close', () => {
        sockets.delete(socket);
        peer.destroy();
      });
      socket.pipe(peer);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(serviceUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as net.AddressInfo).port);
  return {
    url: proxied.toString(),
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    close() {
      open = false;
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
