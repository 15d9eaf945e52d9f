// The gateway as an Apollo Federation 2 subgraph (GATEWAY_FEDERATION=1), composed through
// @apollo/gateway (IntrospectAndCompose, in process, over loopback HTTP) with a small Customer
// subgraph that holds TransferSession and SystemUser references by key. The simulator counts what
// entity references cost WHM; auth, roles, server limits and log limits hold for `_entities`.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/auth/authenticate.js';
import { demo } from '../../src/simulator/index.js';
import type { WhmClient } from '../../src/whm/index.js';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../helpers/gateway.js';
import { clientFor } from '../helpers/whm.js';

const KEYS = { viewer: 'fed-viewer-key-0123456789abcdef', eastOnly: 'fed-east-only-key-0123456789abcdef' };
const SESSIONS = 200;

const CUSTOMER_SUBGRAPH = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Query { customers: [Customer!]! }
  type Customer @key(fields: "id") { id: ID! name: String! transferSessions: [TransferSession] owner: SystemUser }
  type TransferSession @key(fields: "server { name } id", resolvable: false) { server: WhmServer! id: ID! }
  type SystemUser @key(fields: "server { name } username", resolvable: false) { server: WhmServer! username: String! }
  type WhmServer @key(fields: "name", resolvable: false) { name: ID! }
`;

let subgraph: TestGateway;
let whm: WhmClient;
let sessionIds: string[];
const closers: (() => Promise<void>)[] = [];
let supergraphUrl: string;

async function listen(server: ApolloServer<{ apiKey?: string }>): Promise<string> {
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ apiKey: typeof req.headers['x-api-key'] === 'string' ? req.headers['x-api-key'] : undefined }),
  });
  closers.push(() => server.stop());
  return url;
}

beforeAll(async () => {
  subgraph = await startTestGateway({
    extraServerNames: ['east'],
    gateway: {
      federation: true,
      auth: {
        mode: 'required',
        settings: {
          apiKeys: [
            { name: 'fed-viewer', role: 'viewer', keyHash: hashApiKey(KEYS.viewer) },
            { name: 'fed-east', role: 'admin', keyHash: hashApiKey(KEYS.eastOnly), servers: ['east'] },
          ],
          jwt: null,
        },
      },
    },
  });
  // Sessions created in WHM by someone else: the Customer service knows their IDs, the registry does not.
  whm = clientFor(subgraph.simulator);
  sessionIds = await Promise.all(
    Array.from({ length: SESSIONS }, async () => {
      // User sessions: no remote analysis to build, so 200 of them are quick to make.
      const created = await whm.call('create_remote_user_transfer_session', {
        host: demo.DEMO_SOURCE_HOST,
        password: demo.DEMO_REMOTE_ROOT_PASSWORD,
        unrestricted_restore: 1,
      });
      return created.data.transfer_session_id;
    }),
  );

  const customers = new ApolloServer<{ apiKey?: string }>({
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    schema: buildSubgraphSchema({
      typeDefs: parse(CUSTOMER_SUBGRAPH),
      resolvers: {
        Query: {
          customers: () => [
            {
              id: 'c1',
              name: 'Acme',
              transferSessions: sessionIds.map((id) => ({ server: { name: 'sim' }, id })),
              owner: { server: { name: 'sim' }, username: 'acmeowner' },
            },
          ],
        },
      },
    }),
  });
  const customersUrl = await listen(customers);
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({
      subgraphs: [
        { name: 'whm', url: subgraph.url },
        { name: 'customers', url: customersUrl },
      ],
      introspectionHeaders: { 'x-api-key': KEYS.viewer },
    }),
    // The router passes each caller's own key on: the subgraph authorizes the caller, not the router.
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<{ apiKey?: string }>({
        url,
        willSendRequest({ request, context }) {
          // Typed loosely by @apollo/gateway: schema loading runs without a caller's context.
          const apiKey: unknown = context.apiKey;
          if (typeof apiKey === 'string') request.http?.headers.set('x-api-key', apiKey);
        },
      }),
  });
  supergraphUrl = await listen(new ApolloServer<{ apiKey?: string }>({ gateway }));
}, 60_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  whm.close();
  await subgraph.close();
});

beforeEach(() => subgraph.simulator.resetStats());

async function viaSupergraph<D>(query: string, apiKey = KEYS.viewer): Promise<GraphQLResponse<D>> {
  const response = await fetch(supergraphUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ query }),
  });
  return { ...((await response.json()) as GraphQLResponse<D>), status: response.status };
}

const representations = (ids: readonly string[], server = 'sim') =>
  ids.map((id) => ({ __typename: 'TransferSession', server: { name: server }, id }));
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on TransferSession { id state } } }';

describe('the subgraph', () => {
  it('answers _service { sdl } with the federation keys, nested where the server is an object', async () => {
    const response = await subgraph.query<{ _service: { sdl: string } }>(
      '{ _service { sdl } }',
      {},
      { 'x-api-key': KEYS.viewer },
    );
    const sdl = response.data?._service.sdl ?? '';
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.9"');
    expect(sdl).toMatch(/type TransferSession\s+@key\(fields: "server \{ name \} id"\)/);
    expect(sdl).toMatch(/type SystemUser\s+@key\(fields: "server \{ name \} username"\)/);
    expect(sdl).toMatch(/type WhmServer\s+@key\(fields: "name"\)/);
  });

  it('serves the SDL that `npm run schema -- --subgraph` prints', async () => {
    const response = await subgraph.query<{ _service: { sdl: string } }>(
      '{ _service { sdl } }',
      {},
      { 'x-api-key': KEYS.viewer },
    );
    const root = resolve(import.meta.dirname, '../..');
    const printed = await promisify(execFile)(
      resolve(root, 'node_modules/.bin/tsx'),
      ['src/federation/print-schema.ts', '--subgraph'],
      { cwd: root },
    );
    expect(printed.stdout).toBe(`${response.data?._service.sdl}\n`);
  });

  it('still refuses callers without credentials, before any GraphQL work', async () => {
    const response = await subgraph.query(ENTITIES, { r: representations(sessionIds.slice(0, 1)) });
    expect(response.status).toBe(401);
    expect(subgraph.simulator.stats().totalRequests).toBe(0);
  });
});

describe('composed with a Customer subgraph through @apollo/gateway', () => {
  it(`resolves ${SESSIONS} TransferSession references with one WHM batch per tier`, async () => {
    const response = await viaSupergraph<{
      customers: {
        name: string;
        transferSessions: {
          id: string;
          state: string;
          progress: { percent: number } | null;
          server: { name: string; isDefault: boolean };
        }[];
      }[];
    }>('{ customers { name transferSessions { id state progress { percent } server { name isDefault } } } }');
    expect(response.errors).toBeUndefined();
    const sessions = response.data?.customers[0]?.transferSessions ?? [];
    expect(sessions.map((session) => session.id)).toEqual(sessionIds);
    expect(sessions.every((session) => typeof session.state === 'string' && session.server.isDefault)).toBe(true);
    // Tier 1, the references: one batch of state reads (unknown to the registry, so WHM must know them).
    // Tier 2, the fields: state reuses that answer; progress reads every master.log in one batch.
    const stats = subgraph.simulator.stats();
    expect(stats.calls.get_transfer_session_state).toBe(SESSIONS);
    expect(stats.totalRequests).toBe(2);
  });

  it('resolves a SystemUser reference with one validate_system_user call', async () => {
    const response = await viaSupergraph<{
      customers: { owner: { username: string; exists: boolean; validForTransfer: boolean } }[];
    }>('{ customers { owner { username exists validForTransfer server { url } } } }');
    expect(response.errors).toBeUndefined();
    expect(response.data?.customers[0]?.owner).toMatchObject({ username: 'acmeowner', exists: false, validForTransfer: true });
    expect(subgraph.simulator.stats().totalRequests).toBe(1);
  });

  it("authorizes the caller whose key the router forwards: a viewer's admin mutation is FORBIDDEN, unsent", async () => {
    const response = await viaSupergraph(`mutation { abortTransferSession(id: "${sessionIds[0]}") { userErrors { code } } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(subgraph.simulator.stats().totalRequests).toBe(0);
  });
});

describe('_entities under the same rules as the root fields', () => {
  it('refuses a reference to a server the key may not use (FORBIDDEN), and still resolves the others', async () => {
    const response = await subgraph.query<{ _entities: ({ id: string } | null)[] }>(
      ENTITIES,
      {
        r: [
          ...representations([sessionIds[0] ?? ''], 'sim'),
          ...representations(['nosuchsessioncopya20260101000000abcd'], 'east'),
        ],
      },
      { 'x-api-key': KEYS.eastOnly },
    );
    expect(response.data?._entities[0]).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({ path: ['_entities', 0], extensions: { code: 'FORBIDDEN' } });
    // The east reference is allowed: WHM was asked, and an unknown session is null without an error.
    expect(response.data?._entities[1]).toBeNull();
    expect(subgraph.simulator.stats().calls.get_transfer_session_state).toBe(1);
  });

  it('answers BAD_USER_INPUT for malformed keys, with no WHM call', async () => {
    const response = await subgraph.query<{ _entities: unknown[] }>(
      ENTITIES,
      {
        r: [
          { __typename: 'TransferSession', id: sessionIds[0] },
          { __typename: 'TransferSession', server: { name: 'sim' }, id: 'no/such id' },
        ],
      },
      { 'x-api-key': KEYS.viewer },
    );
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(subgraph.simulator.stats().totalRequests).toBe(0);
  });

  it('counts log fields across the references: 200 sessions × (log, errorLog) is refused before WHM', async () => {
    const response = await subgraph.query(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on TransferSession { log { text } errorLog { text } } } }',
      { r: representations(sessionIds) },
      { 'x-api-key': KEYS.viewer },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['representations'] });
    expect(response.errors?.[0]?.message).toContain('400 log fields');
    expect(subgraph.simulator.stats().totalRequests).toBe(0);
  });

  it('takes at most 1 000 references per call', async () => {
    const ids = Array.from({ length: 1001 }, (_, index) => `session${index}`);
    const response = await subgraph.query(ENTITIES, { r: representations(ids) }, { 'x-api-key': KEYS.viewer });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['representations'] });
    expect(subgraph.simulator.stats().totalRequests).toBe(0);
  });

  it('takes 100 sessions with one log each, in one batch of reads per tier', async () => {
    const response = await subgraph.query<{ _entities: { log: { file: string } }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on TransferSession { log(tailLines: 5) { file } } } }',
      { r: representations(sessionIds.slice(0, 100)) },
      { 'x-api-key': KEYS.viewer },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities.map((entity) => entity.log.file)).toEqual(Array(100).fill('master.log'));
    expect(subgraph.simulator.stats().totalRequests).toBe(2);
  });
});

describe('standalone mode (the default)', () => {
  it('has no federation fields', async () => {
    const standalone = await startTestGateway({ sharedSimulator: subgraph.simulator, sharedRegistry: subgraph.registry });
    try {
      const response = await standalone.query('{ _service { sdl } }');
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await standalone.close();
    }
  });
});
