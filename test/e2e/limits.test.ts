// Every limit violated once, through the real gateway over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRegistry } from '../../src/registry/index.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

let simulator: RunningSimulator;
let registry: SessionRegistry;
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ maxLogBytes: 2048 });
  // Other gateways in this file share the first one's simulator and registry.
  ({ simulator, registry } = gateway);
});
afterAll(async () => {
  await gateway.close();
});

const nested = (depth: number): string => {
  // restoreQueue → completed → session → analysis → accounts → localUser → server → name …
  const path = ['restoreQueue', 'completed', 'session', 'analysis', 'accounts', 'localUser', 'server'];
  let query = 'name';
  for (let level = 0; level < depth; level += 1) query = `${path[level % path.length]} { ${query} }`;
  return `{ ${query} }`;
};

describe('query shape (graphql-armor)', () => {
  it.each([
    [
      'depth',
      `{ restoreQueue { completed { session { analysis { accounts { localUser { server { name } } } } } } } }`.replace(
        '{ name }',
        '{ name }',
      ) && nested(20),
    ],
    ['aliases', `{ ${Array.from({ length: 100 }, (_, index) => `a${index}: servers { name }`).join(' ')} }`],
    [
      'cost',
      '{ transferSessions(first: 100) { nodes { events(last: 100) { action at message item queue type } items { name state failure module } } } }',
    ],
    ['directives', `{ servers { name ${'@include(if: true) '.repeat(50)} } }`],
    ['tokens', `{ servers { ${'name '.repeat(6000)} } }`],
  ])('refuses too much %s with 400, before any WHM call', async (_limit, query) => {
    simulator.resetStats();
    const response = await gateway.query(query);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(simulator.stats().totalRequests).toBe(0);
  });

  it('hides field suggestions', async () => {
    const response = await gateway.query('{ servers { nmae } }');
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('refuses batched HTTP requests', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ servers { name } }' }, { query: '{ servers { name } }' }]),
    });
    expect(response.status).toBe(400);
  });
});

describe('input and output caps', () => {
  it('caps list inputs', async () => {
    const response = await gateway.query('query($names: [String!]!) { systemUsers(usernames: $names) { exists } }', {
      names: Array.from({ length: 1001 }, (_, index) => `u${index}`),
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['usernames'] });
  });

  it('caps the log text a field returns, keeping whole lines', async () => {
    const created = await gateway.query<{ createRemoteRootTransferSession: { session: { id: string } } }>(
      'mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "remote-root-password" } }) { session { id } } }',
    );
    const id = created.data?.createRemoteRootTransferSession.session.id;
    await gateway.query(
      'mutation($id: ID!) { enqueueTransferItems(sessionId: $id, items: [{ accountRemoteRoot: { user: "meadow" } }, { accountRemoteRoot: { user: "cloudly" } }]) { userErrors { message } } }',
      { id },
    );
    await gateway.query('mutation($id: ID!) { startTransferSession(id: $id) { userErrors { message } } }', { id });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const response = await gateway.query<{ transferSession: { log: { text: string; truncated: boolean } } }>(
      'query($id: ID!) { transferSession(id: $id) { log { text truncated } } }',
      { id },
    );
    const log = response.data?.transferSession.log;
    expect(log?.truncated).toBe(true);
    expect(Buffer.byteLength(log?.text ?? '')).toBeLessThanOrEqual(2048);
    for (const line of (log?.text ?? '').split('\n').filter(Boolean)) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('refuses a body over the size limit', async () => {
    const small = await startTestGateway({
      sharedSimulator: simulator,
      sharedRegistry: registry,
      gateway: { maxBodyBytes: 2048 },
    });
    const response = await fetch(small.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ servers { name } }', variables: { padding: 'x'.repeat(4096) } }),
    });
    await small.close();
    expect(response.status).toBe(413);
  });
});

describe('rate limits and deadlines', () => {
  it('answers RATE_LIMITED with Retry-After once a caller spends its budget', async () => {
    const strict = await startTestGateway({
      sharedSimulator: simulator,
      sharedRegistry: registry,
      gateway: { rateLimit: { perIdentityPerMinute: 3, perIpPerMinute: 100 } },
    });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    let code: unknown;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await fetch(strict.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ servers { name } }' }),
      });
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = response.headers.get('retry-after');
        code = ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code;
      }
    }
    await strict.close();
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(code).toBe('RATE_LIMITED');
  });

  it('stops waiting at the request deadline with REQUEST_TIMEOUT', async () => {
    const hurried = await startTestGateway({
      sharedSimulator: simulator,
      sharedRegistry: registry,
      gateway: { requestTimeoutMs: 1000 },
    });
    simulator.setFault('backup_date_list', { kind: 'latency', ms: 3000, times: 1 });
    const response = await hurried.query('{ backupDates { date } }');
    await hurried.close();
    expect(response.status).toBe(503);
    expect(response.errors?.[0]?.extensions?.code).toBe('REQUEST_TIMEOUT');
  });

  it('sends no WHM call once the deadline passed: a later write of the same mutation never leaves', async () => {
    const hurried = await startTestGateway({
      sharedSimulator: simulator,
      sharedRegistry: registry,
      gateway: { requestTimeoutMs: 500 },
    });
    simulator.setFault('restore_queue_activate', { kind: 'latency', ms: 900, times: 1 });
    const before = simulator.stats().calls['restore_queue_activate'] ?? 0;
    const activate = 'activateRestoreQueue { userErrors { code } }';
    const response = await hurried.query(`mutation { first: ${activate} second: ${activate} }`);
    expect(response.status).toBe(503);
    // The first write, already sent, runs to its end; the second field starts after the deadline.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await hurried.close();
    expect((simulator.stats().calls['restore_queue_activate'] ?? 0) - before).toBe(1);
  });
});

describe('production mode', () => {
  let production: TestGateway;
  beforeAll(async () => {
    production = await startTestGateway({ sharedSimulator: simulator, sharedRegistry: registry, gateway: { production: true } });
  });
  afterAll(async () => {
    await production.close();
  });

  it('turns introspection and the Sandbox page off', async () => {
    const response = await production.query('{ __schema { queryType { name } } }');
    expect(response.status).toBe(400);
    const page = await fetch(production.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/embeddable-sandbox/);
  });

  it('hides field suggestions everywhere in the answer', async () => {
    const response = await production.query('{ servers { nmae } }');
    expect(JSON.stringify(response)).not.toMatch(/Did you mean|"name"/);
  });

  it('still says what WHM said, with its code, and never a stack trace', async () => {
    const response = await production.query('{ transferModuleSchema(module: "NoSuchModule") { module } }');
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'WHM_API_ERROR' });
    expect(JSON.stringify(response)).not.toMatch(/stacktrace/);
  });
});
