// The request deadline with a slow resolver that waits on a gate the test opens: the client gets
// 503 REQUEST_TIMEOUT at the deadline; the abandoned execution starts no further field (no new WHM
// work) while the one already running completes. The only waits are sequencing (a gate, or "at least
// the deadline has passed"); nothing asserts how long anything took.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expiredAfter, requestDeadline } from '../../src/limits/deadline.js';

const DEADLINE_MS = 400;

interface Gate {
  promise: Promise<void>;
  open(): void;
}
function gate(): Gate {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Per test: what the slow resolvers wait on and what they did. */
let state: { release: Gate; slowStarted: Gate; writesCompleted: number };
/** Resolves with each response Apollo produced (also the ones dropped after a 503). */
let finished: Gate & { response?: GraphQLResponse };
/** Opens once the express handler around Apollo returned: its late writes, if any, have happened. */
let handled: Gate;

beforeEach(() => {
  state = { release: gate(), slowStarted: gate(), writesCompleted: 0 };
  finished = gate();
  handled = gate();
});

const schema = makeExecutableSchema({
  typeDefs: /* GraphQL */ `
    type Query {
      fast: String
      slow: String
    }
    type Mutation {
      first: String
      second: String
    }
  `,
  resolvers: {
    Query: {
      fast: () => 'fast',
      slow: async () => {
        state.slowStarted.open();
        await state.release.promise;
        return 'slow';
      },
    },
    Mutation: {
      // Stands for a WHM write already sent when the deadline passes.
      first: async () => {
        state.slowStarted.open();
        await state.release.promise;
        state.writesCompleted += 1;
        return 'written';
      },
      second: () => 'written too',
    },
  },
});

const capture: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        finished.response = response;
        finished.open();
      },
    };
  },
};

let apollo: ApolloServer;
let httpServer: http.Server;
let url = '';
let expressErrors: unknown[] = [];

beforeEach(async () => {
  apollo = new ApolloServer({ schema, plugins: [capture] });
  await apollo.start();
  expressErrors = [];
  const app = express();
  const graphql = expressMiddleware(apollo);
  app.use(
    '/graphql',
    requestDeadline(DEADLINE_MS),
    express.json(),
    async (request: Request, response: Response, next: NextFunction) => {
      try {
        await graphql(request, response, next);
      } catch (error) {
        expressErrors.push(error); // e.g. ERR_HTTP_HEADERS_SENT from a late write
      } finally {
        handled.open();
      }
    },
  );
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    expressErrors.push(error);
    if (!response.headersSent) response.status(500).end();
  });
  httpServer = http.createServer(app);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
});
afterEach(async () => {
  state.release.open();
  await apollo.stop();
  await new Promise<void>((resolve) => httpServer.close(() => resolve()));
});

async function post(query: string): Promise<{
  status: number;
  body: { data?: unknown; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] };
}> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

function errorsOf(
  response: GraphQLResponse | undefined,
): readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] {
  if (response?.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult.errors ?? [];
}

describe('requestDeadline (an HTTP step, here in express)', () => {
  it('answers 503 REQUEST_TIMEOUT at the deadline while a resolver is still running', async () => {
    const answer = await post('{ slow }');
    expect(answer.status).toBe(503);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'REQUEST_TIMEOUT', timeoutMs: DEADLINE_MS });
    expect(answer.body.errors?.[0]?.message).toMatch(/did not complete within 400 ms/);

    // The execution finishes later; its response goes nowhere and breaks nothing.
    state.release.open();
    await handled.promise;
    expect(expressErrors).toEqual([]);
    expect(await post('{ fast }')).toEqual({ status: 200, body: { data: { fast: 'fast' } } });
  });

  it('lets an in-flight write complete after the 503, and drops what the execution answers then', async () => {
    const answer = post('mutation { first second }');
    await state.slowStarted.promise;
    expect((await answer).status).toBe(503);
    state.release.open();
    await handled.promise;

    expect(state.writesCompleted).toBe(1); // not cancelled: WHM writes already sent may complete
    // Here nothing stops `second` (no WHM access in this schema): see the gateway's test in test/e2e/limits.test.ts.
    expect(errorsOf(finished.response)).toEqual([]);
    expect(expressErrors).toEqual([]);
  });

  it('leaves a request that beats the deadline alone', async () => {
    expect(await post('{ fast }')).toEqual({ status: 200, body: { data: { fast: 'fast' } } });
    await sleep(DEADLINE_MS); // the cleared timer must not fire on the finished response
    expect(expressErrors).toEqual([]);
    expect(await post('{ fast }')).toEqual({ status: 200, body: { data: { fast: 'fast' } } });
  });
});

describe("expiredAfter (what the request's WHM access checks before each call)", () => {
  it('says nothing before the deadline and REQUEST_TIMEOUT from it on', () => {
    const now = Date.now();
    expect(expiredAfter({ at: now + 60_000, ms: 60_000 })()).toBeNull();
    const error = expiredAfter({ at: now - 1, ms: 400 })();
    expect(error?.extensions).toEqual({ code: 'REQUEST_TIMEOUT', timeoutMs: 400 });
    expect(error?.message).toMatch(/did not complete within 400 ms/);
  });
});
