// A gateway in the bench's own process, wired as src/main.ts wires it (pino logger at LOG_LEVEL,
// default silent; Prometheus metrics; no tracing), in front of a WHM simulator given by URL.
import { openRegistry, type SessionRegistry } from '../src/registry/index.js';
import { startGateway, type RunningGateway } from '../src/server.js';
import { ServerDirectory } from '../src/servers.js';
import { createLogger, createMetrics, whmLoggerFrom } from '../src/observability/index.js';
import { Secret } from '../src/whm/index.js';
import type { SimulatorProcess } from './simulator-process.js';

export interface BenchGateway {
  url: string;
  query<D>(query: string, variables?: Record<string, unknown>): Promise<D>;
  close(): Promise<void>;
}

export interface BenchGatewayOptions {
  batching?: boolean;
  /** Share one registry between gateways (it is then not closed by close()). */
  registry?: SessionRegistry;
}

export async function startBenchGateway(simulator: SimulatorProcess, options: BenchGatewayOptions = {}): Promise<BenchGateway> {
  const registry = options.registry ?? (await openRegistry({ kind: 'embedded', dataDir: null }));
  const logger = createLogger({ level: process.env['LOG_LEVEL'] ?? 'silent' });
  const metrics = createMetrics({ countSessions: () => registry.count() });
  const servers = new ServerDirectory(
    [
      {
        name: 'sim',
        url: simulator.url,
        credentials: { kind: 'token', user: 'root', token: new Secret(simulator.token) },
        isDefault: true,
        isSimulator: true,
      },
    ],
    whmLoggerFrom(logger),
    metrics.whmObserver,
  );
  let gateway: RunningGateway;
  try {
    gateway = await startGateway({
      servers,
      registry,
      host: '127.0.0.1',
      port: 0,
      batching: options.batching ?? true,
      maxLogBytes: 1024 * 1024,
      exampleOperations: '{ servers { name } }',
      // A benchmark sends far more than people do.
      rateLimit: { perIdentityPerMinute: 100_000_000, perIpPerMinute: 100_000_000 },
      observability: { logger, metrics, tracing: null },
    });
  } catch (error) {
    servers.close();
    if (!options.registry) await registry.close();
    throw error;
  }
  return {
    url: gateway.url,
    async query<D>(query: string, variables: Record<string, unknown> = {}): Promise<D> {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: D | null; errors?: { message: string }[] };
      if (response.status !== 200 || body.errors !== undefined || body.data === undefined || body.data === null) {
        const detail = body.errors?.map((error) => error.message).join('; ') ?? `HTTP ${response.status}`;
        throw new Error(`gateway query failed: ${detail}`);
      }
      return body.data;
    },
    async close() {
      await gateway.close();
      servers.close();
      if (!options.registry) await registry.close();
    },
  };
}
