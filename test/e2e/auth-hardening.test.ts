// Authentication that fails closed, over real HTTP: the JWT server claim, required expiry, future
// iat, weak secrets, the warning without issuer/audience, and throttled, logged failures per address.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/authenticate.js';
import { openRegistry, type SessionRegistry } from '../../src/registry/index.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { errorCode, rawRequest } from '../helpers/raw-http.js';

const JWT_SECRET = 'hardening-test-secret-0123456789-abcdef';
const ISSUER = 'https://issuer.test';
const AUDIENCE = 'whm-gateway';
const GOOD_KEY = 'hardening-good-key-0123456789abcdef';
// Distinctive starts: no log line may hold the presented key or token, not even their first characters.
const BAD_KEY = 'Zq9xBADKEY-0123456789abcdef';
const FAILURE_LIMIT = 5;

let simulator: RunningSimulator;
let registry: SessionRegistry;
let jwtGateway: TestGateway;
let throttled: TestGateway;

const jwtSettings = { secret: JWT_SECRET, issuer: ISSUER, audience: AUDIENCE, roleClaim: 'role', serversClaim: 'whm_servers' };
const noThrottle = { perIdentityPerMinute: 1_000_000, perIpPerMinute: 1_000_000, authFailuresPerIpPerMinute: 1_000_000 };

beforeAll(async () => {
  simulator = await startSimulator({ speedFactor: 1000 });
  registry = await openRegistry({ kind: 'embedded', dataDir: null });
  jwtGateway = await startTestGateway({
    sharedSimulator: simulator,
    sharedRegistry: registry,
    extraServerNames: ['east'],
    gateway: { auth: { mode: 'required', settings: { apiKeys: [], jwt: jwtSettings } }, rateLimit: noThrottle },
  });
  throttled = await startTestGateway({
    sharedSimulator: simulator,
    sharedRegistry: registry,
    gateway: {
      auth: {
        mode: 'required',
        settings: { apiKeys: [{ name: 'good', role: 'viewer', keyHash: hashApiKey(GOOD_KEY) }], jwt: jwtSettings },
      },
      rateLimit: { perIdentityPerMinute: 1_000_000, perIpPerMinute: 1_000_000, authFailuresPerIpPerMinute: FAILURE_LIMIT },
    },
  });
});
afterAll(async () => {
  await jwtGateway?.close();
  await throttled?.close();
  await registry?.close();
  await simulator?.close();
});
beforeEach(() => simulator.resetStats());

const nowSeconds = () => Math.floor(Date.now() / 1000);

function sign(claims: Record<string, unknown>, { exp = nowSeconds() + 300, iat }: { exp?: number | null; iat?: number } = {}) {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuer(ISSUER).setAudience(AUDIENCE);
  if (exp !== null) jwt = jwt.setExpirationTime(exp);
  if (iat !== undefined) jwt = jwt.setIssuedAt(iat);
  return jwt.sign(new TextEncoder().encode(JWT_SECRET));
}

async function serversSeenWith(token: string) {
  const response = await jwtGateway.query<{ servers: { name: string }[] }>(
    '{ servers { name } }',
    {},
    { authorization: `Bearer ${token}` },
  );
  return {
    status: response.status,
    code: response.errors?.[0]?.extensions?.code,
    servers: response.data?.servers.map((server) => server.name),
  };
}

describe('the JWT servers claim fails closed', () => {
  it('a list of names limits the caller to those servers', async () => {
    expect(await serversSeenWith(await sign({ role: 'viewer', whm_servers: ['east'] }))).toMatchObject({
      status: 200,
      servers: ['east'],
    });
  });

  it('no claim at all means every server', async () => {
    expect(await serversSeenWith(await sign({ role: 'viewer' }))).toMatchObject({ status: 200, servers: ['sim', 'east'] });
  });

  it('a single string means that one server, and the others are FORBIDDEN', async () => {
    const token = await sign({ role: 'admin', whm_servers: 'east' });
    expect(await serversSeenWith(token)).toMatchObject({ status: 200, servers: ['east'] });
    const refused = await jwtGateway.query(
      '{ validateSystemUser(username: "bob", server: "sim") { exists } }',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(simulator.stats().totalRequests).toBe(0);
  });

  it.each([
    ['an object', { east: true }],
    ['a number', 42],
    ['a boolean', true],
    ['null', null],
    ['a list with a non-string', ['east', 7]],
    ['a list with an object', [{ name: 'east' }]],
  ])('%s is refused with 401', async (_label, value) => {
    const seen = await serversSeenWith(await sign({ role: 'admin', whm_servers: value }));
    expect(seen).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(simulator.stats().totalRequests).toBe(0);
  });
});

describe('JWT time claims', () => {
  it('a token without exp is refused', async () => {
    expect(await serversSeenWith(await sign({ role: 'viewer' }, { exp: null }))).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
  });

  it('an expired token is refused', async () => {
    expect(await serversSeenWith(await sign({ role: 'viewer' }, { exp: nowSeconds() - 600 }))).toMatchObject({ status: 401 });
  });

  it('an iat in the future is refused, beyond a small clock tolerance', async () => {
    expect(await serversSeenWith(await sign({ role: 'viewer' }, { iat: nowSeconds() + 600 }))).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    expect(await serversSeenWith(await sign({ role: 'viewer' }, { iat: nowSeconds() + 5 }))).toMatchObject({ status: 200 });
    expect(await serversSeenWith(await sign({ role: 'viewer' }, { iat: nowSeconds() - 60 }))).toMatchObject({ status: 200 });
  });
});

describe('JWT settings', () => {
  it.each([
    ['shorter than 32 bytes', 'a'.repeat(10) + 'b'.repeat(21)],
    ['one repeated character', 'x'.repeat(64)],
  ])('a secret %s is refused when the gateway starts', async (_label, secret) => {
    await expect(
      startTestGateway({
        sharedSimulator: simulator,
        sharedRegistry: registry,
        gateway: { auth: { mode: 'required', settings: { apiKeys: [], jwt: { ...jwtSettings, secret } } } },
      }),
    ).rejects.toThrow(/GATEWAY_JWT_SECRET/);
  });

  it('warns at start when tokens are accepted without an issuer or an audience', async () => {
    const warningsOf = (gateway: TestGateway) =>
      gateway.logLines
        .map((line) => JSON.parse(line) as { level: string; msg: string })
        .filter((line) => line.level === 'warn' && /issuer|audience/i.test(line.msg));
    expect(warningsOf(jwtGateway)).toEqual([]);
    const lax = await startTestGateway({
      sharedSimulator: simulator,
      sharedRegistry: registry,
      gateway: {
        auth: { mode: 'required', settings: { apiKeys: [], jwt: { ...jwtSettings, issuer: undefined, audience: undefined } } },
      },
    });
    await lax.close();
    expect(warningsOf(lax)).toHaveLength(1);
  });
});

describe('failed authentication is throttled per address and logged', () => {
  const ask = (localAddress: string, headers: Record<string, string>) =>
    rawRequest(throttled.url, {
      method: 'POST',
      localAddress,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ servers { name } }' }),
    });

  it(`after ${FAILURE_LIMIT} failures an address gets 429 RATE_LIMITED with Retry-After; other addresses do not`, async () => {
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt += 1) {
      expect((await ask('127.0.0.21', { 'x-api-key': BAD_KEY })).status).toBe(401);
    }
    const refused = await ask('127.0.0.21', { 'x-api-key': BAD_KEY });
    expect({ status: refused.status, code: errorCode(refused) }).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The trade-off of counting per address: a good key behind the same address waits too.
    expect((await ask('127.0.0.21', { 'x-api-key': GOOD_KEY })).status).toBe(429);
    // Another address is not affected, neither for good keys nor for its own failures.
    expect((await ask('127.0.0.22', { 'x-api-key': GOOD_KEY })).status).toBe(200);
    expect((await ask('127.0.0.22', { 'x-api-key': BAD_KEY })).status).toBe(401);
  });

  it('successful calls spend nothing of the failure budget', async () => {
    for (let attempt = 0; attempt < FAILURE_LIMIT * 3; attempt += 1) {
      expect((await ask('127.0.0.23', { 'x-api-key': GOOD_KEY })).status).toBe(200);
    }
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt += 1) {
      expect((await ask('127.0.0.23', { authorization: 'Bearer not.a.jwt' })).status).toBe(401);
    }
    expect((await ask('127.0.0.23', {})).status).toBe(429);
  });

  it('many failures at once: at most the budget get 401, the rest 429', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => ask('127.0.0.25', { 'x-api-key': BAD_KEY })));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(FAILURE_LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - FAILURE_LIMIT);
  });

  it('logs each failure at warn level with the address and the reason, never the key or token', async () => {
    const token = await sign({ role: 'viewer' }, { exp: null });
    await ask('127.0.0.24', { 'x-api-key': BAD_KEY });
    await ask('127.0.0.24', { authorization: `Bearer ${token}` });
    await ask('127.0.0.24', {});
    const failures = throttled.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.clientAddress === '127.0.0.24');
    expect(failures).toHaveLength(3);
    for (const line of failures) {
      expect(line).toMatchObject({ level: 'warn', clientAddress: '127.0.0.24', reason: expect.any(String) });
    }
    expect(failures.map((line) => line.reason)).toEqual([
      expect.stringMatching(/unknown api key/i),
      expect.stringMatching(/exp/),
      expect.stringMatching(/send an api key/i),
    ]);
    const everything = throttled.logLines.join('\n');
    expect(everything).not.toContain(BAD_KEY.slice(0, 4));
    expect(everything).not.toContain(token.split('.')[2]?.slice(0, 6));
    expect(everything).not.toContain('eyJ');
  });

  it('guards /metrics with the same budget', async () => {
    const metrics = (headers: Record<string, string>) =>
      rawRequest(throttled.url, { path: '/metrics', localAddress: '127.0.0.26', headers });
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt += 1)
      expect((await metrics({ 'x-api-key': BAD_KEY })).status).toBe(401);
    expect((await metrics({ 'x-api-key': BAD_KEY })).status).toBe(429);
    expect((await ask('127.0.0.26', { 'x-api-key': GOOD_KEY })).status).toBe(429);
  });
});
