// Load test: a realistic POST query mix against one gateway (real HTTP, loopback) in front of the
// WHM simulator, with autocannon (100 connections, 60 s; LOAD_SECONDS overrides). Figures are
// printed, never asserted: this runs on shared, noisy machines.
//
// autocannon runs in a worker thread so that generating load does not steal the gateway's event
// loop; the process's RSS therefore includes that worker (heap figures are the main thread's: the
// gateway and the simulator).
//
//   npm run bench:load            LOAD_SECONDS=10 npm run bench:load
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { EXAMPLE_OPERATIONS_FILE } from '../src/server.js';
import { startTestGateway, type TestGateway } from '../test/helpers/gateway.js';

const DEFAULT_SECONDS = 60;
const CONNECTIONS = 100;
/** Past this, something hangs: leave with an error rather than run forever. */
const TEARDOWN_BUDGET_MS = 60_000;

function loadSeconds(): number {
  const raw = process.env.LOAD_SECONDS;
  if (raw === undefined || raw === '') return DEFAULT_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) throw new Error(`LOAD_SECONDS must be an integer from 1 to 3600, not ${raw}`);
  return seconds;
}

/** The operations people run from src/examples/workflow.graphql (what Sandbox offers), one at a time. */
function exampleOperation(name: string): string {
  const document = parse(readFileSync(EXAMPLE_OPERATIONS_FILE, 'utf8'));
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === name,
  );
  if (operation === undefined) throw new Error(`${EXAMPLE_OPERATIONS_FILE} has no operation ${name}`);
  return print(operation);
}

/** What a dashboard and an operator's tools send while a transfer runs. */
function queryMix(sessionId: string): { name: string; query: string; variables: Record<string, unknown> }[] {
  return [
    {
      name: 'validateSystemUser',
      query: 'query Check($u: String!) { validateSystemUser(username: $u) { username exists reserved validForTransfer } }',
      variables: { u: 'meadow' },
    },
    { name: 'Monitor', query: exampleOperation('Monitor'), variables: { sessionId } },
    { name: 'Sessions', query: exampleOperation('Sessions'), variables: {} },
    { name: 'Plan', query: exampleOperation('Plan'), variables: {} },
  ];
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
function memory(): string {
  const { rss, heapUsed, heapTotal } = process.memoryUsage();
  return `rss ${mb(rss)} MB, heap used ${mb(heapUsed)} MB of ${mb(heapTotal)} MB`;
}

async function setUp(gateway: TestGateway): Promise<string> {
  const created = await gateway.query<{ createRemoteRootTransferSession: { session: { id: string } | null; userErrors: unknown[] } }>(
    exampleOperation('CreateSession'),
  );
  const sessionId = created.data?.createRemoteRootTransferSession.session?.id;
  if (!sessionId) throw new Error(`could not create a session: ${JSON.stringify(created)}`);
  const queued = await gateway.query(exampleOperation('Queue'), { sessionId });
  if (queued.errors) throw new Error(`could not queue items: ${JSON.stringify(queued.errors)}`);
  return sessionId;
}

/** Each query of the mix once: a mix that fails would measure error paths, not the gateway. */
async function checkMix(gateway: TestGateway, mix: ReturnType<typeof queryMix>, when: string): Promise<void> {
  for (const { name, query, variables } of mix) {
    const response = await gateway.query(query, variables);
    if (response.status !== 200 || response.errors) {
      console.log(`  ${when}: ${name} answered ${response.status} ${JSON.stringify(response.errors ?? null).slice(0, 300)}`);
    }
  }
}

async function main(): Promise<void> {
  const seconds = loadSeconds();
  const watchdog = setTimeout(() => {
    console.error(`bench:load did not finish within ${seconds} s + ${TEARDOWN_BUDGET_MS / 1000} s: giving up`);
    process.exit(1);
  }, seconds * 1000 + TEARDOWN_BUDGET_MS);
  watchdog.unref();

  const gateway = await startTestGateway();
  try {
    const sessionId = await setUp(gateway);
    const mix = queryMix(sessionId);
    await checkMix(gateway, mix, 'before');
    const before = memory();
    console.log(`load: ${CONNECTIONS} connections, ${seconds} s, ${mix.length} queries in turn (${mix.map((entry) => entry.name).join(', ')})`);

    const result = await autocannon({
      url: gateway.url,
      connections: CONNECTIONS,
      duration: seconds,
      workers: 1,
      timeout: 10,
      requests: mix.map(({ query, variables }) => ({
        method: 'POST' as const,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      })),
    });

    const after = memory();
    await checkMix(gateway, mix, 'after');
    console.log(`requests/s      mean ${result.requests.mean.toFixed(0)}, p50 ${result.requests.p50}`);
    console.log(`latency (ms)    p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}`);
    console.log(`total requests  ${result.requests.total} in ${result.duration.toFixed(1)} s (2xx ${result['2xx']})`);
    console.log(`non-2xx         ${result.non2xx} (4xx ${result['4xx']}, 5xx ${result['5xx']})${result.non2xx > 0 ? '  ← rate limiting or failures: these are not measuring the happy path' : ''}`);
    console.log(`errors          ${result.errors} (timeouts ${result.timeouts})`);
    console.log(`memory before   ${before}`);
    console.log(`memory after    ${after}`);
  } finally {
    await gateway.close();
  }
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
