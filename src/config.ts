// Gateway configuration from the environment (and an optional JSON/YAML file listing many WHM
// servers), validated once at start with every problem reported together. The WHM servers are
// read in config/servers.ts, auth, limits and observability in config/hardening.ts.
import { resolve } from 'node:path';
import { loadHardening, type HardeningConfig } from './config/hardening.js';
import { type Env, Problems, optionalString } from './config/problems.js';
import { loadServers, type WhmServerEntry } from './config/servers.js';
import { loadWebhooks } from './config/webhooks.js';
import type { WebhookTarget } from './webhooks/types.js';
import { DEFAULT_MAX_RESPONSE_LOG_BYTES } from './limits/log-budget.js';
import { trustedDocumentsFrom, type TrustedDocuments } from './limits/trusted-documents.js';

export { isLoopback } from './config/hardening.js';
export type { WhmServerEntry } from './config/servers.js';

export interface GatewayConfig extends HardeningConfig {
  host: string;
  port: number;
  /** Empty: no WHM configured, so `npm start` runs the embedded simulator (demo mode). */
  servers: WhmServerEntry[];
  /** Where the embedded session registry keeps its files. */
  dataDir: string;
  /** Simulated seconds per real second for the demo simulator. */
  demoSpeed: number;
  /** Read batching through WHM `batch` (within and across requests); off only to measure its effect. */
  batching: boolean;
  /** Cap on log text returned by one field, in bytes. */
  maxLogBytes: number;
  maxResponseLogBytes: number;
  /** Reuse a WHM read's answer across requests for this long (0: only while it is in flight). */
  readCacheMs: number;
  /** Redis for several replicas: shared rate limits, live fan-out, poll leases (unset: in memory). */
  redisUrl: string | null;
  /** Prefix of every Redis key and channel, so several deployments (or tests) share one Redis. */
  redisPrefix: string;
  /** Live monitoring: poll interval of a running session, longest backoff, subscriptions per caller. */
  live: { pollIntervalMs: number; pollMaxBackoffMs: number; maxSubscriptionsPerCaller: number };
  /** PostgreSQL for the registry when several replicas share it (unset: embedded PGlite under dataDir). */
  databaseUrl: string | null;
  /** The local explorer at /graphiql (GATEWAY_EXPLORER; default: on wherever Sandbox is). */
  explorer: boolean;
  /** GATEWAY_FEDERATION: serve the schema as an Apollo Federation 2 subgraph. */
  federation: boolean;
  /** GATEWAY_TRUSTED_DOCUMENTS: the allow-list of operations (null: any operation runs). */
  trustedDocuments: TrustedDocuments | null;
  /** Webhook targets from the GATEWAY_WEBHOOKS file (empty: none, and no session watcher). */
  webhooks: WebhookTarget[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): GatewayConfig {
  const problems = new Problems();
  const servers = loadServers(env, cwd, problems);
  const host = optionalString(env.HOST) ?? '127.0.0.1';
  const hardening = loadHardening(env, cwd, host, problems);
  const config: GatewayConfig = {
    ...hardening,
    host,
    port: problems.integer('PORT', env.PORT, 0, 65535, 4000),
    servers,
    dataDir: resolve(cwd, optionalString(env.GATEWAY_DATA_DIR) ?? '.data'),
    demoSpeed: problems.integer('WHM_SIM_SPEED', env.WHM_SIM_SPEED, 1, 100_000, 20),
    batching: !problems.flag('GATEWAY_DISABLE_BATCHING', env.GATEWAY_DISABLE_BATCHING),
    maxLogBytes: problems.integer('GATEWAY_MAX_LOG_BYTES', env.GATEWAY_MAX_LOG_BYTES, 1024, 64 * 1024 * 1024, 1024 * 1024),
    maxResponseLogBytes: problems.integer(
      'GATEWAY_MAX_RESPONSE_LOG_BYTES',
      env.GATEWAY_MAX_RESPONSE_LOG_BYTES,
      1024,
      1024 * 1024 * 1024,
      DEFAULT_MAX_RESPONSE_LOG_BYTES,
    ),
    readCacheMs: problems.integer('GATEWAY_READ_CACHE_MS', env.GATEWAY_READ_CACHE_MS, 0, 60_000, 0),
    redisUrl: redisUrlFrom(env.REDIS_URL, problems),
    redisPrefix: optionalString(env.GATEWAY_REDIS_PREFIX) ?? 'whm-gateway:',
    live: {
      pollIntervalMs: problems.integer('GATEWAY_POLL_INTERVAL_MS', env.GATEWAY_POLL_INTERVAL_MS, 100, 600_000, 2_000),
      pollMaxBackoffMs: problems.integer(
        'GATEWAY_POLL_MAX_BACKOFF_MS',
        env.GATEWAY_POLL_MAX_BACKOFF_MS,
        1_000,
        3_600_000,
        60_000,
      ),
      maxSubscriptionsPerCaller: problems.integer(
        'GATEWAY_MAX_SUBSCRIPTIONS_PER_CALLER',
        env.GATEWAY_MAX_SUBSCRIPTIONS_PER_CALLER,
        1,
        10_000,
        20,
      ),
    },
    databaseUrl: databaseUrlFrom(env.DATABASE_URL, problems),
    explorer: env.GATEWAY_EXPLORER === undefined ? hardening.sandbox : problems.flag('GATEWAY_EXPLORER', env.GATEWAY_EXPLORER),
    federation: problems.flag('GATEWAY_FEDERATION', env.GATEWAY_FEDERATION),
    trustedDocuments: trustedDocumentsFrom(env.GATEWAY_TRUSTED_DOCUMENTS, cwd, problems),
    webhooks: loadWebhooks(
      env,
      cwd,
      servers.map((server) => server.name),
      problems,
    ),
  };
  checkDemoMode(env, config, problems);
  if (problems.list.length > 0) throw new ConfigError(problems.list);
  return config;
}

/** Demo mode (the embedded simulator) is what a fresh clone gets, never what a misconfigured production gets. */
function checkDemoMode(env: Env, config: GatewayConfig, problems: Problems): void {
  const demoAsked = problems.flag('GATEWAY_DEMO', env.GATEWAY_DEMO);
  if (demoAsked && config.servers.length > 0) {
    problems.add('GATEWAY_DEMO=1 serves the embedded WHM simulator: unset WHM_URL/WHM_CONFIG, or GATEWAY_DEMO');
  }
  if (config.production && config.servers.length === 0 && !demoAsked) {
    problems.add(
      'GATEWAY_ENV=production needs a WHM server (WHM_URL and WHM_TOKEN, or WHM_CONFIG); for the demo set GATEWAY_DEMO=1',
    );
  }
}

function redisUrlFrom(raw: string | undefined, problems: Problems): string | null {
  const url = optionalString(raw);
  if (url === undefined) return null;
  if (!/^rediss?:\/\/[^\s]+$/.test(url)) problems.add('REDIS_URL must be a redis:// or rediss:// URL');
  return url;
}

function databaseUrlFrom(raw: string | undefined, problems: Problems): string | null {
  const url = optionalString(raw);
  if (url === undefined) return null;
  if (!/^postgres(ql)?:\/\/[^\s]+$/.test(url)) problems.add('DATABASE_URL must be a postgres:// or postgresql:// URL');
  return url;
}
