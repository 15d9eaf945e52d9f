// How the bench measures: autocannon for throughput (in a worker thread, so generating load does not
// take the gateway's event loop, which lives in this process's main thread), and a lone keep-alive
// client timed with performance.now() for latency (autocannon's histogram has 1 ms resolution).
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median, nearestRank } from './table.js';

const DISTINCT_USER_CLIENT = join(dirname(fileURLToPath(import.meta.url)), 'distinct-user-client.cjs');

export interface HttpTarget {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export function benchSeconds(): number {
  const raw = process.env['BENCH_SECONDS'];
  if (raw === undefined || raw === '') return 5;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600)
    throw new Error(`BENCH_SECONDS must be an integer from 1 to 600, not ${raw}`);
  return seconds;
}

/** Warm-up before each measurement: the JIT, keep-alive pools and caches, not the figures. */
export const warmupSeconds = (): number => Math.max(1, Math.min(3, Math.round(benchSeconds() / 2)));

export interface Throughput {
  requestsPerSecond: number;
  total: number;
  /** Answers that were not 2xx, and socket errors or timeouts: a run with any is not the happy path. */
  failures: number;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** Each connection sends `target.body` with `%USER%` replaced by its own username. */
  distinctUserPerConnection?: boolean;
}

export async function throughput(target: HttpTarget, options: LoadOptions): Promise<Throughput> {
  if (options.distinctUserPerConnection) process.env['BENCH_DISTINCT_BODY'] = target.body;
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: target.headers,
    body: target.body,
    connections: options.connections,
    duration: options.seconds,
    workers: 1,
    timeout: 10,
    // In worker mode autocannon takes a file to require here; its types only know the function form.
    ...(options.distinctUserPerConnection
      ? { setupClient: DISTINCT_USER_CLIENT as unknown as autocannon.Options['setupClient'] }
      : {}),
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** Rounds per comparison: on a shared machine load comes in bursts, and a median of rounds shrugs one off. */
export const ROUNDS = 3;

export interface Comparison {
  /** Over all rounds (requests ÷ seconds). */
  gateway: Throughput;
  direct: Throughput;
  /** Median of the rounds' gateway ÷ direct ratios. */
  ratio: number;
}

function sum(results: readonly Throughput[]): Throughput {
  const total = results.reduce((count, result) => count + result.total, 0);
  const seconds = results.reduce((count, result) => count + result.total / result.requestsPerSecond, 0);
  return { total, requestsPerSecond: total / seconds, failures: results.reduce((count, result) => count + result.failures, 0) };
}

/**
 * The same load on both targets after a warm-up of each, in ROUNDS alternating rounds (gateway
 * first, then direct first, …) of BENCH_SECONDS ÷ ROUNDS each, so both sides see the same machine.
 */
export async function compareThroughput(gateway: HttpTarget, direct: HttpTarget, connections: number): Promise<Comparison> {
  await throughput(gateway, { connections, seconds: warmupSeconds() });
  await throughput(direct, { connections, seconds: warmupSeconds() });
  const seconds = Math.max(1, Math.round(benchSeconds() / ROUNDS));
  const gatewayRounds: Throughput[] = [];
  const directRounds: Throughput[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const order = round % 2 === 0 ? ([gateway, direct] as const) : ([direct, gateway] as const);
    for (const target of order) {
      const result = await throughput(target, { connections, seconds });
      (target === gateway ? gatewayRounds : directRounds).push(result);
    }
  }
  const ratios = gatewayRounds.map(
    (result, round) => result.requestsPerSecond / (directRounds[round]?.requestsPerSecond ?? Number.NaN),
  );
  return { gateway: sum(gatewayRounds), direct: sum(directRounds), ratio: median(ratios) };
}

export interface Latency {
  samples: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
}

function summarize(samples: number[]): Latency {
  const sorted = [...samples].sort((x, y) => x - y);
  return {
    samples: sorted.length,
    meanMs: sorted.reduce((total, value) => total + value, 0) / sorted.length,
    p50Ms: nearestRank(sorted, 50),
    p95Ms: nearestRank(sorted, 95),
  };
}

/** One keep-alive connection, one request at a time: what a lone client waits per request. */
export class LoneClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  send(target: HttpTarget): Promise<number> {
    const url = new URL(target.url);
    return new Promise((resolve, reject) => {
      const request = http.request(
        { agent: this.agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: target.headers },
        (response) => {
          response.resume();
          response.on('end', () => {
            if (response.statusCode === 200) resolve(response.statusCode);
            else reject(new Error(`${target.url} answered HTTP ${String(response.statusCode)}`));
          });
        },
      );
      request.on('error', reject);
      request.end(target.body);
    });
  }

  /**
   * Both targets, one request at a time: a warm-up of each, then ROUNDS alternating rounds of
   * BENCH_SECONDS ÷ ROUNDS each (first `a`, then `b` first, …), every sample kept.
   */
  async compare(a: HttpTarget, b: HttpTarget): Promise<[Latency, Latency]> {
    await this.loop(a, warmupSeconds());
    await this.loop(b, warmupSeconds());
    const seconds = Math.max(1, benchSeconds() / ROUNDS);
    const samplesA: number[] = [];
    const samplesB: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 === 0 ? ([a, b] as const) : ([b, a] as const);
      for (const target of order) (target === a ? samplesA : samplesB).push(...(await this.loop(target, seconds)));
    }
    return [summarize(samplesA), summarize(samplesB)];
  }

  close(): void {
    this.agent.destroy();
  }

  private async loop(target: HttpTarget, seconds: number): Promise<number[]> {
    const samples: number[] = [];
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      const started = performance.now();
      await this.send(target);
      samples.push(performance.now() - started);
    }
    return samples;
  }
}

export function graphqlTarget(url: string, query: string, variables: Record<string, unknown>): HttpTarget {
  return { url, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) };
}

export function whmTarget(simulatorUrl: string, authorization: string, fn: string, form: URLSearchParams): HttpTarget {
  return {
    url: `${simulatorUrl}/json-api/${fn}`,
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: `api.version=1&${form.toString()}`,
  };
}
