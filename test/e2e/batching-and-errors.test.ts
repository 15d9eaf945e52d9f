// What a query costs upstream (counted by the simulator), and how failures reach clients: stable
// codes, partial data, and no WHM call at all for a bad input.
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS_FILE, loadTypeDefs } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => {
  gateway.simulator.setFault('*', null);
  gateway.simulator.resetStats();
});

const requests = (): number => gateway.simulator.stats().totalRequests;

describe('batching targets', () => {
  it('systemUsers with 500 names costs ceil(500 / max batch size) requests', async () => {
    const usernames = Array.from({ length: 500 }, (_, index) => `user${index}`);
    const response = await gateway.query<{ systemUsers: { username: string; exists: boolean }[] }>(
      'query($names: [String!]!) { systemUsers(usernames: $names) { username exists validForNew } }',
      { names: usernames },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.systemUsers).toHaveLength(500);
    expect(requests()).toBe(Math.ceil(500 / 200));
    expect(gateway.simulator.stats().calls.validate_system_user).toBe(500);
  });

  it('systemUsers with 500 names is ONE request when the batch size allows it', async () => {
    const wide = await startTestGateway({
      sharedSimulator: gateway.simulator,
      sharedRegistry: gateway.registry,
      maxBatchSize: 500,
    });
    const usernames = Array.from({ length: 500 }, (_, index) => `wide${index}`);
    const response = await wide.query('query($names: [String!]!) { systemUsers(usernames: $names) { exists } }', {
      names: usernames,
    });
    await wide.close();
    expect(response.errors).toBeUndefined();
    expect(requests()).toBe(1);
  });

  it('the same username asked twice in one query is one call', async () => {
    await gateway.query(
      '{ a: validateSystemUser(username: "twice") { exists } b: validateSystemUser(username: "twice") { reserved } }',
    );
    expect(gateway.simulator.stats().calls.validate_system_user).toBe(1);
    expect(requests()).toBe(1);
  });

  it('transferSessions(first: 50) with state and progress costs at most 2 requests', async () => {
    for (let index = 0; index < 50; index += 1) {
      const created = await gateway.query(
        'mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "remote-root-password" } }) { userErrors { message } } }',
      );
      expect(created.errors).toBeUndefined();
    }
    gateway.simulator.resetStats();
    const response = await gateway.query<{ transferSessions: { nodes: { state: string; progress: { percent: number } }[] } }>(
      '{ transferSessions(first: 50) { nodes { state progress { percent } } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.transferSessions.nodes).toHaveLength(50);
    expect(response.data?.transferSessions.nodes.every((node) => node.state === 'PENDING' && node.progress.percent === 0)).toBe(
      true,
    );
    expect(requests()).toBeLessThanOrEqual(2);
  });

  it('without batching the same query costs one request per call (what the benchmark compares)', async () => {
    const naive = await startTestGateway({
      sharedSimulator: gateway.simulator,
      sharedRegistry: gateway.registry,
      batching: false,
    });
    const usernames = Array.from({ length: 20 }, (_, index) => `naive${index}`);
    await naive.query('query($names: [String!]!) { systemUsers(usernames: $names) { exists } }', { names: usernames });
    await naive.close();
    expect(requests()).toBe(20);
  });
});

describe('pagination', () => {
  it('pages through the registry without gaps or repeats, newest first', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 50; page += 1) {
      const response: {
        data?: {
          transferSessions: {
            totalCount: number;
            edges: { cursor: string; node: { id: string } }[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        } | null;
      } = await gateway.query(
        'query($after: String) { transferSessions(first: 7, after: $after, filter: { kinds: [ROOT] }) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const connection = response.data?.transferSessions;
      total = connection?.totalCount ?? 0;
      seen.push(...(connection?.edges.map((edge) => edge.node.id) ?? []));
      expect(connection?.edges.at(-1)?.cursor ?? null).toBe(connection?.pageInfo.endCursor ?? null);
      if (!connection?.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(7);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(requests()).toBe(0);
  });

  it('filters by server and last seen state', async () => {
    const response = await gateway.query<{ transferSessions: { totalCount: number } }>(
      '{ transferSessions(filter: { server: "sim", states: [PENDING] }) { totalCount } }',
    );
    expect(response.data?.transferSessions.totalCount).toBeGreaterThan(0);
    const none = await gateway.query<{ transferSessions: { totalCount: number } }>(
      '{ transferSessions(filter: { states: [ABORTED] }) { totalCount } }',
    );
    expect(none.data?.transferSessions.totalCount).toBe(0);
  });
});

describe('errors', () => {
  it('a WHM refusal is WHM_API_ERROR with the reason, and sibling fields still resolve', async () => {
    const response = await gateway.query<{ servers: { name: string }[]; transferModuleSchema: null }>(
      '{ servers { name } transferModuleSchema(module: "NoSuchModule") { module } }',
    );
    expect(response.data?.servers).toEqual([{ name: 'sim' }]);
    expect(response.data?.transferModuleSchema).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'WHM_API_ERROR',
      whmFunction: 'transfer_module_schema',
      whmReason: 'The transfer session module “NoSuchModule” does not exist.',
    });
  });

  it('WHM down is one WHM_UNAVAILABLE per user of the failed batch, naming the function; siblings still resolve', async () => {
    gateway.simulator.setFault('batch', { kind: 'status', status: 503 });
    const response = await gateway.query<{ servers: unknown[]; a: { exists: boolean | null }; b: { exists: boolean | null } }>(
      '{ servers { name } a: validateSystemUser(username: "one") { username exists } b: validateSystemUser(username: "two") { username exists } }',
    );
    expect(response.data?.servers).toHaveLength(1);
    expect(response.data?.a).toBeNull();
    expect(response.errors?.map((error) => [error.path?.join('.'), error.extensions?.code]).sort()).toEqual([
      ['a', 'WHM_UNAVAILABLE'],
      ['b', 'WHM_UNAVAILABLE'],
    ]);
    // The failed request was a `batch`; the error names the call, and a read never acted.
    expect(response.errors?.[0]?.extensions).toMatchObject({ whmFunction: 'validate_system_user', whmMayHaveActed: false });
    expect(response.errors?.[0]?.message).toMatch(/WHM validate_system_user/);
  });

  it('an HTML page from WHM is WHM_PROTOCOL_ERROR with a hint', async () => {
    gateway.simulator.setFault('restore_modules_summary', { kind: 'html' });
    const response = await gateway.query<{ servers: unknown[]; restoreModules: null }>(
      '{ servers { name } restoreModules { name } }',
    );
    expect(response.data).toEqual({ servers: [{ name: 'sim' }], restoreModules: null });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'WHM_PROTOCOL_ERROR', hint: expect.stringMatching(/2087/) });
  });

  it('a hung WHM is WHM_TIMEOUT; a read says WHM has not acted', async () => {
    const impatient = await startTestGateway({
      sharedSimulator: gateway.simulator,
      sharedRegistry: gateway.registry,
      timeoutMs: 200,
    });
    gateway.simulator.setFault('backup_date_list', { kind: 'hang' });
    const response = await impatient.query<{ servers: unknown[] }>('{ servers { name } backupDates { date } }');
    await impatient.close();
    expect(response.data?.servers).toHaveLength(1);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'WHM_TIMEOUT',
      timeoutMs: 200,
      whmMayHaveActed: false,
      whmFunction: 'backup_date_list',
    });
  });

  it('bad WHM credentials are WHM_AUTH_FAILED', async () => {
    const simulator = await startTestGateway({
      simulator: { auth: { tokens: { root: 'another-token' }, passwords: {} } },
      sharedRegistry: gateway.registry,
    });
    const response = await simulator.query('{ restoreModules { name } }');
    await simulator.close();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'WHM_AUTH_FAILED', httpStatus: 401 });
    expect(JSON.stringify(response)).not.toContain('SIMULATOR-ROOT-TOKEN');
  });

  it('refuses a log file outside the session, without asking WHM for it', async () => {
    const created = await gateway.query<{ createRemoteRootTransferSession: { session: { id: string } } }>(
      'mutation { createRemoteRootTransferSession(input: { host: "source.example.net", credentials: { password: "remote-root-password" } }) { session { id } } }',
    );
    gateway.simulator.resetStats();
    const response = await gateway.query(
      'query($id: ID!) { transferSession(id: $id) { id log(file: "../../etc/passwd") { text } } }',
      {
        id: created.data?.createRemoteRootTransferSession.session.id,
      },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['file'] });
    expect(gateway.simulator.stats().calls.fetch_transfer_session_log).toBeUndefined();
  });

  it('a missing session is null, not an error', async () => {
    const response = await gateway.query<{ transferSession: null }>(
      '{ transferSession(id: "nosuchhostcopya20260101000000abcdef") { id } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.transferSession).toBeNull();
  });

  it.each([
    ['{ validateSystemUser(username: "bad name!") { exists } }', ['username']],
    ['{ transferSession(id: "has-dash") { id } }', ['id']],
    ['{ validateSystemUser(username: "ok", server: "nope") { exists } }', ['server']],
    ['{ transferSessions(first: 1000) { totalCount } }', ['first']],
    ['{ transferSessions(after: "garbage") { totalCount } }', ['after']],
    [
      'mutation { createRemoteRootTransferSession(input: { host: "bad host", credentials: { password: "x" } }) { userErrors { message } } }',
      ['input', 'host'],
    ],
    [
      'mutation { createRemoteRootTransferSession(input: { host: "h.example", credentials: {} }) { userErrors { message } } }',
      ['input', 'credentials'],
    ],
    [
      'mutation { createRemoteRootTransferSession(input: { host: "h.example", transferThreads: 99, credentials: { password: "x" } }) { userErrors { message } } }',
      ['input', 'transferThreads'],
    ],
    ['mutation { enqueueTransferItems(sessionId: "abc", items: [{}]) { userErrors { message } } }', ['items', '0']],
    ['mutation { enqueueTransferItems(sessionId: "abc", items: []) { userErrors { message } } }', ['items']],
    [
      'mutation { enqueueTransferItems(sessionId: "abc", items: [{ accountRemoteRoot: { user: "a;b" } }]) { userErrors { message } } }',
      ['items', '0', 'accountRemoteRoot', 'user'],
    ],
    ['mutation { restoreFromCpmove(input: { path: "../etc/passwd" }) { userErrors { message } } }', ['input', 'path']],
  ])('rejects %s as BAD_USER_INPUT on %j, with no WHM call', async (query, field) => {
    const response = await gateway.query(query);
    const error = response.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.field).toEqual(field);
    const whmCalls = gateway.simulator.requests.filter((request) => request.functionName !== 'get_transfer_session_state');
    expect(whmCalls).toEqual([]);
  });
});

describe('the example operations shown in Sandbox', () => {
  it('all validate against the schema', () => {
    const schema = buildSchema(loadTypeDefs().join('\n'));
    const document = parse(readFileSync(EXAMPLE_OPERATIONS_FILE, 'utf8'));
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
    expect(document.definitions.length).toBeGreaterThanOrEqual(10);
  });
});
