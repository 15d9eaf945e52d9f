// Per-caller rate limits: one budget per identity and one per client IP, both fixed windows
// (rate-limiter-flexible). The IP budget applies across identities, so minting identities (or
// sharing one stolen key among many hosts) does not multiply the allowance; the identity budget
// follows a caller across IPs. One point is one HTTP request, which is one GraphQL operation because
// batched HTTP requests are off (see armor.ts).
//
// Stores: RateLimiterMemory by default (one process). Replicas share a caller's budget through
// Redis: pass `store: redisRateLimitStore(client)`. A store error without an insurance limiter is
// not a refusal: consume() rejects with it and the step hands it to the HTTP edge's error answer
// (HTTP 500), so an outage of a custom store is visible, not silent.
import { isIPv4, isIPv6 } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { sendJson, type HttpStep } from '../http/native.js';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitWindow {
  /** Requests allowed per window. */
  points: number;
  durationSeconds: number;
}

/** Builds one limiter; `keyPrefix` keeps the identity and IP budgets apart in a shared store. */
export type RateLimitStore = (keyPrefix: string, points: number, durationSeconds: number) => RateLimiterAbstract;

export interface RateLimitOptions {
  perIdentity: RateLimitWindow;
  perIp: RateLimitWindow;
  store?: RateLimitStore;
}

export type RateLimitDecision = { ok: true } | { ok: false; retryAfterSeconds: number; limit: 'identity' | 'ip' };

export interface RateLimits {
  /** Takes one point from both budgets; refused when either is spent. */
  consume(identityId: string, ip: string): Promise<RateLimitDecision>;
}

export interface Caller {
  identityId: string;
  ip: string;
}

export const IDENTITY_KEY_PREFIX = 'gql-rl-identity';
export const IP_KEY_PREFIX = 'gql-rl-ip';

const memoryStore: RateLimitStore = (keyPrefix, points, duration) => new RateLimiterMemory({ keyPrefix, points, duration });

/**
 * Budgets in Redis (keys `<prefix><limiter prefix>:<caller>`), shared by every replica on that Redis.
 * While Redis is unreachable (the client is not connected, or a command fails or times out) each
 * limiter falls back to its insurance limiter, the same budget in this process's memory: callers
 * are still limited and served, per replica, so with N replicas a caller may get up to N times the
 * budget during an outage. An outage then costs accuracy, not availability (no 500s, no waits:
 * `rejectIfRedisNotReady` skips Redis at once while it is away). Counts made in memory are not
 * carried back to Redis when it returns.
 */
export function redisRateLimitStore(client: Redis, prefix = 'whm-gateway:'): RateLimitStore {
  return (keyPrefix, points, duration) =>
    new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: false,
      rejectIfRedisNotReady: true,
      keyPrefix: `${prefix}${keyPrefix}`,
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
    });
}

/**
 * The key an address is counted under: IPv4 as is (IPv4-mapped IPv6 unwrapped), IPv6 by its /64,
 * since one subscriber usually holds a whole /64 and could otherwise rotate through 2^64 budgets.
 */
export function ipRateLimitKey(ip: string): string {
  const address = ip.split('%')[0] ?? ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address === '' ? 'unknown' : address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [
    ...headGroups,
    ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'),
    ...tailGroups,
  ];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

function isLimitRefusal(reason: unknown): reason is RateLimiterRes {
  // rate-limiter-flexible rejects with a RateLimiterRes when points are spent, with an Error when the store failed.
  return typeof reason === 'object' && reason !== null && !(reason instanceof Error) && 'msBeforeNext' in reason;
}

export function createRateLimits(options: RateLimitOptions): RateLimits {
  const store = options.store ?? memoryStore;
  const byIdentity = store(IDENTITY_KEY_PREFIX, options.perIdentity.points, options.perIdentity.durationSeconds);
  const byIp = store(IP_KEY_PREFIX, options.perIp.points, options.perIp.durationSeconds);

  return {
    async consume(identityId, ip) {
      const ipKey = ipRateLimitKey(ip);
      const [identityOutcome, ipOutcome] = await Promise.allSettled([byIdentity.consume(identityId), byIp.consume(ipKey)]);
      const outcomes = [
        { limit: 'identity' as const, outcome: identityOutcome, limiter: byIdentity, key: identityId },
        { limit: 'ip' as const, outcome: ipOutcome, limiter: byIp, key: ipKey },
      ];
      for (const { outcome } of outcomes) {
        if (outcome.status === 'rejected' && !isLimitRefusal(outcome.reason)) throw outcome.reason;
      }
      const refused = outcomes.flatMap(({ limit, outcome }) =>
        outcome.status === 'rejected' && isLimitRefusal(outcome.reason)
          ? [{ limit, msBeforeNext: outcome.reason.msBeforeNext }]
          : [],
      );
      if (refused.length === 0) return { ok: true };
      // A request refused by one budget gives its point back to the other: a caller hammering its own
      // identity limit must not spend the budget of everyone else behind the same IP (NAT, proxies).
      await Promise.all(
        outcomes.filter(({ outcome }) => outcome.status === 'fulfilled').map(({ limiter, key }) => limiter.reward(key, 1)),
      );
      // Both spent: the caller must wait for the later of the two windows.
      const worst = refused.reduce((a, b) => (b.msBeforeNext > a.msBeforeNext ? b : a));
      return { ok: false, limit: worst.limit, retryAfterSeconds: Math.max(1, Math.ceil(worst.msBeforeNext / 1000)) };
    },
  };
}

/**
 * Answers 429 (Retry-After, GraphQL-shaped body, code RATE_LIMITED) once a budget is spent, else
 * calls next(). `resolveCaller` runs after authentication, so it can read the identity from
 * `response.locals`.
 */
export function rateLimitMiddleware(
  limits: RateLimits,
  resolveCaller: (request: IncomingMessage, response: ServerResponse) => Caller,
): HttpStep {
  return (request, response, next) => {
    const caller = resolveCaller(request, response);
    limits.consume(caller.identityId, caller.ip).then((decision) => {
      if (decision.ok) {
        next();
        return;
      }
      const scope = decision.limit === 'identity' ? 'this caller' : 'this address';
      const message = `Too many requests from ${scope}; retry in ${decision.retryAfterSeconds} s.`;
      answerRateLimited(response, message, decision.retryAfterSeconds, decision.limit);
    }, next);
  };
}

export const AUTH_FAILURE_KEY_PREFIX = 'gql-rl-auth-failure';

export type AuthFailureDecision = { blocked: false } | { blocked: true; retryAfterSeconds: number };

/**
 * Failed authentications per client address (IPv6 per /64), in their own budget: only failures
 * spend it, so callers with good credentials never do. Once it is spent the address gets 429 before
 * its credentials are even checked, which is what stops guessing; the price is that good callers
 * behind the same address (NAT, a proxy) wait too, until the window ends.
 */
export interface AuthFailureLimiter {
  /** Whether this address has spent its budget (nothing is consumed). */
  check(ip: string): Promise<AuthFailureDecision>;
  /** Counts one failure; blocked when it went over the budget (answer 429 instead of 401). */
  recordFailure(ip: string): Promise<AuthFailureDecision & { remaining: number }>;
}

export function createAuthFailureLimiter(window: RateLimitWindow, store: RateLimitStore = memoryStore): AuthFailureLimiter {
  const limiter = store(AUTH_FAILURE_KEY_PREFIX, window.points, window.durationSeconds);
  const retryAfter = (msBeforeNext: number) => Math.max(1, Math.ceil(msBeforeNext / 1000));
  return {
    async check(ip) {
      const state = await limiter.get(ipRateLimitKey(ip));
      if (!state || state.consumedPoints < window.points) return { blocked: false };
      return { blocked: true, retryAfterSeconds: retryAfter(state.msBeforeNext) };
    },
    async recordFailure(ip) {
      try {
        const state = await limiter.consume(ipRateLimitKey(ip));
        return { blocked: false, remaining: state.remainingPoints };
      } catch (reason) {
        if (!isLimitRefusal(reason)) throw reason;
        return { blocked: true, retryAfterSeconds: retryAfter(reason.msBeforeNext), remaining: 0 };
      }
    },
  };
}

/** The 429 body and headers shared by every rate limit. */
export function answerRateLimited(response: ServerResponse, message: string, retryAfterSeconds: number, limit: string): void {
  response.setHeader('Retry-After', String(retryAfterSeconds));
  sendJson(response, 429, {
    errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfterSeconds, limit } }],
  });
}
