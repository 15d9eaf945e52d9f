// Subscriptions over a real WebSocket (graphql-ws client + ws), and sessions to watch, for the live tests.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestGateway } from '../helpers/gateway.js';

export function wsClient(httpUrl: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    // A refusal must show as an error, not as a retry loop.
    retryAttempts: 0,
    lazy: true,
    lazyCloseTimeout: 0,
  });
}

export type SubscriptionEnd = { kind: 'complete' } | { kind: 'error'; error: unknown };

export interface GraphQLErrorShape {
  message: string;
  extensions?: Record<string, unknown>;
}

export interface LiveSubscription<T> {
  values: T[];
  /** Errors that came as a result (`next` with `errors`), e.g. FORBIDDEN from the resolver. */
  resultErrors: GraphQLErrorShape[];
  ended: Promise<SubscriptionEnd>;
  /** Resolves with (a copy of) the values once `done(values)` holds; rejects after `timeoutMs` or when the subscription ends first. */
  until(done: (values: T[]) => boolean, timeoutMs?: number): Promise<T[]>;
  stop(): void;
}

export function subscribe<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  field: string,
): LiveSubscription<T> {
  const values: T[] = [];
  const resultErrors: GraphQLErrorShape[] = [];
  const checks = new Set<() => void>();
  let finish!: (end: SubscriptionEnd) => void;
  let finished: SubscriptionEnd | null = null;
  const ended = new Promise<SubscriptionEnd>((resolve) => {
    finish = (end) => {
      finished ??= end;
      resolve(end);
      for (const check of [...checks]) check();
    };
  });
  const stop = client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) resultErrors.push(...(result.errors as GraphQLErrorShape[]));
        const value = result.data?.[field];
        if (value !== undefined && value !== null) values.push(value);
        for (const check of [...checks]) check();
      },
      error: (error) => finish({ kind: 'error', error }),
      complete: () => finish({ kind: 'complete' }),
    },
  );
  return {
    values,
    resultErrors,
    ended,
    stop,
    until(done, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          checks.delete(check);
          reject(new Error(`condition not met within ${timeoutMs} ms; ${values.length} values received`));
        }, timeoutMs);
        const check = () => {
          if (done(values)) {
            clearTimeout(timer);
            checks.delete(check);
            resolve(values.slice());
          } else if (finished) {
            clearTimeout(timer);
            checks.delete(check);
            reject(new Error(`subscription ended (${finished.kind}) first; ${values.length} values received`));
          }
        };
        checks.add(check);
        check();
      });
    },
  };
}

/** The end of a subscription, or a rejection after `timeoutMs`. */
export function endOf<T>(subscription: LiveSubscription<T>, timeoutMs = 20_000): Promise<SubscriptionEnd> {
  return Promise.race([
    subscription.ended,
    new Promise<never>((_resolve, reject) =>
      setTimeout(() => reject(new Error(`no end within ${timeoutMs} ms`)), timeoutMs).unref(),
    ),
  ]);
}

const CREATE = /* GraphQL */ `
  mutation {
    createRemoteRootTransferSession(
      input: {
        host: "source.example.net"
        credentials: { password: "remote-root-password" }
        transferThreads: 1
        restoreThreads: 1
      }
    ) {
      session {
        id
      }
      userErrors {
        message
      }
    }
  }
`;

/** A PENDING root session with these accounts queued (each renamed locally, so sessions never conflict). */
export async function queuedSession(gateway: TestGateway, accounts: { user: string; localUser: string }[]): Promise<string> {
  const created = await gateway.query<{
    createRemoteRootTransferSession: { session: { id: string } | null; userErrors: unknown[] };
  }>(CREATE);
  const id = created.data?.createRemoteRootTransferSession.session?.id;
  if (!id) throw new Error(`session not created: ${JSON.stringify(created)}`);
  const queued = await gateway.query<{ enqueueTransferItems: { results: { queued: boolean }[] } }>(
    'mutation($id: ID!, $items: [TransferItemInput!]!) { enqueueTransferItems(sessionId: $id, items: $items) { results { queued } } }',
    { id, items: accounts.map(({ user, localUser }) => ({ accountRemoteRoot: { user, options: { localUser } } })) },
  );
  if (!queued.data?.enqueueTransferItems.results.every((result) => result.queued))
    throw new Error(`not queued: ${JSON.stringify(queued)}`);
  return id;
}

export async function startSession(gateway: TestGateway, id: string): Promise<void> {
  const started = await gateway.query<{ startTransferSession: { userErrors: unknown[] } }>(
    'mutation($id: ID!) { startTransferSession(id: $id) { userErrors { message } } }',
    { id },
  );
  if (started.data?.startTransferSession.userErrors.length !== 0) throw new Error(`not started: ${JSON.stringify(started)}`);
}

/** WHM requests (HTTP) the simulator received that name this session, excluding `except` functions. */
export function requestsNaming(gateway: TestGateway, id: string, except: readonly string[] = []): number {
  return gateway.simulator.requests.filter((request) => {
    if (except.includes(request.functionName)) return false;
    let text = `${request.url} ${request.body}`;
    // Batch commands are URL-encoded twice.
    for (let round = 0; round < 2; round += 1) {
      try {
        text = decodeURIComponent(text.replace(/\+/g, ' '));
      } catch {
        break;
      }
    }
    return text.includes(id);
  }).length;
}
