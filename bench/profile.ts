// `npm run bench:profile`: the gateway under systemUsers(100) load (10 connections, autocannon in a
// worker, the simulator in its own process), with V8's CPU profiler on the gateway's thread, then the
// top functions by self time. PROFILE_SECONDS (default 10) sets the length of the profiled load;
// PROFILE_QUERY=one profiles validateSystemUser of one name instead, PROFILE_QUERY=monitor the
// monitoring query of the bench on a finished session whose master.log has about 10 000 lines.
//
//   npm run bench:profile        (writes a .cpuprofile under the OS temp dir: open it in Chrome DevTools)
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance as nodePerformance } from 'node:perf_hooks';
import { usernames } from './batching.js';
import { startBenchGateway } from './gateway.js';
import { graphqlTarget, throughput } from './measure.js';
import { printTopSelfTime, type CpuProfile } from './profile-top.js';
import { makeFinishedSession } from './sessions.js';
import { startSimulatorProcess, type SimulatorProcess } from './simulator-process.js';
import type { BenchGateway } from './gateway.js';
import type { HttpTarget } from './measure.js';

const SYSTEM_USERS =
  'query Many($names: [String!]!) { systemUsers(usernames: $names) { username exists reserved validForNew validForTransfer } }';
const VALIDATE_ONE =
  'query One($username: String!) { validateSystemUser(username: $username) { username exists reserved validForNew validForTransfer } }';
const MONITOR = 'query Monitor($id: ID!) { transferSession(id: $id) { state progress { percent } items { name state } } }';
const OUTPUT_DIR = join(tmpdir(), 'whm-gateway-profiles');

function profileSeconds(): number {
  const seconds = Number(process.env['PROFILE_SECONDS'] ?? '10');
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 300)
    throw new Error('PROFILE_SECONDS must be an integer from 1 to 300');
  return seconds;
}

type ProfiledQuery = 'many' | 'one' | 'monitor';

function profiledQuery(): ProfiledQuery {
  const query = process.env['PROFILE_QUERY'] ?? 'many';
  if (query !== 'many' && query !== 'one' && query !== 'monitor') throw new Error('PROFILE_QUERY must be many, one or monitor');
  return query;
}

async function profiledTarget(
  query: ProfiledQuery,
  gateway: BenchGateway,
  simulator: SimulatorProcess,
): Promise<{ what: string; target: HttpTarget }> {
  if (query === 'one')
    return { what: 'validateSystemUser', target: graphqlTarget(gateway.url, VALIDATE_ONE, { username: 'bench0000' }) };
  if (query === 'many')
    return { what: 'systemUsers(100)', target: graphqlTarget(gateway.url, SYSTEM_USERS, { names: usernames(100) }) };
  const session = await makeFinishedSession(gateway, simulator, 10_000);
  return {
    what: `monitor transferSession (${session.lines} log lines)`,
    target: graphqlTarget(gateway.url, MONITOR, { id: session.id }),
  };
}

async function main(): Promise<void> {
  const query = profiledQuery();
  // The monitored session (1 250 items) finishes in about a second at this speed.
  const simulator = await startSimulatorProcess(query === 'monitor' ? { speed: 10_000 } : {});
  const gateway = await startBenchGateway(simulator);
  const session = new Session();
  try {
    const { what, target } = await profiledTarget(query, gateway, simulator);
    await throughput(target, { connections: 10, seconds: 3 });
    // CPU per request without the profiler first: the profiler itself costs some.
    const cpuBefore = process.cpuUsage();
    const loopBefore = nodePerformance.eventLoopUtilization();
    const plain = await throughput(target, { connections: 10, seconds: profileSeconds() });
    const cpu = process.cpuUsage(cpuBefore);
    const loop = nodePerformance.eventLoopUtilization(loopBefore);
    console.log(
      `${what}, 10 connections, not profiled: ${plain.requestsPerSecond.toFixed(0)} req/s; per request ` +
        `${((cpu.user + cpu.system) / plain.total / 1000).toFixed(2)} ms CPU of this process (gateway and autocannon's worker), ` +
        `${(loop.active / plain.total).toFixed(2)} ms busy on the gateway's event loop`,
    );
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const result = await throughput(target, { connections: 10, seconds: profileSeconds() });
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const file = join(OUTPUT_DIR, `gateway-${query}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(
      `${what}, 10 connections, profiled: ${result.requestsPerSecond.toFixed(0)} req/s, ${result.failures} failed; profile: ${file}`,
    );
    printTopSelfTime(profile, 25);
  } finally {
    session.disconnect();
    await gateway.close();
    await simulator.stop();
  }
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
