// A real gateway over real HTTP in front of a real simulator, for end-to-end tests and benchmarks.
import type { WhmServerEntry } from '../../src/config.js';
import type { SessionRegistry } from '../../src/registry/index.js';
import { startGateway, type GatewayOptions, type RunningGateway } from '../../src/server.js';
import { ServerDirectory } from '../../src/servers.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { createLogger, createMetrics, whmLoggerFrom } from '../../src/observability/index.js';
import { DEFAULT_CHANNEL_OPTIONS } from '../../src/whm-access/index.js';
import { Secret } from '../../src/whm/index.js';
import { openTestRegistry, openTestRegistryIn } from './registry.js';
import { SIMULATOR_ROOT_TOKEN } from './whm.js';

export interface GraphQLResponse<D = Record<string, unknown>> {
  status: number;
  data?: D | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestGateway {
  url: string;
  /** Every log line the gateway wrote (pino JSON, level debug and up). */
  logLines: string[];
  simulator: RunningSimulator;
  registry: SessionRegistry;
  gateway: RunningGateway;
  /** POSTs one operation; resolves with the HTTP status and the parsed body. */
  query<D = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<D>>;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  simulator?: SimulatorOptions;
  /** Reuse a running simulator (it is then not closed by close()). */
  sharedSimulator?: RunningSimulator;
  /** Reuse a registry (it is then not closed by close()). */
  sharedRegistry?: SessionRegistry;
  /** A real data directory (persistence tests; seeded from the test snapshot when fresh); default: in memory. */
  registryDir?: string | null;
  batching?: boolean;
  maxBatchSize?: number;
  /** Per-call WHM timeout (default: the catalogue's). */
  timeoutMs?: number;
  /** Hardening settings passed to the gateway as they are (auth, production, CORS …). */
  gateway?: Pick<
    GatewayOptions,
    | 'auth'
    | 'production'
    | 'corsOrigins'
    | 'introspection'
    | 'sandbox'
    | 'explorer'
    | 'dashboardDir'
    | 'exampleOperations'
    | 'maxBodyBytes'
    | 'rateLimit'
    | 'requestTimeoutMs'
    | 'readinessCacheMs'
    | 'maxResponseLogBytes'
    | 'federation'
    | 'trustedDocuments'
    | 'pollIntervalMs'
    | 'pollMaxBackoffMs'
    | 'maxSubscriptionsPerCaller'
    | 'live'
    | 'webhooks'
  >;
  /** The WHM API token the gateway sends (the simulator must know it). Default: the simulator's root token. */
  whmToken?: string;
  /** Circuit breaker settings of the WHM server (default: the client's). */
  breaker?: WhmServerEntry['breaker'];
  /** Cap on log text one field returns (default 1 MiB). */
  maxLogBytes?: number;
  /** Reuse WHM read answers across requests for this long (GATEWAY_READ_CACHE_MS; default 0). */
  readCacheMs?: number;
  /** How long reads wait behind a read batch in flight before going on their own (default 250 ms). */
  readStallMs?: number;
  /** Extra WHM servers, named as given, all pointing at the same simulator. */
  extraServerNames?: string[];
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const simulator = options.sharedSimulator ?? (await startSimulator({ speedFactor: 1000, ...options.simulator }));
  const registry =
    options.sharedRegistry ?? (options.registryDir ? await openTestRegistryIn(options.registryDir) : await openTestRegistry());
  const entry: WhmServerEntry = {
    name: 'sim',
    url: simulator.url,
    credentials: { kind: 'token', user: 'root', token: new Secret(options.whmToken ?? SIMULATOR_ROOT_TOKEN) },
    isDefault: true,
    isSimulator: true,
    maxBatchSize: options.maxBatchSize,
    timeoutMs: options.timeoutMs,
    breaker: options.breaker,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
  };
  const extra = (options.extraServerNames ?? []).map((name): WhmServerEntry => ({ ...entry, name, isDefault: false }));
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logLines.push(line) } });
  const metrics = createMetrics({ countSessions: () => registry.count() });
  const servers = new ServerDirectory([entry, ...extra], whmLoggerFrom(logger), metrics.whmObserver, {
    ...DEFAULT_CHANNEL_OPTIONS,
    readCacheMs: options.readCacheMs ?? 0,
    readStallMs: options.readStallMs ?? DEFAULT_CHANNEL_OPTIONS.readStallMs,
  });
  const gateway = await startGateway({
    servers,
    registry,
    host: '127.0.0.1',
    port: 0,
    batching: options.batching ?? true,
    maxLogBytes: options.maxLogBytes ?? 1024 * 1024,
    exampleOperations: '{ servers { name } }',
    // Tests and benchmarks send far more than people do; a test of the limit sets its own.
    rateLimit: { perIdentityPerMinute: 1_000_000, perIpPerMinute: 1_000_000 },
    observability: { logger, metrics, tracing: null },
    ...options.gateway,
  });
  return {
    url: gateway.url,
    logLines,
    simulator,
    registry,
    gateway,
    async query(query, variables, headers = {}) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as GraphQLResponse<never>;
      return { ...body, status: response.status };
    },
    async close() {
      await gateway.close();
      servers.close();
      if (!options.sharedRegistry) await registry.close();
      if (!options.sharedSimulator) await simulator.close();
    },
  };
}
