// Load test: a realistic POST query mix against one gateway (real HTTP, loopback) in front of the
// WHM simulator, with autocannon (100 connections, 60 s; LOAD_SECONDS overrides), and how much the
// process's memory grew meanwhile. Figures are printed, never asserted: this runs on shared, noisy
// machines.
//
// The simulator runs as its own process, so this process's memory is the gateway's (with the
// embedded registry) plus autocannon's worker thread, which keeps load generation off the gateway's
// event loop; heap figures are the main thread's, the gateway's alone.
//
//   npm run bench:load            LOAD_SECONDS=10 npm run bench:load
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { EXAMPLE_OPERATIONS_FILE } from '../src/server.js';
import { startBenchGateway, type BenchGateway } from './gateway.js';
import { startSimulatorProcess } from './simulator-process.js';

const DEFAULT_SECONDS = 60;
const CONNECTIONS = 100;
const WARMUP_SECONDS = 5;
/** Past this, something hangs: leave with an error rather than run forever. */
const TEARDOWN_BUDGET_MS = 60_000;

function loadSeconds(): number {
  const raw = process.env.LOAD_SECONDS;
  if (raw === undefined || raw === '') return DEFAULT_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600)
    throw new Error(`LOAD_SECONDS must be an integer from 1 to 3600, not ${raw}`);
  return seconds;
}

/** The operations people run from src/examples/workflow.graphql (what Sandbox offers), one at a time. */
function exampleOperation(name: string): string {
  const document = parse(readFileSync(EXAMPLE_OPERATIONS_FILE, 'utf8'));
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === name,
  );
  if (operation === undefined) throw new Error(`${EXAMPLE_OPERATIONS_FILE} has no operation ${name}`);
  return print(operation);
}

/** What a dashboard and an operator's tools send while a transfer runs. */
function queryMix(sessionId: string): { name: string; query: string; variables: Record<string, unknown> }[] {
  return [
    { name: 'ValidateUser', query: exampleOperation('ValidateUser'), variables: {} },
    { name: 'Monitor', query: exampleOperation('Monitor'), variables: { sessionId } },
    { name: 'Sessions', query: exampleOperation('Sessions'), variables: {} },
    { name: 'Plan', query: exampleOperation('Plan'), variables: {} },
  ];
}

/** With --expose-gc (npm run bench:load passes it), heap figures are live data, not garbage awaiting collection. */
function memoryUsage(): NodeJS.MemoryUsage {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage();
}
const collected = (): string => ((globalThis as { gc?: unknown }).gc === undefined ? '' : ' (after a full GC)');

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
function describeMemory(usage: NodeJS.MemoryUsage): string {
  return `rss ${mb(usage.rss)} MB, heap used ${mb(usage.heapUsed)} MB of ${mb(usage.heapTotal)} MB`;
}

async function setUp(gateway: BenchGateway): Promise<string> {
  const created = await gateway.query<{
    createRemoteRootTransferSession: { session: { id: string } | null; userErrors: unknown[] };
  }>(exampleOperation('CreateSession'));
  const sessionId = created.createRemoteRootTransferSession.session?.id;
  if (!sessionId) throw new Error(`could not create a session: ${JSON.stringify(created)}`);
  await gateway.query(exampleOperation('Queue'), { sessionId });
  return sessionId;
}

/** Each query of the mix once: a mix that fails would measure error paths, not the gateway. */
async function checkMix(gateway: BenchGateway, mix: ReturnType<typeof queryMix>, when: string): Promise<void> {
  for (const { name, query, variables } of mix) {
    try {
      await gateway.query(query, variables);
    } catch (error) {
      console.log(`  ${when}: ${name} failed: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
    }
  }
}

async function main(): Promise<void> {
  const seconds = loadSeconds();
  const watchdog = setTimeout(
    () => {
      console.error(`bench:load did not finish within ${seconds} s + ${TEARDOWN_BUDGET_MS / 1000} s: giving up`);
      process.exit(1);
    },
    (seconds + WARMUP_SECONDS) * 1000 + TEARDOWN_BUDGET_MS,
  );
  watchdog.unref();

  // 1 000× speed: the queued session runs through while the load goes on.
  const simulator = await startSimulatorProcess({ speed: 1000 });
  let gateway: BenchGateway | undefined;
  try {
    gateway = await startBenchGateway(simulator);
    const sessionId = await setUp(gateway);
    const mix = queryMix(sessionId);
    await checkMix(gateway, mix, 'before');
    const load = (duration: number): Promise<autocannon.Result> =>
      autocannon({
        url: gateway?.url ?? '',
        connections: CONNECTIONS,
        duration,
        workers: 1,
        timeout: 10,
        requests: mix.map(({ query, variables }) => ({
          method: 'POST' as const,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        })),
      });
    // The baseline is taken warm (JIT, pools, the worker), so growth is what the load kept, not start-up.
    console.log(`warm-up: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s`);
    await load(WARMUP_SECONDS);
    const before = memoryUsage();
    console.log(
      `load: ${CONNECTIONS} connections, ${seconds} s, ${mix.length} queries in turn (${mix.map((entry) => entry.name).join(', ')})`,
    );
    const result = await load(seconds);

    const after = memoryUsage();
    await checkMix(gateway, mix, 'after');
    console.log(`requests/s      mean ${result.requests.mean.toFixed(0)}, p50 ${result.requests.p50}`);
    console.log(
      `latency (ms)    p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}`,
    );
    console.log(`total requests  ${result.requests.total} in ${result.duration.toFixed(1)} s (2xx ${result['2xx']})`);
    console.log(
      `non-2xx         ${result.non2xx} (4xx ${result['4xx']}, 5xx ${result['5xx']})${result.non2xx > 0 ? '  ← rate limiting or failures: these are not measuring the happy path' : ''}`,
    );
    console.log(`errors          ${result.errors} (timeouts ${result.timeouts})`);
    console.log(`memory before   ${describeMemory(before)}${collected()}`);
    console.log(`memory after    ${describeMemory(after)}${collected()}`);
    const growth = after.rss / before.rss;
    console.log(
      `RSS growth      after ÷ before = ${growth.toFixed(2)} (${growth >= 1 ? '+' : ''}${((growth - 1) * 100).toFixed(1)} %)`,
    );
  } finally {
    await gateway?.close();
    await simulator.stop();
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
