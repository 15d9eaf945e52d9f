// Rate limits over real HTTP (express on a loopback port): 429 + Retry-After + RATE_LIMITED once a
// budget is spent; identities counted apart; the IP budget shared by every identity behind it.
// Windows are 60 s, far longer than any test, so no window ends mid-test.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { header } from '../../src/http/native.js';
import express, { type NextFunction, type Request, type Response } from 'express';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createRateLimits,
  ipRateLimitKey,
  rateLimitMiddleware,
  type RateLimitOptions,
  type RateLimitStore,
} from '../../src/limits/rate-limit.js';

interface Running {
  url: string;
  close(): Promise<void>;
  errors: unknown[];
}

const running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** The caller's identity comes from a test header (authentication is not this module's job); the IP is the socket's. */
async function start(options: RateLimitOptions): Promise<Running> {
  const limits = createRateLimits(options);
  const app = express();
  const errors: unknown[] = [];
  app.use(
    '/graphql',
    rateLimitMiddleware(limits, (request) => ({
      identityId: header(request, 'x-identity') ?? 'anonymous',
      ip: request.socket.remoteAddress ?? '',
    })),
    (_request: Request, response: Response) => void response.json({ data: { ok: true } }),
  );
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    errors.push(error);
    response.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const handle: Running = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    errors,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  running.push(handle);
  return handle;
}

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

async function call(server: Running, identity: string): Promise<Answer> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-identity': identity },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Answer['body'],
  };
}

async function statuses(server: Running, identities: string[]): Promise<number[]> {
  const result: number[] = [];
  for (const identity of identities) result.push((await call(server, identity)).status); // in order: each decision depends on the last
  return result;
}

const ROOMY = { points: 1000, durationSeconds: 60 };

describe('rateLimitMiddleware', () => {
  it('lets N requests through and answers the N+1st with 429, Retry-After and RATE_LIMITED', async () => {
    const server = await start({ perIdentity: { points: 3, durationSeconds: 60 }, perIp: ROOMY });
    expect(await statuses(server, ['alice', 'alice', 'alice'])).toEqual([200, 200, 200]);
    const refused = await call(server, 'alice');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.retryAfter);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({
      errors: [
        {
          message: `Too many requests from this caller; retry in ${retryAfter} s.`,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, limit: 'identity' },
        },
      ],
    });
  });

  it('counts identities apart', async () => {
    const server = await start({ perIdentity: { points: 2, durationSeconds: 60 }, perIp: ROOMY });
    expect(await statuses(server, ['alice', 'alice', 'alice', 'bob', 'bob', 'bob', 'alice'])).toEqual([
      200, 200, 429, 200, 200, 429, 429,
    ]);
  });

  it('applies the IP budget across identities', async () => {
    const server = await start({ perIdentity: ROOMY, perIp: { points: 3, durationSeconds: 60 } });
    expect(await statuses(server, ['alice', 'bob', 'carol'])).toEqual([200, 200, 200]);
    const refused = await call(server, 'dave');
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'ip' });
    expect(refused.body.errors?.[0]?.message).toMatch(/this address/);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('gives the IP point back when the identity refused the request (one noisy caller behind a NAT)', async () => {
    const server = await start({ perIdentity: { points: 1, durationSeconds: 60 }, perIp: { points: 3, durationSeconds: 60 } });
    expect(await statuses(server, ['alice', 'alice', 'alice', 'alice', 'alice'])).toEqual([200, 429, 429, 429, 429]);
    // alice spent 1 IP point; her 4 refusals spent none: bob and carol still fit, dave does not.
    expect(await statuses(server, ['bob', 'carol', 'dave'])).toEqual([200, 200, 429]);
  });

  it('hands a store failure to express (500), never a silent pass or a 429', async () => {
    class BrokenStore extends RateLimiterMemory {
      override consume(): Promise<RateLimiterRes> {
        return Promise.reject(new Error('store unreachable'));
      }
    }
    const server = await start({
      perIdentity: ROOMY,
      perIp: ROOMY,
      store: (keyPrefix, points, duration) => new BrokenStore({ keyPrefix, points, duration }),
    });
    expect((await call(server, 'alice')).status).toBe(500);
    expect(server.errors).toEqual([new Error('store unreachable')]);
  });
});

describe('createRateLimits', () => {
  it('builds its limiters through the given store, one key prefix per budget', async () => {
    const built: [string, number, number][] = [];
    const store: RateLimitStore = (keyPrefix, points, duration) => {
      built.push([keyPrefix, points, duration]);
      return new RateLimiterMemory({ keyPrefix, points, duration });
    };
    const limits = createRateLimits({
      perIdentity: { points: 1, durationSeconds: 30 },
      perIp: { points: 5, durationSeconds: 60 },
      store,
    });
    expect(built).toEqual([
      ['gql-rl-identity', 1, 30],
      ['gql-rl-ip', 5, 60],
    ]);
    expect(await limits.consume('alice', '192.0.2.1')).toEqual({ ok: true });
    const refused = await limits.consume('alice', '192.0.2.1');
    expect(refused).toMatchObject({ ok: false, limit: 'identity' });
  });

  it('reports the budget that frees up last when both are spent', async () => {
    const limits = createRateLimits({
      perIdentity: { points: 1, durationSeconds: 10 },
      perIp: { points: 1, durationSeconds: 3600 },
    });
    expect(await limits.consume('alice', '192.0.2.1')).toEqual({ ok: true });
    const refused = await limits.consume('alice', '192.0.2.1');
    expect(refused).toMatchObject({ ok: false, limit: 'ip' });
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.retryAfterSeconds).toBeGreaterThan(10);
  });

  it('counts an IPv6 /64 as one address, and IPv4-mapped IPv6 as IPv4', async () => {
    const limits = createRateLimits({ perIdentity: ROOMY, perIp: { points: 2, durationSeconds: 60 } });
    expect(await limits.consume('a', '2001:db8:1:2::1')).toEqual({ ok: true });
    expect(await limits.consume('b', '2001:db8:1:2:ffff:ffff:ffff:ffff')).toEqual({ ok: true });
    expect(await limits.consume('c', '2001:db8:1:2::99')).toMatchObject({ ok: false, limit: 'ip' });
    expect(await limits.consume('d', '2001:db8:1:3::1')).toEqual({ ok: true });
  });
});

describe('ipRateLimitKey', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['::1', '0:0:0:0::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:0DB8:0001:0002:0003:0004:0005:0006', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['', 'unknown'],
  ])('%s → %s', (ip, key) => {
    expect(ipRateLimitKey(ip)).toBe(key);
  });
});
