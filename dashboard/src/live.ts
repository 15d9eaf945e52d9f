// Subscriptions over graphql-ws on the gateway's own /graphql, the API key in connection_init. graphql-ws
// would re-send a subscription's first variables after a reconnect; here each stream subscribes again
// itself, with its variables as they are then, so an event stream resumes after the last cursor it got.
import { createClient, type Client } from 'graphql-ws';
import type { GraphQLErrorEntry } from './api.js';
import type { TypedDocumentString } from './gql/graphql.js';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'failed';

export interface StreamHandlers<TResult> {
  next(data: TResult): void;
  /** The subscription's own refusal (FORBIDDEN, BAD_USER_INPUT …): not retried. */
  failed(errors: readonly GraphQLErrorEntry[]): void;
  /** Where the stream is; `detail` says why it reconnects. */
  state(state: LiveState, detail?: string): void;
}

export interface Live {
  /**
   * Subscribes, and after a lost connection subscribes again (growing waits, up to 15 s) with
   * `variables()` as they are then. Returns a function that stops the stream.
   */
  stream<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: () => TVariables,
    handlers: StreamHandlers<TResult>,
  ): () => void;
}

/** graphql-ws's close code for a refused connection_init. */
const CLOSE_UNAUTHORIZED = 4401;
/** Close codes a new attempt cannot cure (bad request, forbidden, subprotocol …): the stream fails. */
const FATAL_CLOSE_CODES = new Set([4400, 4403, 4406, 4409, 4500]);
const MAX_WAIT_MS = 15_000;

interface CloseLike {
  code: number;
  reason: string;
}

const isCloseLike = (value: unknown): value is CloseLike =>
  typeof value === 'object' && value !== null && typeof (value as CloseLike).code === 'number' && 'reason' in value;

const isErrorList = (value: unknown): value is GraphQLErrorEntry[] =>
  Array.isArray(value) && value.every((entry) => typeof (entry as GraphQLErrorEntry).message === 'string');

export function webSocketUrl(graphqlPath: string): string {
  const url = new URL(graphqlPath, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export function createLive(options: {
  url: string;
  apiKey: () => string | null;
  /** The gateway refused the key on the socket (close 4401): the page asks for another. */
  unauthorized(reason: string): void;
}): Live {
  const client: Client = createClient({
    url: options.url,
    connectionParams: () => {
      const key = options.apiKey();
      return key ? { 'x-api-key': key } : {};
    },
    // The streams reconnect themselves (above); a short linger lets one session's view hand over to the next.
    retryAttempts: 0,
    lazyCloseTimeout: 3_000,
    keepAlive: 15_000,
  });

  return {
    stream<TResult, TVariables>(
      document: TypedDocumentString<TResult, TVariables>,
      variables: () => TVariables,
      handlers: StreamHandlers<TResult>,
    ) {
      let stopped = false;
      /** The API refused the subscription (its errors came as a result): its `complete` is no final state. */
      let refused = false;
      let failures = 0;
      let dispose: (() => void) | null = null;
      let timer: number | undefined;

      const retry = (detail: string) => {
        failures += 1;
        const waitMs = Math.min(MAX_WAIT_MS, 500 * 2 ** failures);
        handlers.state('reconnecting', `${detail}; trying again in ${Math.round(waitMs / 1000)} s`);
        timer = window.setTimeout(subscribe, waitMs);
      };

      function subscribe(): void {
        if (stopped) return;
        handlers.state(failures === 0 ? 'connecting' : 'reconnecting');
        dispose = client.subscribe<TResult, Record<string, unknown>>(
          { query: document.toString(), variables: variables() as Record<string, unknown> },
          {
            next: (result) => {
              if (stopped) return;
              if (result.data) {
                failures = 0;
                handlers.state('live');
                handlers.next(result.data);
              } else if (result.errors?.length) {
                refused = true;
                handlers.state('failed');
                handlers.failed(result.errors);
              }
            },
            error: (error: unknown) => {
              if (stopped) return;
              if (isErrorList(error)) {
                handlers.state('failed');
                handlers.failed(error);
              } else if (isCloseLike(error) && error.code === CLOSE_UNAUTHORIZED) {
                handlers.state('failed', error.reason);
                options.unauthorized(error.reason || 'The gateway refused the API key.');
              } else if (isCloseLike(error) && FATAL_CLOSE_CODES.has(error.code)) {
                handlers.state('failed', error.reason);
                handlers.failed([{ message: error.reason || `The connection closed (code ${error.code}).` }]);
              } else {
                const reason = isCloseLike(error) ? error.reason || `code ${error.code}` : 'no connection';
                retry(`Connection lost (${reason})`);
              }
            },
            complete: () => {
              if (!stopped && !refused) handlers.state('ended');
            },
          },
        );
      }

      subscribe();
      return () => {
        stopped = true;
        window.clearTimeout(timer);
        dispose?.();
      };
    },
  };
}
