// What batching (DataLoader + WHM `batch`) saves: a gateway with batching on and one with it off
// (every WHM call sent alone; same resolvers and per-request cache), in front of the same simulator
// process, which answers every WHM request after a fixed delay that models a network round trip.
// Queries go one at a time; WHM requests are read from the simulator's counter after each.
import type { BenchGateway } from './gateway.js';
import type { SimulatorProcess } from './simulator-process.js';
import { median, nearestRank, printTable } from './table.js';

/** Delay the simulator adds to every WHM HTTP request (a `batch` counts as one request). */
export const UPSTREAM_LATENCY_MS = 2;
const SIZES = [1, 10, 100, 500] as const;
const WARMUP = 3;
const REPETITIONS = 10;
/** Per gateway and size: stop repeating (after at least 3 runs) once this much time was spent. */
const BLOCK_BUDGET_MS = 10_000;
/** Before anything is timed: queries per gateway (N=10) to get the JIT and the keep-alive pools warm. */
const GLOBAL_WARMUP = 30;

const SYSTEM_USERS = /* GraphQL */ `
  query Bench($names: [String!]!) {
    systemUsers(usernames: $names) {
      username
      exists
      reserved
      validForNew
      validForTransfer
    }
  }
`;

interface Sample {
  ms: number;
  requests: number;
}

export function usernames(n: number): string[] {
  return Array.from({ length: n }, (_unused, index) => `bench${String(index).padStart(4, '0')}`);
}

async function runSystemUsers(gateway: BenchGateway, simulator: SimulatorProcess, names: string[]): Promise<Sample> {
  await simulator.resetStats();
  const started = performance.now();
  const data = await gateway.query<{ systemUsers: unknown[] }>(SYSTEM_USERS, { names });
  const ms = performance.now() - started;
  const requests = await simulator.totalRequests();
  if (data.systemUsers.length !== names.length)
    throw new Error(`systemUsers(${names.length}) returned ${data.systemUsers.length} users`);
  return { ms, requests };
}

async function measureBlock(gateway: BenchGateway, simulator: SimulatorProcess, names: string[]): Promise<Sample[]> {
  for (let index = 0; index < WARMUP; index += 1) await runSystemUsers(gateway, simulator, names);
  const samples: Sample[] = [];
  const started = performance.now();
  for (let index = 0; index < REPETITIONS; index += 1) {
    samples.push(await runSystemUsers(gateway, simulator, names));
    if (samples.length >= 3 && performance.now() - started > BLOCK_BUDGET_MS) break;
  }
  return samples;
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

export async function benchBatching(batched: BenchGateway, naive: BenchGateway, simulator: SimulatorProcess): Promise<void> {
  console.log('');
  console.log('Batching: systemUsers(usernames: [N distinct names]) { username exists reserved validForNew validForTransfer }');
  console.log(
    `${UPSTREAM_LATENCY_MS} ms added to every WHM request; queries one at a time, ${REPETITIONS} timed per N and gateway`,
  );
  console.log('');
  await simulator.setFault('*', { kind: 'latency', ms: UPSTREAM_LATENCY_MS });
  try {
    const warmNames = usernames(10);
    for (let index = 0; index < GLOBAL_WARMUP; index += 1) {
      await runSystemUsers(batched, simulator, warmNames);
      await runSystemUsers(naive, simulator, warmNames);
    }
    const rows: string[][] = [];
    for (const n of SIZES) {
      const names = usernames(n);
      const on = await measureBlock(batched, simulator, names);
      const off = await measureBlock(naive, simulator, names);
      const onRequests = requestsLabel(on);
      const offRequests = requestsLabel(off);
      const onMedian = median(on.map((sample) => sample.ms));
      const offMedian = median(off.map((sample) => sample.ms));
      rows.push([
        String(n),
        onRequests.label,
        offRequests.label,
        ratio(offRequests.typical / onRequests.typical),
        ms(onMedian),
        ms(offMedian),
        ratio(offMedian / onMedian),
        ms(
          nearestRank(
            on.map((sample) => sample.ms),
            95,
          ),
        ),
        ms(
          nearestRank(
            off.map((sample) => sample.ms),
            95,
          ),
        ),
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
      ],
      rows,
    );
    console.log('');
    console.log(
      'req = WHM HTTP requests per query (simulator count); ratios are naive/batched; p95 nearest-rank (of 10 runs: the slowest).',
    );
  } finally {
    await simulator.setFault('*', null);
  }
}
