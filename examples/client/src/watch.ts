// Example: follow one session live over WebSocket until it finishes. Run with the gateway up:
//   GATEWAY_URL=http://127.0.0.1:4000/graphql npx tsx examples/client/src/watch.ts <session id> [server]
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { SessionUpdatedSubscription } from './operations.js';
import type { SessionUpdatedSubscription as SessionUpdated } from './gql/graphql.js';

function watchSession(url: string, id: string, server?: string): Promise<void> {
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    // Credentials go in connection_init, as over HTTP in X-API-Key.
    connectionParams: process.env.GATEWAY_API_KEY ? { 'x-api-key': process.env.GATEWAY_API_KEY } : {},
  });
  return new Promise((resolve, reject) => {
    client.subscribe<SessionUpdated>(
      { query: SessionUpdatedSubscription.toString(), variables: { id, server } },
      {
        // Typed like a query's result: `state` is the schema's enum, `live.lastError` says why a poll failed.
        next: ({ data }) => {
          const session = data?.transferSessionUpdated;
          if (!session) return;
          const failing = session.live?.lastError
            ? ` (WHM: ${session.live.lastError.code}, retry ${session.live.nextPollAt ?? '?'})`
            : '';
          console.log(`${session.id}: ${session.state ?? 'unknown'} ${session.progress?.percent ?? 0}%${failing}`);
        },
        error: reject,
        complete: () => {
          void client.dispose();
          resolve();
        },
      },
    );
  });
}

const [id, server] = process.argv.slice(2);
if (id) await watchSession(process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql', id, server);
