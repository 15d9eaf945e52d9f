// Example: print one session's progress. Run with the gateway up:
//   GATEWAY_URL=http://127.0.0.1:4000/graphql npx tsx examples/client/src/monitor.ts <session id> [server]
import { createGatewayClient } from './client.js';
import { SessionMonitorQuery } from './operations.js';

async function printSessionProgress(url: string, id: string, server?: string): Promise<void> {
  const execute = createGatewayClient({ url, apiKey: process.env.GATEWAY_API_KEY, persisted: process.env.PERSISTED === '1' });
  const { data, errors } = await execute(SessionMonitorQuery, { id, server });
  for (const error of errors ?? []) console.error(`${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
  const session = data?.transferSession;
  if (!session) return;
  // Typed: `state` is the schema's enum (or null), `percent` a number, `createdAt` an ISO string.
  console.log(`${session.server.name}/${session.id}: ${session.state ?? 'unknown'} ${session.progress?.percent ?? 0}%`);
  for (const queue of session.progress?.queues ?? []) {
    console.log(`  ${queue.queue}: ${queue.completedItems}/${queue.totalItems} items, ${queue.failedItems} failed`);
  }
  for (const item of session.items ?? [])
    if (item.state === 'FAILED') console.log(`  failed: ${item.name}: ${item.failure ?? ''}`);
}

const [id, server] = process.argv.slice(2);
if (id) await printSessionProgress(process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql', id, server);
