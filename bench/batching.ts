// Benchmark: what per-request batching (DataLoader + WHM `batch`) saves, and what the gateway costs.
//
// One simulator and one registry are shared by two real gateways over loopback HTTP: one with
// batching on, one with it off (every WHM call sent alone, same resolvers and per-request cache). Both see
// the same upstream, which answers every request after a fixed delay that models a network round
// trip. Figures are printed, never asserted: this runs on shared, noisy machines.
//
//   npm run bench
import { openRegistry, type SessionRegistry } from '../src/registry/index.js';
import { startSimulator, type RunningSimulator } from '../src/simulator/index.js';
import { DEFAULT_MAX_BATCH_SIZE, type WhmClient } from '../src/whm/index.js';
import { startTestGateway, type GraphQLResponse, type TestGateway } from '../test/helpers/gateway.js';
import { clientFor } from '../test/helpers/whm.js';

/** Delay the simulator adds to every WHM HTTP request (a `batch` counts as one request). */
const UPSTREAM_LATENCY_MS = 2;
const SIZES = [1, 10, 100, 500] as const;
const WARMUP = 3;
const REPETITIONS = 15;
/** The naive gateway sends 4 requests per username at N=500 (2,000 per query): fewer repetitions. */
const NAIVE_REPETITIONS_AT_500 = 10;
/** Per gateway and size: stop repeating (after at least 3 runs) once this much time was spent. */
const BLOCK_BUDGET_MS = 20_000;
const OVERHEAD_REPETITIONS = 200;
const OVERHEAD_WARMUP = 20;
/** Before anything is timed: queries per gateway (N=10) to get the JIT and the keep-alive pools warm. */
const GLOBAL_WARMUP = 30;

const SYSTEM_USERS = /* GraphQL */ `
  query Bench($names: [String!]!) {
    systemUsers(usernames: $names) { username exists reserved validForNew validForTransfer }
  }
`;
const VALIDATE_ONE = /* GraphQL */ `
  query BenchOne($username: String!) {
    validateSystemUser(username: $username) { username exists reserved validForNew validForTransfer }
  }
`;

interface SystemUsersData {
  systemUsers: { username: string }[];
}
interface ValidateOneData {
  validateSystemUser: { username: string };
}

interface Sample {
  ms: number;
  requests: number;
}

interface BlockResult {
  samples: Sample[];
}

function usernames(n: number): string[] {
  return Array.from({ length: n }, (_unused, index) => `bench${String(index).padStart(4, '0')}`);
}

/** Nearest-rank percentile of a non-empty list. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
};

function checkResponse<D>(response: GraphQLResponse<D>, what: string): D {
  if (response.status !== 200 || response.errors !== undefined || response.data === undefined || response.data === null) {
    const detail = response.errors?.map((error) => error.message).join('; ') ?? `HTTP ${response.status}`;
    throw new Error(`${what} failed: ${detail}`);
  }
  return response.data;
}

/** One systemUsers query; the WHM request count comes from the simulator (reset before the query). */
async function runSystemUsers(gateway: TestGateway, simulator: RunningSimulator, names: string[]): Promise<Sample> {
  simulator.resetStats();
  const started = performance.now();
  const response = await gateway.query<SystemUsersData>(SYSTEM_USERS, { names });
  const ms = performance.now() - started;
  const requests = simulator.stats().totalRequests;
  const data = checkResponse(response, `systemUsers(${names.length})`);
  if (data.systemUsers.length !== names.length) {
    throw new Error(`systemUsers(${names.length}) returned ${data.systemUsers.length} users`);
  }
  return { ms, requests };
}

async function measureBlock(
  gateway: TestGateway,
  simulator: RunningSimulator,
  names: string[],
  repetitions: number,
): Promise<BlockResult> {
  for (let index = 0; index < WARMUP; index += 1) await runSystemUsers(gateway, simulator, names);
  const samples: Sample[] = [];
  const started = performance.now();
  for (let index = 0; index < repetitions; index += 1) {
    samples.push(await runSystemUsers(gateway, simulator, names));
    if (samples.length >= 3 && performance.now() - started > BLOCK_BUDGET_MS) break;
  }
  return { samples };
}

/** "4" when every query made the same number of requests, else "min–max". */
function requestsLabel(samples: readonly Sample[]): { label: string; typical: number } {
  const counts = samples.map((sample) => sample.requests);
  const min = Math.min(...counts);
  const max = Math.max(...counts);
  return { label: min === max ? String(min) : `${min}–${max}`, typical: median(counts) };
}

const ms = (value: number): string => value.toFixed(value < 10 ? 2 : 1);
const ratio = (value: number): string => (value >= 10 ? value.toFixed(1) : value.toFixed(2));

function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function benchBatching(batched: TestGateway, naive: TestGateway, simulator: RunningSimulator): Promise<void> {
  console.log('');
  console.log('systemUsers(usernames: [N distinct names]) { username exists reserved validForNew validForTransfer }');
  console.log(
    `warm-up ${GLOBAL_WARMUP} queries (N=10) per gateway, then per N and gateway ${WARMUP} more, ` +
      `then sequential timed queries (one at a time)`,
  );
  console.log('');
  const warmNames = usernames(10);
  for (let index = 0; index < GLOBAL_WARMUP; index += 1) {
    await runSystemUsers(batched, simulator, warmNames);
    await runSystemUsers(naive, simulator, warmNames);
  }
  const rows: string[][] = [];
  for (const n of SIZES) {
    const names = usernames(n);
    const naiveRepetitions = n >= 500 ? NAIVE_REPETITIONS_AT_500 : REPETITIONS;
    const on = await measureBlock(batched, simulator, names, REPETITIONS);
    const off = await measureBlock(naive, simulator, names, naiveRepetitions);
    const onRequests = requestsLabel(on.samples);
    const offRequests = requestsLabel(off.samples);
    const onMedian = median(on.samples.map((sample) => sample.ms));
    const offMedian = median(off.samples.map((sample) => sample.ms));
    rows.push([
      String(n),
      onRequests.label,
      offRequests.label,
      ratio(offRequests.typical / onRequests.typical),
      ms(onMedian),
      ms(offMedian),
      ratio(offMedian / onMedian),
      ms(percentile(on.samples.map((sample) => sample.ms), 95)),
      ms(percentile(off.samples.map((sample) => sample.ms), 95)),
      `${on.samples.length}/${off.samples.length}`,
    ]);
  }
  printTable(
    [
      'N',
      'req batched',
      'req naive',
      'req ratio',
      'median ms batched',
      'median ms naive',
      'latency ratio',
      'p95 ms batched',
      'p95 ms naive',
      'runs b/n',
    ],
    rows,
  );
  console.log('');
  console.log('req = WHM HTTP requests per query (simulator count); ratios are naive/batched.');
  console.log('p95 is nearest-rank: with 15 runs or fewer it is the slowest run.');
}

async function benchOverhead(gateway: TestGateway, simulator: RunningSimulator, client: WhmClient): Promise<void> {
  const username = 'bench0000';
  const viaGateway = async (): Promise<Sample> => {
    simulator.resetStats();
    const started = performance.now();
    const response = await gateway.query<ValidateOneData>(VALIDATE_ONE, { username });
    const elapsed = performance.now() - started;
    checkResponse(response, 'validateSystemUser');
    return { ms: elapsed, requests: simulator.stats().totalRequests };
  };
  const direct = async (): Promise<Sample> => {
    simulator.resetStats();
    const started = performance.now();
    const result = await client.call('validate_system_user', { user: username });
    const elapsed = performance.now() - started;
    if (typeof result.data !== 'object' || result.data === null) throw new Error('direct validate_system_user: no data');
    return { ms: elapsed, requests: simulator.stats().totalRequests };
  };

  for (let index = 0; index < OVERHEAD_WARMUP; index += 1) {
    await viaGateway();
    await direct();
  }
  // Alternated, so that load changes on the machine hit both sides alike.
  const gatewaySamples: Sample[] = [];
  const directSamples: Sample[] = [];
  for (let index = 0; index < OVERHEAD_REPETITIONS; index += 1) {
    gatewaySamples.push(await viaGateway());
    directSamples.push(await direct());
  }
  const gatewayMedian = median(gatewaySamples.map((sample) => sample.ms));
  const directMedian = median(directSamples.map((sample) => sample.ms));

  console.log('');
  console.log('Overhead: one username, gateway (batching on) vs a direct WHM client call (keep-alive)');
  console.log(`warm-up ${OVERHEAD_WARMUP} each, then ${OVERHEAD_REPETITIONS} runs each, alternated`);
  console.log('');
  printTable(
    ['path', 'WHM req', 'median ms', 'p95 ms'],
    [
      [
        'gateway validateSystemUser (4 fields)',
        requestsLabel(gatewaySamples).label,
        ms(gatewayMedian),
        ms(percentile(gatewaySamples.map((sample) => sample.ms), 95)),
      ],
      [
        'direct client.validateSystemUser',
        requestsLabel(directSamples).label,
        ms(directMedian),
        ms(percentile(directSamples.map((sample) => sample.ms), 95)),
      ],
    ],
  );
  console.log('');
  console.log(
    `gateway/direct median ratio: ${ratio(gatewayMedian / directMedian)}` +
      ` (gateway adds ${ms(gatewayMedian - directMedian)} ms per query at the median)`,
  );
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  console.log(`WHM GraphQL gateway: batching benchmark`);
  console.log(`Node ${process.version} (${process.platform} ${process.arch})`);
  console.log('Note: figures vary with machine load; compare ratios, not absolute times, between runs.');
  console.log(
    `Upstream: one WHM simulator on loopback, ${UPSTREAM_LATENCY_MS} ms added latency per WHM HTTP request ` +
      `(setFault('*', latency)); WHM client defaults: at most 8 concurrent requests, batches of ${DEFAULT_MAX_BATCH_SIZE}.`,
  );

  const simulator = await startSimulator({ host: '127.0.0.1' });
  simulator.setFault('*', { kind: 'latency', ms: UPSTREAM_LATENCY_MS });
  let registry: SessionRegistry | undefined;
  let batched: TestGateway | undefined;
  let naive: TestGateway | undefined;
  let client: WhmClient | undefined;
  try {
    registry = await openRegistry({ kind: 'embedded', dataDir: null });
    batched = await startTestGateway({ batching: true, sharedSimulator: simulator, sharedRegistry: registry });
    naive = await startTestGateway({ batching: false, sharedSimulator: simulator, sharedRegistry: registry });
    client = clientFor(simulator);

    await benchBatching(batched, naive, simulator);
    await benchOverhead(batched, simulator, client);
  } finally {
    client?.close();
    await naive?.close();
    await batched?.close();
    await registry?.close();
    await simulator.close();
  }
  console.log('');
  console.log(`Total bench time: ${((performance.now() - benchStarted) / 1000).toFixed(1)} s`);
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
