// graphql-armor limits against the real schema: every example operation and realistic monitoring
// queries pass validation; abusive shapes are refused with a stable code (GRAPHQL_VALIDATION_FAILED,
// HTTP 400). The schema has no resolvers here, so operations may fail at execution: only armor and
// validation errors are looked for.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express from 'express';
import { Kind, parse, print, type GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARMOR_LIMITS, createArmor } from '../../src/limits/armor.js';
import { EXAMPLE_OPERATIONS_FILE, loadTypeDefs } from '../../src/server.js';

const schema = makeExecutableSchema({ typeDefs: loadTypeDefs() });
const REFUSAL_CODES = ['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT'];

function newServer(production = false): ApolloServer {
  return new ApolloServer({ schema, ...createArmor({ production }), includeStacktraceInErrorResponses: false });
}

let server: ApolloServer;
beforeAll(async () => {
  server = newServer();
  await server.start();
});
afterAll(async () => {
  await server.stop();
});

async function run(
  query: string,
  variables?: Record<string, unknown>,
  operationName?: string,
): Promise<readonly GraphQLFormattedError[]> {
  const response = await server.executeOperation({ query, variables, operationName });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult.errors ?? [];
}

/** Errors that mean the query shape was refused (as opposed to failing later for lack of resolvers). */
function refusals(errors: readonly GraphQLFormattedError[]): readonly GraphQLFormattedError[] {
  return errors.filter((error) => REFUSAL_CODES.includes(String(error.extensions?.code)));
}

const VARIABLES = { sessionId: 'bench00000000000001', path: '/home/cpmove-meadow.tar.gz' };
const workflow = readFileSync(EXAMPLE_OPERATIONS_FILE, 'utf8');
const operations = parse(workflow).definitions.flatMap((definition) =>
  definition.kind === Kind.OPERATION_DEFINITION && definition.name
    ? [{ name: definition.name.value, text: print(definition) }]
    : [],
);

const MONITORING = {
  'the brief (transferSessions first: 100)': `{ transferSessions(first: 100) { nodes { id state progress { percent queues { queue percent } } items { name state failure } } } }`,
  'a full dashboard page': `{ transferSessions(first: 100) { totalCount nodes { id kind state stateName isFinished remoteHost createdAt
      progress { percent completedBytes totalBytes queues { queue completedItems totalItems failedItems percent } }
      items { module name localName state failure warnings } events(last: 5) { at action item message } } pageInfo { hasNextPage endCursor } } }`,
  'Relay edges, first: 100': `{ transferSessions(first: 100) { edges { cursor node { id state progress { percent queues { queue percent } } items { name state failure } } } } }`,
  'the deepest path the schema has (8)': `{ restoreQueue { completed { session { analysis { accounts { localUser { server { name } } } } } } } }`,
  'one session, everything': `query($id: ID!) { transferSession(id: $id) { id state stateName isFinished remoteHost createdAt createdBy adopted
      progress { percent completedBytes totalBytes completed queues { queue totalItems completedItems failedItems totalBytes completedBytes percent } }
      items { module kind name localName size state warnings skippedItems dangerousItems alteredItems failure message startedAt finishedAt }
      events(last: 50) { at action type queue childNumber item itemType localItem logfile message }
      log(tailLines: 200) { file text lineCount truncated } errorLog(tailLines: 200) { text truncated } } }`,
  'fragments (as Apollo Client writes them)': `query { transferSessions(first: 100) { nodes { ...Row } } }
      fragment Row on TransferSession { id state progress { ...Progress } items { name state failure } }
      fragment Progress on TransferProgress { percent queues { queue percent } }`,
};

describe('what passes', () => {
  it('finds the example operations', () => {
    expect(operations.map((operation) => operation.name)).toContain('Monitor');
    expect(operations.length).toBeGreaterThanOrEqual(10);
  });

  it.each(operations.map((operation) => [operation.name, operation.text]))('example operation %s', async (_name, text) => {
    expect(refusals(await run(text, VARIABLES))).toEqual([]);
  });

  it.each(operations.map((operation) => [operation.name]))(
    'example operation %s sent inside the whole workflow document (as Sandbox may)',
    async (name) => {
      expect(refusals(await run(workflow, VARIABLES, name))).toEqual([]);
    },
  );

  it.each(Object.entries(MONITORING))('monitoring: %s', async (_name, query) => {
    expect(refusals(await run(query, { id: VARIABLES.sessionId }))).toEqual([]);
  });

  it('a handful of aliases and directives', async () => {
    const query = `query($full: Boolean!) {
      a: transferSession(id: "1") { state progress @include(if: $full) { percent } }
      b: transferSession(id: "2") { state progress @include(if: $full) { percent } }
      c: validateSystemUser(username: "meadow") @skip(if: $full) { exists }
    }`;
    expect(refusals(await run(query, { full: true }))).toEqual([]);
  });

  it('an inline enqueue of 300 accounts', async () => {
    const items = Array.from({ length: 300 }, (_unused, index) => `{ accountRemoteRoot: { user: "user${index}" } }`).join(' ');
    const query = `mutation { enqueueTransferItems(sessionId: "1", items: [${items}]) { results { index queued } } }`;
    expect(refusals(await run(query))).toEqual([]);
  });
});

function expectRefused(errors: readonly GraphQLFormattedError[], message: RegExp): void {
  const matching = errors.filter((error) => message.test(error.message));
  expect(matching.length, JSON.stringify(errors.slice(0, 3))).toBeGreaterThan(0);
  for (const error of matching) expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
}

describe('what is refused', () => {
  it('depth 20', async () => {
    // The schema has no cycle, so a 20-level query cannot also be schema-valid: graphql-armor still counts it.
    const query = `{ ${'transferSession(id: "1") { analysis { '.repeat(10)}id${' } }'.repeat(10)} }`;
    expectRefused(await run(query), new RegExp(`Query depth limit of ${ARMOR_LIMITS.maxDepth} exceeded, found 2\\d`));
  });

  it('500 aliases', async () => {
    const query = `{ ${Array.from({ length: 500 }, (_unused, index) => `a${index}: servers { name }`).join(' ')} }`;
    expectRefused(await run(query), new RegExp(`Aliases limit of ${ARMOR_LIMITS.maxAliases} exceeded, found 500`));
  });

  it('many directives', async () => {
    const query = `{ servers { ${Array.from({ length: 100 }, () => 'name @include(if: true)').join(' ')} } }`;
    expectRefused(await run(query), new RegExp(`Directives limit of ${ARMOR_LIMITS.maxDirectives} exceeded, found 100`));
  });

  it('a list multiplied by a list (first: 100 × events last: 100)', async () => {
    const query = `{ transferSessions(first: 100) { nodes { id events(last: 100) { at action item message } } } }`;
    expectRefused(await run(query), new RegExp(`Query Cost limit of ${ARMOR_LIMITS.maxCost} exceeded`));
  });

  it('100k tokens: refused while parsing (executeOperation rejects, as Apollo does for pre-parse plugin errors)', async () => {
    const query = `{ servers { ${'name '.repeat(100_000)}} }`;
    await expect(server.executeOperation({ query })).rejects.toMatchObject({
      message: `Syntax Error: Token limit of ${ARMOR_LIMITS.maxTokens} exceeded.`,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('hides field suggestions', async () => {
    const errors = await run('{ servers { nam } }');
    expect(errors[0]?.message).toMatch(/Cannot query field "nam"/);
    expect(errors[0]?.message).not.toMatch(/Did you mean|"name"/);
    expect(errors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('production names the limit but not its value', async () => {
    const production = newServer(true);
    try {
      const response = await production.executeOperation({
        query: `{ ${'transferSession(id: "1") { analysis { '.repeat(10)}id${' } }'.repeat(10)} }`,
      });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const messages = (response.body.singleResult.errors ?? []).map((error) => error.message);
      expect(messages).toContain('Syntax Error: Query is too deep.');
      expect(messages.join('\n')).not.toContain(String(ARMOR_LIMITS.maxDepth));
    } finally {
      await production.stop();
    }
  });
});

describe('over HTTP (what a client sees)', () => {
  let httpServer: http.Server;
  let apollo: ApolloServer;
  let url = '';

  beforeAll(async () => {
    apollo = newServer();
    await apollo.start();
    const app = express();
    app.use('/graphql', express.json({ limit: '2mb' }), expressMiddleware(apollo));
    httpServer = http.createServer(app);
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await apollo.stop();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  });

  async function post(query: string): Promise<{ status: number; errors: GraphQLFormattedError[] }> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: GraphQLFormattedError[] };
    return { status: response.status, errors: body.errors ?? [] };
  }

  it('token limit: 400 GRAPHQL_VALIDATION_FAILED (graphql-armor alone would answer 500)', async () => {
    const { status, errors } = await post(`{ servers { ${'name '.repeat(100_000)}} }`);
    expect(status).toBe(400);
    expect(errors).toEqual([
      {
        message: `Syntax Error: Token limit of ${ARMOR_LIMITS.maxTokens} exceeded.`,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });

  it('depth limit: 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const { status, errors } = await post(`{ ${'transferSession(id: "1") { analysis { '.repeat(10)}id${' } }'.repeat(10)} }`);
    expect(status).toBe(400);
    expect(
      errors.some((error) => /Query depth limit/.test(error.message) && error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED'),
    ).toBe(true);
  });

  it('a syntax error stays 400 GRAPHQL_PARSE_FAILED (graphql-armor parses first)', async () => {
    const { status, errors } = await post('{ servers { name ');
    expect(status).toBe(400);
    expect(errors[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(errors[0]?.message).toMatch(/^Syntax Error: Expected Name/);
  });

  it('any other unexpected error: 500 "Internal server error", logged, its text not sent', async () => {
    const logged: string[] = [];
    const silent = (): void => undefined;
    const armor = createArmor({ production: false });
    const failing = new ApolloServer({
      schema,
      logger: { debug: silent, info: silent, warn: silent, error: (message: string) => void logged.push(message) },
      ...armor,
      plugins: [
        ...armor.plugins,
        {
          requestDidStart: async () => ({
            didResolveSource: async () => {
              throw new Error('registry at 10.0.0.5 refused');
            },
          }),
        },
      ],
    });
    try {
      await expect(failing.executeOperation({ query: '{ __typename }' })).rejects.toMatchObject({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(logged.join('\n')).toContain('registry at 10.0.0.5 refused');
    } finally {
      await failing.stop();
    }
  });

  it('an accepted query executes', async () => {
    const { status, errors } = await post('{ __typename }');
    expect(status).toBe(200);
    expect(errors).toEqual([]);
  });
});
