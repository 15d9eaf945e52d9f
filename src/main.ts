// `npm start`: the gateway against the configured WHM servers, or — with none configured — against
// an embedded WHM simulator with demo data (demo mode), so a fresh clone works with no WHM at all.
import net from 'node:net';
import { join } from 'node:path';
import { ConfigError, loadConfig, type WhmServerEntry } from './config.js';
import {
  combineWhmObservers,
  createLogger,
  createMetrics,
  startTracing,
  whmLoggerFrom,
  type GatewayTracing,
} from './observability/index.js';
import { redisRateLimitStore } from './limits/rate-limit.js';
import { openRedisEngines } from './live/redis.js';
import {
  MigrationError,
  openRegistry,
  RegistryConnectionError,
  RegistryDirectoryError,
  registryOptionsFor,
  type SessionRegistry,
} from './registry/index.js';
import { startGateway } from './server.js';
import { ServerDirectory } from './servers.js';
import { startSimulator, type RunningSimulator } from './simulator/index.js';
import { DEFAULT_CHANNEL_OPTIONS } from './whm-access/index.js';
import { Secret } from './whm/index.js';

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 30_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel });
  // Before demo mode starts anything: a busy port is one line, not a stack trace after the simulator's banner.
  if (!(await portIsFree(config.host, config.port))) portInUse(config.port);
  let simulator: RunningSimulator | null = null;
  let entries: WhmServerEntry[] = config.servers;
  if (entries.length === 0) {
    // A fresh random token: the demo simulator is reachable on loopback only, and only by us.
    const demoToken = `DEMO-${crypto.randomUUID()}`;
    simulator = await startSimulator({
      speedFactor: config.demoSpeed,
      auth: { tokens: { root: demoToken }, passwords: {} },
      // Nobody reads the demo's request log: keep it small.
      maxLoggedRequests: 100,
    });
    entries = [
      {
        name: 'simulator',
        url: simulator.url,
        credentials: { kind: 'token', user: 'root', token: new Secret(demoToken) },
        isDefault: true,
        isSimulator: true,
      },
    ];
    logger.warn(
      { simulator: simulator.url, speed: config.demoSpeed },
      'DEMO MODE: no WHM configured (set WHM_URL/WHM_TOKEN or WHM_CONFIG); serving an embedded WHM simulator with demo data. ' +
        `Its clock runs ${config.demoSpeed}× fast (WHM_SIM_SPEED), so transfers finish in minutes and the times WHM reports ` +
        '(items started, log lines) run ahead of the wall clock',
    );
  }
  let registry: SessionRegistry;
  try {
    registry = await openRegistry(
      registryOptionsFor({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, 'registry') }),
    );
  } catch (error) {
    // A locked, damaged or unreachable registry is the operator's to fix: one line, no stack.
    if (error instanceof RegistryDirectoryError || error instanceof RegistryConnectionError || error instanceof MigrationError) {
      console.error(`whm-graphql-gateway: ${error.message}`);
      await simulator?.close();
      process.exit(1);
    }
    throw error;
  }
  const metrics = createMetrics({ countSessions: () => registry.count() });
  const tracing: GatewayTracing | null = config.otlpEndpoint
    ? startTracing({ endpoint: config.otlpEndpoint, serviceName: process.env.OTEL_SERVICE_NAME })
    : null;
  const servers = new ServerDirectory(
    entries,
    whmLoggerFrom(logger),
    combineWhmObservers(metrics.whmObserver, tracing?.whmObserver),
    {
      ...DEFAULT_CHANNEL_OPTIONS,
      readCacheMs: config.readCacheMs,
    },
  );
  // Several replicas share rate limits (and live monitoring) through Redis; one process keeps them in memory.
  const redis = config.redisUrl
    ? openRedisEngines(config.redisUrl, { prefix: config.redisPrefix, logger: logger.child({ component: 'redis' }) })
    : null;
  const gateway = await startGateway({
    explorer: config.explorer,
    servers,
    registry,
    host: config.host,
    port: config.port,
    batching: config.batching,
    maxLogBytes: config.maxLogBytes,
    maxResponseLogBytes: config.maxResponseLogBytes,
    auth: config.auth,
    production: config.production,
    corsOrigins: config.corsOrigins,
    introspection: config.introspection,
    sandbox: config.sandbox,
    maxBodyBytes: config.maxBodyBytes,
    rateLimit: config.rateLimit,
    rateLimitStore: redis ? redisRateLimitStore(redis.client, config.redisPrefix) : undefined,
    // One poller per session across replicas, and every replica's subscribers fed from the bus.
    live: redis ? { bus: redis.bus, leases: redis.leases } : undefined,
    ...config.live,
    readinessChecks: redis
      ? async () => {
          try {
            await redis.client.ping();
            return [{ name: 'redis', ok: true }];
          } catch (error) {
            return [{ name: 'redis', ok: false, detail: error instanceof Error ? error.message : String(error) }];
          }
        }
      : undefined,
    requestTimeoutMs: config.requestTimeoutMs,
    federation: config.federation,
    trustedDocuments: config.trustedDocuments,
    webhooks: { targets: config.webhooks },
    observability: { logger, metrics, tracing },
  }).catch((error: unknown) => {
    // Taken between the check above and now (another process was quicker).
    if (isAddressInUse(error)) portInUse(config.port);
    throw error;
  });
  if (config.auth.mode === 'open') {
    logger.warn(
      { host: config.host },
      'OPEN ACCESS: no API keys or JWT configured; anyone who can reach this loopback address is an admin',
    );
  }
  logger.info(
    {
      url: gateway.url,
      servers: entries.map((entry) => ({ name: entry.name, url: entry.url })),
      // This replica's name in the poll leases (the owner a lease key holds).
      liveOwner: gateway.live.owner,
    },
    'gateway ready',
  );
  console.log(
    `whm-graphql-gateway ready: open ${gateway.url}${config.sandbox ? ' (Apollo Sandbox, with example operations)' : ''}`,
  );
  if (config.explorer) console.log(`local explorer (GraphiQL, works offline): ${gateway.url.replace(/\/graphql$/, '/graphiql')}`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info(
      { signal },
      'shutting down: completing subscriptions, draining HTTP requests and their WHM calls, then closing the registry',
    );
    setTimeout(() => {
      logger.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await gateway.close();
    servers.close();
    await registry.close();
    await redis?.close();
    await tracing?.shutdown();
    await simulator?.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

function portInUse(port: number): never {
  console.error(`port ${port} is in use; set PORT`);
  process.exit(1);
}

/** Whether host:port can be bound now (port 0 always can). Errors other than EADDRINUSE surface at listen. */
function portIsFree(host: string, port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error) => resolve(!isAddressInUse(error)));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

void main();
