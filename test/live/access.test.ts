// Who may subscribe: credentials in connection_init (API key or bearer token), server restrictions,
// and the upgrade gates (path, the open mode's Host check, browser origins); Sandbox knows the endpoint.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashApiKey } from '../../src/auth/authenticate.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { errorCode, rawRequest } from '../helpers/raw-http.js';
import { endOf, queuedSession, requestsNaming, subscribe, wsClient } from './helpers.js';

const KEYS = { viewer: 'live-viewer-key-0123456789abcdef', other: 'live-other-key-0123456789abcdef' };
const JWT_SECRET = 'live-test-secret-0123456789abcdefghijklmnop';
const UPDATED = 'subscription($id: ID!, $server: ID) { transferSessionUpdated(id: $id, server: $server) { id state } }';

const upgradeHeaders = {
  connection: 'Upgrade',
  upgrade: 'websocket',
  'sec-websocket-version': '13',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
};

describe('subscribing with credentials', () => {
  let open: TestGateway;
  let secured: TestGateway;
  let sessionId = '';

  beforeAll(async () => {
    open = await startTestGateway({ simulator: { speedFactor: 40 }, gateway: { pollIntervalMs: 50 } });
    secured = await startTestGateway({
      sharedSimulator: open.simulator,
      sharedRegistry: open.registry,
      extraServerNames: ['other'],
      gateway: {
        pollIntervalMs: 50,
        auth: {
          mode: 'required',
          settings: {
            apiKeys: [
              { name: 'watcher', role: 'viewer', keyHash: hashApiKey(KEYS.viewer) },
              { name: 'elsewhere', role: 'viewer', keyHash: hashApiKey(KEYS.other), servers: ['other'] },
            ],
            jwt: { secret: JWT_SECRET, roleClaim: 'role', serversClaim: 'whm_servers' },
          },
        },
      },
    });
    sessionId = await queuedSession(open, [{ user: 'meadow', localUser: 'meadowauth' }]);
  });
  afterAll(async () => {
    await secured.close();
    await open.close();
  });

  it('refuses a connection without credentials, or with a wrong key (close 4401, nothing pushed)', async () => {
    for (const params of [undefined, { 'x-api-key': 'not-a-key' }]) {
      const client = wsClient(secured.url, params);
      try {
        const watch = subscribe(client, UPDATED, { id: sessionId }, 'transferSessionUpdated');
        const end = await endOf(watch, 5_000);
        expect(end.kind).toBe('error');
        expect(end.kind === 'error' && (end.error as { code?: number }).code).toBe(4401);
        expect(watch.values).toEqual([]);
      } finally {
        await client.dispose();
      }
    }
    expect(secured.logLines.some((line) => line.includes('authentication failed') && line.includes('websocket'))).toBe(true);
    expect(secured.logLines.some((line) => line.includes('not-a-key'))).toBe(false);
  });

  it('lets a viewer subscribe with an API key (any case) or a bearer token', async () => {
    const token = await new SignJWT({ role: 'viewer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('dashboard')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JWT_SECRET));
    for (const params of [{ 'X-API-Key': KEYS.viewer }, { authorization: `Bearer ${token}` }]) {
      const client = wsClient(secured.url, params);
      try {
        const watch = subscribe<{ id: string; state: string }>(client, UPDATED, { id: sessionId }, 'transferSessionUpdated');
        const [first] = await watch.until((values) => values.length >= 1);
        expect(first).toEqual({ id: sessionId, state: 'PENDING' });
        watch.stop();
      } finally {
        await client.dispose();
      }
    }
  });

  it('refuses a server the key may not use (FORBIDDEN), before any WHM read', async () => {
    const fresh = await queuedSession(open, [{ user: 'meadow', localUser: 'meadowauth2' }]);
    const client = wsClient(secured.url, { 'x-api-key': KEYS.other });
    try {
      open.simulator.resetStats();
      const watch = subscribe(client, UPDATED, { id: fresh, server: 'sim' }, 'transferSessionUpdated');
      expect(await endOf(watch, 5_000)).toEqual({ kind: 'complete' });
      expect(watch.resultErrors[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(watch.values).toEqual([]);
      expect(requestsNaming(open, fresh)).toBe(0);
    } finally {
      await client.dispose();
    }
  });

  it('refuses an unknown session as bad input', async () => {
    const client = wsClient(open.url);
    try {
      const watch = subscribe(client, UPDATED, { id: 'sourceexamplecopya20990101000000ZZZZ' }, 'transferSessionUpdated');
      expect(await endOf(watch, 5_000)).toEqual({ kind: 'complete' });
      expect(watch.resultErrors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await client.dispose();
    }
  });

  it('serves WebSocket only at /graphql, to loopback names in open mode, and to allowed browser origins', async () => {
    const url = open.url;
    const port = new URL(url).port;
    const elsewhere = await rawRequest(url, { path: '/other', headers: upgradeHeaders });
    expect([elsewhere.status, errorCode(elsewhere)]).toEqual([404, 'NOT_FOUND']);
    const rebound = await rawRequest(url, { headers: { ...upgradeHeaders, host: `evil.example:${port}` } });
    expect([rebound.status, errorCode(rebound)]).toEqual([403, 'FORBIDDEN']);
    const foreignPage = await rawRequest(url, { headers: { ...upgradeHeaders, origin: 'http://evil.example' } });
    expect([foreignPage.status, errorCode(foreignPage)]).toEqual([403, 'FORBIDDEN']);
    // Auth required: any Host (a proxy's name), but still no foreign page.
    const proxied = await rawRequest(secured.url, {
      headers: { ...upgradeHeaders, origin: 'http://evil.example', host: 'gateway.example' },
    });
    expect(proxied.status).toBe(403);
  });

  it('opens the socket for its own page (same origin) and for clients that send no Origin', async () => {
    // graphql-ws's Node client sends no Origin.
    const client = wsClient(open.url);
    const watch = subscribe<{ id: string }>(client, UPDATED, { id: sessionId }, 'transferSessionUpdated');
    try {
      await watch.until((values) => values.length >= 1);
    } finally {
      watch.stop();
      await client.dispose();
    }
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(open.url.replace(/^http/, 'ws'), 'graphql-transport-ws', {
        headers: { origin: new URL(open.url).origin },
      });
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('error', reject);
    });
    expect(status).toBe(101);
  });

  it('refuses a subscription sent over HTTP, pointing to WebSocket', async () => {
    const response = await open.query(UPDATED, { id: sessionId });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(response.errors?.[0]?.message).toMatch(/WebSocket/);
  });

  it('tells Sandbox where subscriptions are', async () => {
    const page = await rawRequest(open.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain("initialSubscriptionEndpoint: initialEndpoint.replace(/^http/, 'ws')");
  });
});
