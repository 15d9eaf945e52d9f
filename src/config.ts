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
  /** Per-request DataLoader batching through WHM `batch`; off only to measure its effect. */
  batching: boolean;
  /** Cap on log text returned by one field, in bytes. */
  maxLogBytes: number;
  maxResponseLogBytes: number;
  /** Reuse a WHM read's answer across requests for this long (0: only while it is in flight). */
  readCacheMs: number;
  /** Redis for several replicas: shared rate limits, live fan-out, poll leases (unset: in memory). */
  redisUrl: string | null;
  /** PostgreSQL for the registry when several replicas share it (unset: embedded PGlite under dataDir). */
  databaseUrl: string | null;
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
  const config: GatewayConfig = {
    ...loadHardening(env, cwd, host, problems),
    host,
    port: problems.integer('PORT', env.PORT, 0, 65535, 4000),
    servers,
    dataDir: resolve(cwd, optionalString(env.GATEWAY_DATA_DIR) ?? '.data'),
    demoSpeed: problems.integer('WHM_SIM_SPEED', env.WHM_SIM_SPEED, 1, 100_000, 20),
    batching: !problems.flag('GATEWAY_DISABLE_BATCHING', env.GATEWAY_DISABLE_BATCHING),
    maxLogBytes: problems.integer('GATEWAY_MAX_LOG_BYTES', env.GATEWAY_MAX_LOG_BYTES, 1024, 64 * 1024 * 1024, 1024 * 1024),
    maxResponseLogBytes: problems.integer('GATEWAY_MAX_RESPONSE_LOG_BYTES', env.GATEWAY_MAX_RESPONSE_LOG_BYTES, 1024, 1024 * 1024 * 1024, DEFAULT_MAX_RESPONSE_LOG_BYTES),
    readCacheMs: problems.integer('GATEWAY_READ_CACHE_MS', env.GATEWAY_READ_CACHE_MS, 0, 60_000, 0),
    redisUrl: redisUrlFrom(env.REDIS_URL, problems),
    databaseUrl: databaseUrlFrom(env.DATABASE_URL, problems),
    webhooks: loadWebhooks(env, cwd, servers.map((server) => server.name), problems),
  };
  if (problems.list.length > 0) throw new ConfigError(problems.list);
  return config;
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
