// Who may call, and what: API keys and JWTs, the role of every mutation, per-key server limits,
// CORS and CSRF — over HTTP, against the simulator. A refused call never reaches WHM.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/authenticate.js';
import type { SessionRegistry } from '../../src/registry/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const KEYS = {
  viewer: 'viewer-key-0123456789abcdef',
  operator: 'operator-key-0123456789abcdef',
  admin: 'admin-key-0123456789abcdef',
  east: 'east-only-key-0123456789abcdef',
};
const JWT_SECRET = 'a-test-secret-of-at-least-32-characters!';

let simulator: RunningSimulator;
let registry: SessionRegistry;
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({
    extraServerNames: ['east'],
    gateway: {
      auth: {
        mode: 'required',
        settings: {
          apiKeys: [
            { name: 'ro', role: 'viewer', keyHash: hashApiKey(KEYS.viewer) },
            { name: 'ops', role: 'operator', keyHash: hashApiKey(KEYS.operator) },
            { name: 'root', role: 'admin', keyHash: hashApiKey(KEYS.admin) },
            { name: 'east-ops', role: 'admin', keyHash: hashApiKey(KEYS.east), servers: ['east'] },
          ],
          jwt: {
            secret: JWT_SECRET,
            issuer: 'https://issuer.test',
            audience: 'whm-gateway',
            roleClaim: 'role',
            serversClaim: 'whm_servers',
          },
        },
      },
      corsOrigins: ['https://console.example.com'],
    },
  });
  // Other gateways in this file share the first one's simulator and registry.
  ({ simulator, registry } = gateway);
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => simulator.resetStats());

const asKey = (key: string) => ({ 'x-api-key': key });

describe('authentication', () => {
  it('refuses a request without credentials with HTTP 401 UNAUTHENTICATED, before any WHM call', async () => {
    const response = await gateway.query('{ servers { name } }');
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(simulator.stats().totalRequests).toBe(0);
  });

  it('refuses an unknown key and a malformed bearer token', async () => {
    expect((await gateway.query('{ servers { name } }', {}, asKey('nope'))).status).toBe(401);
    expect((await gateway.query('{ servers { name } }', {}, { authorization: 'Bearer not.a.jwt' })).status).toBe(401);
  });

  it('accepts a valid API key', async () => {
    const response = await gateway.query<{ servers: { name: string }[] }>('{ servers { name } }', {}, asKey(KEYS.viewer));
    expect(response.status).toBe(200);
    expect(response.data?.servers.map((server) => server.name)).toEqual(['sim', 'east']);
  });

  it('accepts an HS256 JWT with the right issuer and audience, and no other', async () => {
    const sign = (claims: Record<string, unknown>, issuer = 'https://issuer.test', audience = 'whm-gateway') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('alice')
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(JWT_SECRET));
    const good = await sign({ role: 'operator' });
    const ok = await gateway.query('{ servers { name } }', {}, { authorization: `Bearer ${good}` });
    expect(ok.status).toBe(200);
    for (const bad of [
      await sign({ role: 'operator' }, 'https://evil.test'),
      await sign({ role: 'operator' }, undefined, 'other'),
      await sign({ role: 'root' }),
    ]) {
      expect((await gateway.query('{ servers { name } }', {}, { authorization: `Bearer ${bad}` })).status).toBe(401);
    }
  });

  it('guards /metrics like GraphQL, but not the health checks', async () => {
    const metricsUrl = gateway.url.replace('/graphql', '/metrics');
    expect((await fetch(metricsUrl)).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { accept: 'text/html' } })).status).toBe(401);
    const scraped = await fetch(metricsUrl, { headers: asKey(KEYS.viewer) });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/graphql_operation_duration_seconds/);
    expect((await fetch(gateway.url.replace('/graphql', '/health/live'))).status).toBe(200);
  });

  it('serves the Sandbox page without credentials, but no operation', async () => {
    const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const sneaky = await fetch(`${gateway.url}?query=${encodeURIComponent('{ servers { name } }')}`, {
      headers: { accept: 'text/html', 'apollo-require-preflight': '1' },
    });
    expect(sneaky.status).toBe(401);
  });
});

describe('JWKS', () => {
  it('verifies RS256 tokens against a JWKS URL', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const jwksServer = http.createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    const jwksGateway = await startTestGateway({
      sharedSimulator: simulator,
      sharedRegistry: registry,
      gateway: {
        auth: { mode: 'required', settings: { apiKeys: [], jwt: { jwksUrl, roleClaim: 'role', serversClaim: 'whm_servers' } } },
      },
    });
    const token = await new SignJWT({ role: 'viewer' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('svc')
      .setExpirationTime('5m')
      .sign(privateKey);
    const ok = await jwksGateway.query('{ servers { name } }', {}, { authorization: `Bearer ${token}` });
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('svc')
      .sign((await generateKeyPair('RS256')).privateKey);
    const refused = await jwksGateway.query('{ servers { name } }', {}, { authorization: `Bearer ${forged}` });
    await jwksGateway.close();
    await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
    expect(ok.status).toBe(200);
    expect(refused.status).toBe(401);
  });
});

// Every mutation, the least role it needs, and a call that would reach WHM if it were allowed.
const MUTATIONS: { name: string; role: 'operator' | 'admin'; query: string }[] = [
  {
    name: 'createRemoteRootTransferSession',
    role: 'operator',
    query:
      'mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "remote-root-password" } }) { session { id } } }',
  },
  {
    name: 'createRemoteUserTransferSession',
    role: 'operator',
    query:
      'mutation { createRemoteUserTransferSession(input: { host: "source.example.net", password: "remote-root-password" }) { session { id } } }',
  },
  {
    name: 'analyzeTransferSession',
    role: 'operator',
    query: 'mutation { analyzeTransferSession(id: "nosuchhostcopya20260101000000abcdef") { userErrors { code } } }',
  },
  {
    name: 'enqueueTransferItems',
    role: 'operator',
    query:
      'mutation { enqueueTransferItems(sessionId: "nosuchhostcopya20260101000000abcdef", items: [{ packageRemoteRoot: { package: "starter" } }]) { userErrors { code } } }',
  },
  {
    name: 'startTransferSession',
    role: 'operator',
    query: 'mutation { startTransferSession(id: "nosuchhostcopya20260101000000abcdef") { userErrors { code } } }',
  },
  {
    name: 'pauseTransferSession',
    role: 'operator',
    query: 'mutation { pauseTransferSession(id: "nosuchhostcopya20260101000000abcdef") { userErrors { code } } }',
  },
  {
    name: 'resumeTransferSession',
    role: 'operator',
    query: 'mutation { resumeTransferSession(id: "nosuchhostcopya20260101000000abcdef") { userErrors { code } } }',
  },
  {
    name: 'checkRemoteCredentials',
    role: 'operator',
    query:
      'mutation { checkRemoteCredentials(input: { host: "source.example.net", credentials: { password: "remote-root-password" } }) { ok } }',
  },
  {
    name: 'registerTransferSession',
    role: 'operator',
    query: 'mutation { registerTransferSession(id: "nosuchhostcopya20260101000000abcdef") { userErrors { code } } }',
  },
  {
    name: 'restoreAccount',
    role: 'operator',
    query: 'mutation { restoreAccount(input: { user: "northwind", type: DAILY, mail: true }) { userErrors { code } } }',
  },
  {
    name: 'restoreFromCpmove',
    role: 'operator',
    query: 'mutation { restoreFromCpmove(input: { path: "/home/cpmove-oldclient.tar.gz" }) { userErrors { code } } }',
  },
  {
    name: 'addRestoreQueueTask',
    role: 'operator',
    query:
      'mutation { addRestoreQueueTask(input: { user: "northwind", restorePoint: "2026-11-27T00:00:00.000Z" }) { userErrors { code } } }',
  },
  { name: 'activateRestoreQueue', role: 'operator', query: 'mutation { activateRestoreQueue { userErrors { code } } }' },
  {
    name: 'retryTransferItems',
    role: 'operator',
    query:
      'mutation { retryTransferItems(sessionId: "nosuchhostcopya20260101000000abcdef", credentials: { password: "remote-root-password" }) { userErrors { code } } }',
  },
  {
    name: 'clearPendingRestoreTask',
    role: 'admin',
    query: 'mutation { clearPendingRestoreTask(user: "northwind") { userErrors { code } } }',
  },
  {
    name: 'clearCompletedRestoreTask',
    role: 'admin',
    query:
      'mutation { clearCompletedRestoreTask(user: "northwind", startedAt: "2026-11-27T00:00:00.000Z") { userErrors { code } } }',
  },
  { name: 'clearRestoreQueue', role: 'admin', query: 'mutation { clearRestoreQueue(tasks: FAILED) { userErrors { code } } }' },
  {
    name: 'abortTransferSession',
    role: 'admin',
    query: 'mutation { abortTransferSession(id: "nosuchhostcopya20260101000000abcdef") { userErrors { code } } }',
  },
  { name: 'deleteAccountArchives', role: 'admin', query: 'mutation { deleteAccountArchives(user: "oldclient") { deleted } }' },
];

describe('the role matrix', () => {
  it('covers every mutation in the schema', async () => {
    const response = await gateway.query<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
      '{ __schema { mutationType { fields { name } } } }',
      {},
      asKey(KEYS.viewer),
    );
    const names = response.data?.__schema.mutationType.fields.map((field) => field.name).sort();
    expect(names).toEqual(MUTATIONS.map((mutation) => mutation.name).sort());
  });

  const RANK = { viewer: 0, operator: 1, admin: 2 } as const;
  const cases = MUTATIONS.flatMap((mutation) =>
    (['viewer', 'operator', 'admin'] as const).map(
      (role) => [mutation.name, role, RANK[role] >= RANK[mutation.role], mutation.query] as const,
    ),
  );

  it.each(cases)('%s as %s: allowed = %s', async (name, role, allowed, query) => {
    const response = await gateway.query<Record<string, unknown>>(query, {}, asKey(KEYS[role]));
    const forbidden = response.errors?.find((error) => error.extensions?.code === 'FORBIDDEN');
    if (allowed) {
      expect(forbidden).toBeUndefined();
      expect(response.data?.[name]).toBeTruthy();
      expect(simulator.stats().totalRequests).toBeGreaterThan(0);
    } else {
      expect(forbidden?.path).toEqual([name]);
      expect(simulator.stats().totalRequests).toBe(0);
    }
  });

  it('deleting an archive through restoreFromCpmove needs admin, like deleteAccountArchives', async () => {
    const query =
      'mutation { restoreFromCpmove(input: { path: "/home/cpmove-oldclient.tar.gz", deleteArchive: true }) { userErrors { code } } }';
    const refused = await gateway.query(query, {}, asKey(KEYS.operator));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'admin' });
    expect(simulator.stats().totalRequests).toBe(0);
    const allowed = await gateway.query(query, {}, asKey(KEYS.admin));
    expect(allowed.errors).toBeUndefined();
    expect(simulator.stats().calls.start_local_cpmove_restore).toBe(1);
  });

  it('records who created a session', async () => {
    const created = await gateway.query<{ createRemoteRootTransferSession: { session: { id: string; createdBy: string } } }>(
      'mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "remote-root-password" } }) { session { id createdBy } } }',
      {},
      asKey(KEYS.operator),
    );
    expect(created.data?.createRemoteRootTransferSession.session.createdBy).toBe('key:ops');
  });
});

describe('server restrictions', () => {
  it('a key limited to some servers sees only those and cannot use the others', async () => {
    const listed = await gateway.query<{ servers: { name: string }[] }>('{ servers { name } }', {}, asKey(KEYS.east));
    expect(listed.data?.servers.map((server) => server.name)).toEqual(['east']);
    const refused = await gateway.query(
      '{ validateSystemUser(username: "bob", server: "sim") { exists } }',
      {},
      asKey(KEYS.east),
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(simulator.stats().totalRequests).toBe(0);
    const allowed = await gateway.query<{ validateSystemUser: { exists: boolean } }>(
      '{ validateSystemUser(username: "bob") { exists } }',
      {},
      asKey(KEYS.east),
    );
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?.validateSystemUser.exists).toBe(false);
  });

  it('lists only the sessions of the servers a key may use', async () => {
    const create = (server: string) =>
      gateway.query(
        `mutation { createRemoteRootTransferSession(input: { server: "${server}", host: "source.example.net", credentials: { password: "remote-root-password" } }) { session { id } } }`,
        {},
        asKey(KEYS.admin),
      );
    await create('sim');
    await create('east');
    const listed = await gateway.query<{ transferSessions: { totalCount: number; nodes: { server: { name: string } }[] } }>(
      '{ transferSessions(first: 100) { totalCount nodes { server { name } } } }',
      {},
      asKey(KEYS.east),
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.transferSessions.totalCount).toBeGreaterThan(0);
    expect(new Set(listed.data?.transferSessions.nodes.map((node) => node.server.name))).toEqual(new Set(['east']));
    const everything = await gateway.query<{ transferSessions: { totalCount: number } }>(
      '{ transferSessions { totalCount } }',
      {},
      asKey(KEYS.admin),
    );
    expect(everything.data?.transferSessions.totalCount).toBeGreaterThan(listed.data?.transferSessions.totalCount ?? 0);
  });
});

describe('browsers', () => {
  it('answers CORS preflights for allowed origins only', async () => {
    const allowed = await fetch(gateway.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://console.example.com', 'access-control-request-method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://console.example.com');
    const other = await fetch(gateway.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CSRF prevention on: a simple GET query without a preflight header is refused', async () => {
    const response = await fetch(`${gateway.url}?query=${encodeURIComponent('{ servers { name } }')}`, {
      headers: asKey(KEYS.admin),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF|preflight/i);
  });
});
