// The HTTP edge, over real HTTP: every error before GraphQL answers JSON (never express's HTML page
// with a stack trace and absolute paths), in development and production; and open mode (no
// credentials, loopback only) refuses foreign Host headers, so DNS rebinding cannot reach it.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/authenticate.js';
import { openRegistry, type SessionRegistry } from '../../src/registry/index.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { errorCode, rawRequest, type RawResponse } from '../helpers/raw-http.js';

const API_KEY = 'edge-test-key-0123456789abcdef';
const MAX_BODY_BYTES = 2048;

let simulator: RunningSimulator;
let registry: SessionRegistry;
let open: TestGateway;
let production: TestGateway;

beforeAll(async () => {
  simulator = await startSimulator({ speedFactor: 1000 });
  registry = await openRegistry({ kind: 'embedded', dataDir: null });
  open = await startTestGateway({
    sharedSimulator: simulator,
    sharedRegistry: registry,
    gateway: { maxBodyBytes: MAX_BODY_BYTES },
  });
  production = await startTestGateway({
    sharedSimulator: simulator,
    sharedRegistry: registry,
    gateway: {
      production: true,
      maxBodyBytes: MAX_BODY_BYTES,
      auth: {
        mode: 'required',
        settings: { apiKeys: [{ name: 'edge', role: 'admin', keyHash: hashApiKey(API_KEY) }], jwt: null },
      },
    },
  });
});
afterAll(async () => {
  await open?.close();
  await production?.close();
  await registry?.close();
  await simulator?.close();
});
beforeEach(() => simulator.resetStats());

function expectJsonError(response: RawResponse, status: number, code: string): void {
  expect({ status: response.status, code: errorCode(response) }).toEqual({ status, code });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.text).not.toMatch(/<html|<pre/i);
  expect(response.text).not.toContain('/work');
  expect(response.text).not.toContain(process.cwd());
  expect(response.text).not.toMatch(/node_modules|\bat \S+ \(|^\s*at /m);
  expect(response.text).not.toMatch(/"stack"|stacktrace/i);
}

const json = { 'content-type': 'application/json' };

describe.each([
  ['development, open', () => open, {}],
  ['production, with a key', () => production, { 'x-api-key': API_KEY }],
])('HTTP edge errors (%s) answer JSON without a stack or a path', (_label, gateway, credentials: Record<string, string>) => {
  const post = (headers: Record<string, string>, body: string | Buffer) =>
    rawRequest(gateway().url, { method: 'POST', headers: { ...credentials, ...headers }, body });

  it('malformed JSON: 400 BAD_REQUEST', async () => {
    expectJsonError(await post(json, '{"query": "{ servers { name } }"'), 400, 'BAD_REQUEST');
  });

  it('JSON that is not an object or a list (strict mode): 400 BAD_REQUEST', async () => {
    expectJsonError(await post(json, '"{ servers { name } }"'), 400, 'BAD_REQUEST');
  });

  it('a body over the limit: 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ query: `{ servers { name } } # ${'x'.repeat(MAX_BODY_BYTES * 2)}` });
    expectJsonError(await post(json, body), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('an unknown content-encoding: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    expectJsonError(
      await post({ ...json, 'content-encoding': 'bogus' }, '{"query":"{ servers { name } }"}'),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('an unknown charset: 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const body = '{"query":"{ servers { name } }"}';
    expectJsonError(await post({ 'content-type': 'application/json; charset=klingon' }, body), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a gzip body that is not gzip: 400 BAD_REQUEST', async () => {
    expectJsonError(await post({ ...json, 'content-encoding': 'gzip' }, 'not gzip at all'), 400, 'BAD_REQUEST');
  });

  it('a gzip body that inflates past the limit: 413 PAYLOAD_TOO_LARGE', async () => {
    const body = gzipSync(JSON.stringify({ query: `{ servers { name } } # ${' '.repeat(MAX_BODY_BYTES * 10)}` }));
    expectJsonError(await post({ ...json, 'content-encoding': 'gzip' }, body), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a GET asking for HTML with a malformed JSON body gets JSON too', async () => {
    const response = await rawRequest(gateway().url, {
      method: 'GET',
      headers: { ...credentials, ...json, accept: 'text/html' },
      body: '{"query":',
    });
    expectJsonError(response, 400, 'BAD_REQUEST');
  });

  it('an unknown path: 404 NOT_FOUND', async () => {
    expectJsonError(await rawRequest(gateway().url, { path: '/nope', headers: credentials }), 404, 'NOT_FOUND');
  });

  it('a well-formed request still works', async () => {
    const response = await post(json, JSON.stringify({ query: '{ servers { name } }' }));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ data: { servers: [{ name: 'sim' }] } });
  });
});

describe('HTTP edge errors without credentials (production)', () => {
  it('a GET asking for HTML with a JSON body is not the landing page: 401 before the body is read', async () => {
    const response = await rawRequest(production.url, {
      method: 'GET',
      headers: { ...json, accept: 'text/html' },
      body: '{"query":',
    });
    expectJsonError(response, 401, 'UNAUTHENTICATED');
  });

  it('a malformed body without credentials: 401 JSON', async () => {
    expectJsonError(await rawRequest(production.url, { method: 'POST', headers: json, body: '{' }), 401, 'UNAUTHENTICATED');
  });

  it('the bare landing page request (no body) is still served as before', async () => {
    const response = await rawRequest(production.url, { headers: { accept: 'text/html' } });
    // Sandbox is off in production: Apollo answers its own page or a 400, but never asks for credentials.
    expect(response.status).not.toBe(401);
  });
});

describe('open mode refuses foreign Host headers (DNS rebinding)', () => {
  const mutation = JSON.stringify({ query: 'mutation { activateRestoreQueue { userErrors { code } } }' });
  const port = () => new URL(open.url).port;

  it.each([
    'rebind.attacker.example',
    'rebind.attacker.example:PORT',
    'localhost.attacker.example',
    '127.0.0.1.nip.io:PORT',
    '127.0.0.1:PORT.rebind.attacker.example',
    'evil',
  ])('Host "%s": 403 FORBIDDEN, nothing reaches WHM', async (host) => {
    const response = await rawRequest(open.url, {
      method: 'POST',
      headers: { ...json, host: host.replace('PORT', port()) },
      body: mutation,
    });
    expectJsonError(response, 403, 'FORBIDDEN');
    expect(simulator.stats().totalRequests).toBe(0);
  });

  it.each(['localhost:PORT', 'LOCALHOST:PORT', 'localhost', '127.0.0.1:PORT', '127.0.0.1', '[::1]:PORT', '[::1]'])(
    'Host "%s" is loopback: served',
    async (host) => {
      const response = await rawRequest(open.url, {
        method: 'POST',
        headers: { ...json, host: host.replace('PORT', port()) },
        body: mutation,
      });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toEqual({ data: { activateRestoreQueue: { userErrors: [] } } });
    },
  );

  it('guards /metrics and /health/ready too, but not /health/live', async () => {
    const foreign = { host: 'rebind.attacker.example' };
    expectJsonError(await rawRequest(open.url, { path: '/metrics', headers: foreign }), 403, 'FORBIDDEN');
    expectJsonError(await rawRequest(open.url, { path: '/health/ready', headers: foreign }), 403, 'FORBIDDEN');
    expect(simulator.stats().totalRequests).toBe(0);
    expect((await rawRequest(open.url, { path: '/health/live', headers: foreign })).status).toBe(200);
    expect((await rawRequest(open.url, { path: '/metrics', headers: { host: `localhost:${port()}` } })).status).toBe(200);
  });

  it('with credentials required, any Host is fine (the gateway may sit behind a domain name)', async () => {
    const response = await rawRequest(production.url, {
      method: 'POST',
      headers: { ...json, host: 'gateway.example.com', 'x-api-key': API_KEY },
      body: JSON.stringify({ query: '{ servers { name } }' }),
    });
    expect(response.status).toBe(200);
  });
});
