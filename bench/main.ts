// `npm run bench`: the WHM simulator in its own process, the gateway in this one (as src/main.ts wires
// it, logs silent, rate limits out of the way), then (1) what batching saves, in WHM requests, and
// (2) the targets of issue 9, each against the gateway and directly against the simulator, in one
// table. Figures are printed, never asserted: this runs on shared, noisy machines.
//
//   npm run bench            BENCH_SECONDS=10 npm run bench     (seconds per measurement, default 5)
import os from 'node:os';
import { openRegistry, type SessionRegistry } from '../src/registry/index.js';
import { benchBatching } from './batching.js';
import { startBenchGateway, type BenchGateway } from './gateway.js';
import { benchSeconds, warmupSeconds } from './measure.js';
import { startSimulatorProcess, type SimulatorProcess } from './simulator-process.js';
import { printTargets, type TargetResult } from './table.js';
import { loneClientLatency, monitoringLatency, sharedReads, systemUsersThroughput, validateOneThroughput } from './targets.js';

/** Simulated seconds per real second: the monitoring sessions (1 250 items) finish in about a second. */
const SIMULATOR_SPEED = 10_000;
/** Past this, something hangs: leave with an error rather than run forever. */
const WATCHDOG_MS = 15 * 60_000;

async function main(): Promise<void> {
  const started = performance.now();
  const watchdog = setTimeout(() => {
    console.error(`bench did not finish within ${WATCHDOG_MS / 60_000} min: giving up`);
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();

  console.log('WHM GraphQL gateway: benchmark');
  console.log(
    `Node ${process.version} (${process.platform} ${process.arch}), NODE_ENV ${process.env['NODE_ENV'] ?? 'unset'}, ` +
      `${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(2) ?? '?'}`,
  );
  console.log('Figures vary with machine load; compare ratios, not absolute figures, between runs.');
  console.log(
    `Simulator: its own process (tsx src/simulator/main.ts); gateway: this process's main thread; autocannon: a worker thread. ` +
      `${benchSeconds()} s per measurement after ${warmupSeconds()} s of warm-up.`,
  );

  let simulator: SimulatorProcess | undefined;
  let registry: SessionRegistry | undefined;
  let batched: BenchGateway | undefined;
  let naive: BenchGateway | undefined;
  try {
    simulator = await startSimulatorProcess({ speed: SIMULATOR_SPEED });
    registry = await openRegistry({ kind: 'embedded', dataDir: null });
    batched = await startBenchGateway(simulator, { registry });
    naive = await startBenchGateway(simulator, { registry, batching: false });

    await benchBatching(batched, naive, simulator);
    await naive.close();
    naive = undefined;

    console.log('');
    console.log('Targets (issue 9): no added WHM latency; "direct" is the same WHM work sent straight to the simulator.');
    const results: TargetResult[] = [];
    for (const measure of [validateOneThroughput, systemUsersThroughput, sharedReads, loneClientLatency]) {
      results.push(await measure(batched, simulator));
    }
    results.push(...(await monitoringLatency(batched, simulator)));
    console.log('');
    printTargets(results);
    console.log('Memory (RSS growth over 60 s at 100 connections): npm run bench:load.');
  } finally {
    await naive?.close();
    await batched?.close();
    await registry?.close();
    await simulator?.stop();
  }
  console.log('');
  console.log(`Total bench time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
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
