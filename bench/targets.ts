// The targets of issue 9, each measured against the gateway and directly against the simulator
// (or against its own baseline), as rows of one table. Nothing here asserts: a row says met or not.
import { usernames } from './batching.js';
import type { BenchGateway } from './gateway.js';
import {
  LoneClient,
  ROUNDS,
  compareThroughput,
  benchSeconds,
  graphqlTarget,
  throughput,
  warmupSeconds,
  whmTarget,
  type HttpTarget,
  type Throughput,
} from './measure.js';
import { makeFinishedSession } from './sessions.js';
import type { SimulatorProcess } from './simulator-process.js';
import type { TargetResult } from './table.js';

const CONNECTIONS = 10;
const VALIDATE_ONE =
  'query One($username: String!) { validateSystemUser(username: $username) { username exists reserved validForNew validForTransfer } }';
const SYSTEM_USERS =
  'query Many($names: [String!]!) { systemUsers(usernames: $names) { username exists reserved validForNew validForTransfer } }';
const MONITOR = 'query Monitor($id: ID!) { transferSession(id: $id) { state progress { percent } items { name state } } }';
/** The same without the item list: what the log's size alone costs (the large session has ~100 times the items). */
const MONITOR_PROGRESS = 'query Progress($id: ID!) { transferSession(id: $id) { state progress { percent } } }';

const rps = (value: Throughput): string =>
  `${value.requestsPerSecond.toFixed(0)} req/s${value.failures > 0 ? ` (${value.failures} failed)` : ''}`;
const msText = (value: number): string => `${value.toFixed(2)} ms`;

/** One request, its answer checked (a target that fails would measure error paths); returns the answer's size in bytes. */
async function check(target: HttpTarget, what: string): Promise<number> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: target.headers,
    body: target.body.replace('%USER%', 'bench0000'),
  });
  const text = await response.text();
  const failed = response.status !== 200 || text.includes('"errors"') || text.includes('"result":0');
  if (failed) throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return Buffer.byteLength(text);
}

/** One `validateSystemUser` through the gateway, and the same `validate_system_user` sent to the simulator. */
function validateOneTargets(gateway: BenchGateway, simulator: SimulatorProcess): { viaGateway: HttpTarget; direct: HttpTarget } {
  return {
    viaGateway: graphqlTarget(gateway.url, VALIDATE_ONE, { username: 'bench0000' }),
    direct: whmTarget(simulator.url, simulator.authorization, 'validate_system_user', new URLSearchParams({ user: 'bench0000' })),
  };
}

export async function validateOneThroughput(gateway: BenchGateway, simulator: SimulatorProcess): Promise<TargetResult> {
  const { viaGateway, direct } = validateOneTargets(gateway, simulator);
  await check(viaGateway, 'validateSystemUser');
  await check(direct, 'validate_system_user');
  const { gateway: gatewayResult, direct: directResult, ratio } = await compareThroughput(viaGateway, direct, CONNECTIONS);
  return {
    what: `validateSystemUser, ${CONNECTIONS} conn (req/s ratio)`,
    gateway: rps(gatewayResult),
    direct: `${rps(directResult)} validate_system_user`,
    value: ratio.toFixed(2),
    target: '>= 0.25',
    met: ratio >= 0.25,
  };
}

export async function systemUsersThroughput(gateway: BenchGateway, simulator: SimulatorProcess): Promise<TargetResult> {
  const names = usernames(100);
  const viaGateway = graphqlTarget(gateway.url, SYSTEM_USERS, { names });
  const batch = new URLSearchParams();
  for (const name of names) batch.append('command', `validate_system_user?${new URLSearchParams({ user: name }).toString()}`);
  batch.append('abort_on_error', '0');
  const direct = whmTarget(simulator.url, simulator.authorization, 'batch', batch);
  await check(viaGateway, 'systemUsers(100)');
  await check(direct, 'batch of 100 validate_system_user');
  const { gateway: gatewayResult, direct: directResult, ratio } = await compareThroughput(viaGateway, direct, CONNECTIONS);
  return {
    what: `systemUsers(100), ${CONNECTIONS} conn (req/s ratio)`,
    gateway: rps(gatewayResult),
    direct: `${rps(directResult)} batch of 100`,
    value: ratio.toFixed(2),
    target: '>= 0.5',
    met: ratio >= 0.5,
  };
}

/** 10 clients, each its own user in a loop: how many WHM requests the shared channel makes per query. */
export async function sharedReads(gateway: BenchGateway, simulator: SimulatorProcess): Promise<TargetResult> {
  const viaGateway = graphqlTarget(gateway.url, VALIDATE_ONE, { username: '%USER%' });
  await check(viaGateway, 'validateSystemUser (distinct users)');
  await throughput(viaGateway, { connections: CONNECTIONS, seconds: warmupSeconds(), distinctUserPerConnection: true });
  const before = await simulator.totalRequests();
  const result = await throughput(viaGateway, {
    connections: CONNECTIONS,
    seconds: benchSeconds(),
    distinctUserPerConnection: true,
  });
  const whmRequests = (await simulator.totalRequests()) - before;
  const perQuery = whmRequests / result.total;
  return {
    what: `${CONNECTIONS} clients, one user each (WHM req per query)`,
    gateway: `${rps(result)}, ${result.total} queries`,
    direct: `${whmRequests} WHM requests`,
    value: perQuery.toFixed(3),
    target: '<= 0.3',
    met: perQuery <= 0.3,
  };
}

export async function loneClientLatency(gateway: BenchGateway, simulator: SimulatorProcess): Promise<TargetResult> {
  const { viaGateway, direct } = validateOneTargets(gateway, simulator);
  const client = new LoneClient();
  try {
    const [viaGatewayLatency, directLatency] = await client.compare(viaGateway, direct);
    const difference = viaGatewayLatency.p50Ms - directLatency.p50Ms;
    return {
      what: 'lone client validateSystemUser (p50 gateway - direct)',
      gateway: `p50 ${msText(viaGatewayLatency.p50Ms)}`,
      direct: `p50 ${msText(directLatency.p50Ms)}`,
      value: msText(difference),
      target: '<= 1 ms',
      met: difference <= 1,
      note: `${viaGatewayLatency.samples} gateway and ${directLatency.samples} direct samples in ${ROUNDS} alternating rounds`,
    };
  } finally {
    client.close();
  }
}

/** One client, one query at a time, on two finished sessions: the large log's mean latency ÷ the small one's. */
async function compareLogs(
  gateway: BenchGateway,
  query: string,
  small: { id: string; lines: number },
  large: { id: string; lines: number },
  what: string,
): Promise<TargetResult> {
  const smallTarget = graphqlTarget(gateway.url, query, { id: small.id });
  const largeTarget = graphqlTarget(gateway.url, query, { id: large.id });
  const smallBytes = await check(smallTarget, `${what} (small log)`);
  const largeBytes = await check(largeTarget, `${what} (large log)`);
  const client = new LoneClient();
  try {
    // After the warm-up inside compare(), every timed query is one "after the first read".
    const [largeLatency, smallLatency] = await client.compare(largeTarget, smallTarget);
    const ratio = largeLatency.meanMs / smallLatency.meanMs;
    return {
      what: `${what}, ${large.lines} vs ${small.lines} log lines (mean ratio)`,
      gateway: `mean ${msText(largeLatency.meanMs)}`,
      direct: `mean ${msText(smallLatency.meanMs)}`,
      value: ratio.toFixed(2),
      target: '<= 2',
      met: ratio <= 2,
      note:
        `one client, one query at a time, on finished sessions (${largeLatency.samples} and ${smallLatency.samples} samples); ` +
        `"gateway" is the large log, "baseline" the small one; answers of ${largeBytes} and ${smallBytes} bytes`,
    };
  } finally {
    client.close();
  }
}

/** The issue's monitoring query, then the same without items (the large session also has ~100 times the items). */
export async function monitoringLatency(gateway: BenchGateway, simulator: SimulatorProcess): Promise<TargetResult[]> {
  const small = await makeFinishedSession(gateway, simulator, 100);
  const large = await makeFinishedSession(gateway, simulator, 10_000);
  return [
    await compareLogs(gateway, MONITOR, small, large, 'monitor transferSession'),
    await compareLogs(gateway, MONITOR_PROGRESS, small, large, 'same, state and progress only'),
  ];
}
