// Shared pieces for the observability tests: a capturing log destination, a tiny schema whose
// resolvers succeed, fail in classified and unclassified ways, and "call WHM" through an observer,
// and a minimal context (the plugins only read ObservedContext).
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { ObservedContext } from '../../src/observability/index.js';
import type { WhmObserver } from '../../src/whm/transport.js';

export interface CapturedLines {
  /** For pino: a synchronous destination. */
  write(line: string): void;
  lines: string[];
  /** Every line parsed. */
  records(): Record<string, unknown>[];
  text(): string;
}

export function captureLines(): CapturedLines {
  const lines: string[] = [];
  return {
    lines,
    write: (line) => void lines.push(line),
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => lines.join(''),
  };
}

export const SECRET_PASSWORD = 'Sup3r-Secret-Root-Passw0rd-7f3a9c';

export interface TestContext extends ObservedContext {
  /** Stands in for the WHM transport: reports made here reach the observer under test. */
  whmObserver: WhmObserver | null;
  /** An object, not a number: Apollo shallow-clones contextValue per request, nested objects stay shared. */
  whmCalls: { count: number };
  /** The server the fake WHM requests report (default "east"). */
  whmServer: string;
}

export function testContext(overrides: Partial<TestContext> = {}): TestContext {
  const context: TestContext = {
    requestId: 'req-0001',
    identity: { id: 'ops-key', role: 'operator' },
    whmObserver: null,
    whmCalls: { count: 0 },
    whmServer: 'east',
    ...overrides,
    whm: {
      get requestCount() {
        return whmCalls.count;
      },
    },
  };
  const whmCalls = context.whmCalls;
  return context;
}

export const TEST_TYPE_DEFS = /* GraphQL */ `
  input CredentialsInput {
    password: String
    sshKeyPassphrase: String
  }
  input LoginInput {
    host: String!
    credentials: CredentialsInput!
  }
  type Query {
    hello: String
    "Throws a plain Error: unexpected."
    boom: String
    "Fails as a WHM timeout would (classified)."
    whmTimeout: String
    "Reports one WHM batch of 3 calls after an async hop, like the batcher."
    fromWhm: String
  }
  type Mutation {
    login(input: LoginInput!): Boolean
  }
`;

/** Resolves after setImmediate, then "makes" a WHM request: the same async shape as WhmCallBatcher. */
function reportWhmRequest(context: TestContext, calls: number): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(() => {
      context.whmCalls.count += 1;
      context.whmObserver?.onRequest({
        server: context.whmServer,
        command: calls > 1 ? 'batch' : 'validate_system_user',
        calls,
        outcome: 'ok',
        durationMs: 12,
        attempt: 1,
      });
      resolve();
    });
  });
}

export const TEST_RESOLVERS = {
  Query: {
    hello: () => 'world',
    boom: () => {
      throw new Error('kaboom: invariant broken in resolver');
    },
    whmTimeout: () => {
      throw new GraphQLError('WHM did not answer in time', { extensions: { code: 'WHM_TIMEOUT' } });
    },
    fromWhm: async (_parent: unknown, _args: unknown, context: TestContext) => {
      await reportWhmRequest(context, 3);
      return 'batched';
    },
  },
  Mutation: {
    login: async (_parent: unknown, _args: unknown, context: TestContext) => {
      await reportWhmRequest(context, 1);
      return true;
    },
  },
};

export function testApolloServer(plugins: ApolloServerPlugin<TestContext>[]): ApolloServer<TestContext> {
  return new ApolloServer<TestContext>({
    typeDefs: TEST_TYPE_DEFS,
    resolvers: TEST_RESOLVERS,
    plugins,
    // As in production: responses do not carry stacks, the log does.
    includeStacktraceInErrorResponses: false,
  });
}

/** Listens on an ephemeral loopback port; resolves with the base URL. */
export async function listenOnLoopback(server: http.Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Polls until check passes or timeoutMs elapses (bounded waits only). */
export async function waitFor(check: () => boolean, timeoutMs = 5_000, description = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
