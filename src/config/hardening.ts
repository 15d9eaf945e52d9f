// Hardening settings: who may call (API keys, JWT), CORS, limits, production mode, logging and tracing.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { jwtSecretProblem, type ApiKeyRecord, type AuthSettings, type JwtSettings } from '../auth/authenticate.js';
import { isRole } from '../auth/identity.js';
import { type Env, type Problems, optionalString } from './problems.js';

/** The part of GatewayConfig read here. */
export interface HardeningConfig {
  /** GATEWAY_ENV=production: errors masked, introspection and Sandbox off unless enabled. */
  production: boolean;
  /** 'open' (everyone is admin) is allowed on a loopback address only. */
  auth: { mode: 'required' | 'open'; settings: AuthSettings };
  /** Browser origins allowed by CORS; empty: no cross-origin browser access. */
  corsOrigins: string[];
  introspection: boolean;
  sandbox: boolean;
  rateLimit: { perIdentityPerMinute: number; perIpPerMinute: number; authFailuresPerIpPerMinute: number };
  /** Deadline of one GraphQL request. */
  requestTimeoutMs: number;
  maxBodyBytes: number;
  logLevel: string;
  /** OTLP/HTTP collector base URL; null: no tracing. */
  otlpEndpoint: string | null;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function readApiKeys(env: Env, cwd: string, problems: Problems): ApiKeyRecord[] {
  const file = optionalString(env.GATEWAY_API_KEYS_FILE);
  const inline = optionalString(env.GATEWAY_API_KEYS);
  if (!file && !inline) return [];
  let document: unknown;
  try {
    if (file) {
      const text = readFileSync(resolve(cwd, file), 'utf8');
      document = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
    } else document = JSON.parse(inline ?? '[]');
  } catch (error) {
    problems.add(
      `API keys (${file ? 'GATEWAY_API_KEYS_FILE' : 'GATEWAY_API_KEYS'}) cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
    return [];
  }
  const list = Array.isArray(document) ? document : (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) {
    problems.add('API keys must be a list (or {keys: [...]}) of {name, role, keyHash, servers?}');
    return [];
  }
  return list.flatMap((entry: unknown, index): ApiKeyRecord[] => {
    const record = (entry ?? {}) as Record<string, unknown>;
    const label = `API key [${index}]`;
    const name = optionalString(record.name);
    const role = record.role;
    const keyHash = optionalString(record.keyHash);
    const servers = record.servers;
    const problemsBefore = problems.list.length;
    if (!name) problems.add(`${label}: name is required`);
    if (!isRole(role)) problems.add(`${label}: role must be viewer, operator or admin`);
    if (!keyHash || !/^sha256:[0-9a-f]{64}$/.test(keyHash)) {
      problems.add(`${label}: keyHash must be "sha256:<64 hex digits>" (npm run api-key makes one); never the key itself`);
    }
    if (servers !== undefined && (!Array.isArray(servers) || !servers.every((server) => typeof server === 'string'))) {
      problems.add(`${label}: servers must be a list of server names`);
    }
    if (problems.list.length > problemsBefore || !name || !isRole(role) || !keyHash) return [];
    return [{ name, role, keyHash, servers: Array.isArray(servers) ? (servers as string[]) : undefined }];
  });
}

/** Auth, limits and observability settings (GATEWAY_*, LOG_LEVEL, OTEL_EXPORTER_OTLP_ENDPOINT). */
export function loadHardening(env: Env, cwd: string, host: string, problems: Problems): HardeningConfig {
  const production = (optionalString(env.GATEWAY_ENV) ?? 'development') === 'production';
  if (!['production', 'development'].includes(optionalString(env.GATEWAY_ENV) ?? 'development')) {
    problems.add('GATEWAY_ENV must be production or development');
  }
  const apiKeys = readApiKeys(env, cwd, problems);
  const secret = optionalString(env.GATEWAY_JWT_SECRET);
  const jwksUrl = optionalString(env.GATEWAY_JWKS_URL);
  if (secret && jwksUrl) problems.add('Set GATEWAY_JWT_SECRET or GATEWAY_JWKS_URL, not both');
  const secretProblem = secret === undefined ? null : jwtSecretProblem(secret);
  if (secretProblem) problems.add(secretProblem);
  if (jwksUrl && !/^https?:\/\//.test(jwksUrl)) problems.add('GATEWAY_JWKS_URL must be an http(s) URL');
  const jwt: JwtSettings | null =
    secret || jwksUrl
      ? {
          secret,
          jwksUrl,
          issuer: optionalString(env.GATEWAY_JWT_ISSUER),
          audience: optionalString(env.GATEWAY_JWT_AUDIENCE),
          roleClaim: optionalString(env.GATEWAY_JWT_ROLE_CLAIM) ?? 'role',
          serversClaim: optionalString(env.GATEWAY_JWT_SERVERS_CLAIM) ?? 'whm_servers',
        }
      : null;
  const credentialsConfigured = apiKeys.length > 0 || jwt !== null;
  const requested = optionalString(env.GATEWAY_AUTH);
  if (requested && !['required', 'off'].includes(requested)) problems.add('GATEWAY_AUTH must be required or off');
  const mode = requested === 'off' || (!requested && !credentialsConfigured) ? 'open' : 'required';
  if (mode === 'open' && !isLoopback(host)) {
    problems.add(
      `HOST ${host} is not a loopback address: configure API keys (GATEWAY_API_KEYS) or JWT (GATEWAY_JWT_SECRET / GATEWAY_JWKS_URL)`,
    );
  }
  if (mode === 'required' && !credentialsConfigured) problems.add('GATEWAY_AUTH=required needs API keys or JWT settings');
  const level = optionalString(env.LOG_LEVEL) ?? 'info';
  if (!LOG_LEVELS.includes(level)) problems.add(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const otlp = optionalString(env.OTEL_EXPORTER_OTLP_ENDPOINT) ?? null;
  if (otlp && !/^https?:\/\//.test(otlp)) problems.add('OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL');
  return {
    production,
    auth: { mode, settings: { apiKeys, jwt } },
    corsOrigins: (optionalString(env.GATEWAY_CORS_ORIGINS) ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    introspection:
      env.GATEWAY_INTROSPECTION === undefined ? !production : problems.flag('GATEWAY_INTROSPECTION', env.GATEWAY_INTROSPECTION),
    sandbox: env.GATEWAY_SANDBOX === undefined ? !production : problems.flag('GATEWAY_SANDBOX', env.GATEWAY_SANDBOX),
    rateLimit: {
      perIdentityPerMinute: problems.integer('GATEWAY_RATE_LIMIT', env.GATEWAY_RATE_LIMIT, 1, 1_000_000, 600),
      perIpPerMinute: problems.integer('GATEWAY_RATE_LIMIT_PER_IP', env.GATEWAY_RATE_LIMIT_PER_IP, 1, 1_000_000, 1200),
      authFailuresPerIpPerMinute: problems.integer(
        'GATEWAY_AUTH_FAILURE_LIMIT',
        env.GATEWAY_AUTH_FAILURE_LIMIT,
        1,
        1_000_000,
        30,
      ),
    },
    requestTimeoutMs: problems.integer('GATEWAY_REQUEST_TIMEOUT_MS', env.GATEWAY_REQUEST_TIMEOUT_MS, 1000, 3_600_000, 330_000),
    maxBodyBytes: problems.integer('GATEWAY_MAX_BODY_BYTES', env.GATEWAY_MAX_BODY_BYTES, 1024, 64 * 1024 * 1024, 1024 * 1024),
    logLevel: level,
    otlpEndpoint: otlp,
  };
}
