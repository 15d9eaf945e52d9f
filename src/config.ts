// Gateway configuration from the environment (and an optional JSON/YAML file listing many WHM
// servers), validated once at start with every problem reported together.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { jwtSecretProblem, type ApiKeyRecord, type AuthSettings, type JwtSettings } from './auth/authenticate.js';
import { isRole } from './auth/identity.js';
import { Secret, type WhmCredentials, type WhmServerConfig } from './whm/index.js';

/** A configured WHM server as the gateway uses it. Credentials stay inside; GraphQL exposes name and URL. */
export interface WhmServerEntry extends WhmServerConfig {
  isDefault: boolean;
  isSimulator: boolean;
}

export interface GatewayConfig {
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
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

interface ServerFileEntry {
  name?: unknown;
  url?: unknown;
  user?: unknown;
  token?: unknown;
  tokenEnv?: unknown;
  password?: unknown;
  passwordEnv?: unknown;
  caFile?: unknown;
  insecureTls?: unknown;
  maxConcurrentRequests?: unknown;
  maxBatchSize?: unknown;
  timeoutMs?: unknown;
  breakerFailures?: unknown;
  breakerHalfOpenMs?: unknown;
}

const SERVER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

class Problems {
  readonly list: string[] = [];
  add(problem: string): void {
    this.list.push(problem);
  }
  integer(label: string, raw: unknown, min: number, max: number, fallback: number): number {
    if (raw === undefined || raw === '') return fallback;
    const value = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.add(`${label} must be a whole number from ${min} to ${max} (got "${shown(raw)}")`);
      return fallback;
    }
    return value;
  }
  flag(label: string, raw: unknown): boolean {
    if (raw === undefined || raw === '' || raw === false) return false;
    if (raw === true) return true;
    const text = shown(raw).toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    if (['0', 'false', 'no', 'off'].includes(text)) return false;
    this.add(`${label} must be 1/0, true/false, yes/no or on/off (got "${shown(raw)}")`);
    return false;
  }
}

/** A raw setting as text for a message: a YAML object shows as JSON, not "[object Object]". */
function shown(raw: unknown): string {
  return typeof raw === 'object' && raw !== null ? JSON.stringify(raw) : String(raw);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function serverFromFields(
  fields: ServerFileEntry,
  label: string,
  env: Env,
  defaults: { maxConcurrentRequests?: number; maxBatchSize?: number; timeoutMs?: number; breakerFailures: number; breakerHalfOpenMs: number },
  problems: Problems,
): WhmServerEntry | null {
  const name = optionalString(fields.name);
  const url = optionalString(fields.url);
  if (!name || !SERVER_NAME.test(name)) problems.add(`${label}: name must be 1–63 letters, digits, ".", "_" or "-"`);
  if (!url) problems.add(`${label}: url is required (for example https://whm.example.com:2087)`);
  else {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') problems.add(`${label}: url must start with https:// or http://`);
    } catch {
      problems.add(`${label}: url "${url}" is not a valid URL`);
    }
  }
  const user = optionalString(fields.user) ?? 'root';
  const token = optionalString(fields.token) ?? (optionalString(fields.tokenEnv) ? env[String(fields.tokenEnv)] : undefined);
  const password =
    optionalString(fields.password) ?? (optionalString(fields.passwordEnv) ? env[String(fields.passwordEnv)] : undefined);
  let credentials: WhmCredentials | null = null;
  if (token && password) problems.add(`${label}: give a token or a password, not both`);
  // Wrapped at once: a logged or serialised config shows [REDACTED], never the credential.
  else if (token) credentials = { kind: 'token', user, token: new Secret(token) };
  else if (password) credentials = { kind: 'password', user, password: new Secret(password) };
  else problems.add(`${label}: an API token (token/tokenEnv, WHM_TOKEN) or a password (password/passwordEnv, WHM_PASSWORD) is required`);
  const caFile = optionalString(fields.caFile);
  if (caFile && !existsSync(caFile)) problems.add(`${label}: caFile ${caFile} does not exist`);
  const entry: WhmServerEntry = {
    name: name ?? '',
    url: url ?? '',
    credentials: credentials ?? { kind: 'token', user, token: '' },
    caFile,
    insecureTls: problems.flag(`${label}: insecureTls`, fields.insecureTls),
    maxConcurrentRequests: problems.integer(`${label}: maxConcurrentRequests`, fields.maxConcurrentRequests, 1, 256, defaults.maxConcurrentRequests ?? 8),
    maxBatchSize: problems.integer(`${label}: maxBatchSize`, fields.maxBatchSize, 1, 5000, defaults.maxBatchSize ?? 200),
    timeoutMs: fields.timeoutMs === undefined && defaults.timeoutMs === undefined
      ? undefined
      : problems.integer(`${label}: timeoutMs`, fields.timeoutMs, 100, 3_600_000, defaults.timeoutMs ?? 30_000),
    // 0 failures turns the breaker off.
    breaker: (() => {
      const failureThreshold = problems.integer(`${label}: breakerFailures`, fields.breakerFailures, 0, 1000, defaults.breakerFailures);
      const halfOpenAfterMs = problems.integer(`${label}: breakerHalfOpenMs`, fields.breakerHalfOpenMs, 100, 3_600_000, defaults.breakerHalfOpenMs);
      return failureThreshold === 0 ? false : { failureThreshold, halfOpenAfterMs };
    })(),
    isDefault: false,
    isSimulator: false,
  };
  return credentials ? entry : null;
}

function readServerFile(path: string, problems: Problems): ServerFileEntry[] {
  if (!existsSync(path)) {
    problems.add(`WHM_CONFIG: file ${path} does not exist`);
    return [];
  }
  let document: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    document = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    problems.add(`WHM_CONFIG: ${path} cannot be parsed: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
  const servers = (document as { servers?: unknown } | null)?.servers;
  if (!Array.isArray(servers) || servers.length === 0) {
    problems.add(`WHM_CONFIG: ${path} must contain a non-empty "servers" list`);
    return [];
  }
  return servers.map((server) => (typeof server === 'object' && server !== null ? (server as ServerFileEntry) : {}));
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): GatewayConfig {
  const problems = new Problems();
  const defaults = {
    maxConcurrentRequests: problems.integer('WHM_MAX_CONCURRENT_REQUESTS', env.WHM_MAX_CONCURRENT_REQUESTS, 1, 256, 8),
    maxBatchSize: problems.integer('WHM_MAX_BATCH_SIZE', env.WHM_MAX_BATCH_SIZE, 1, 5000, 200),
    timeoutMs: env.WHM_TIMEOUT_MS ? problems.integer('WHM_TIMEOUT_MS', env.WHM_TIMEOUT_MS, 100, 3_600_000, 30_000) : undefined,
    breakerFailures: problems.integer('WHM_BREAKER_FAILURES', env.WHM_BREAKER_FAILURES, 0, 1000, 5),
    breakerHalfOpenMs: problems.integer('WHM_BREAKER_HALF_OPEN_MS', env.WHM_BREAKER_HALF_OPEN_MS, 100, 3_600_000, 10_000),
  };
  const servers: WhmServerEntry[] = [];
  const configFile = optionalString(env.WHM_CONFIG);
  if (configFile && optionalString(env.WHM_URL)) problems.add('Set WHM_CONFIG or WHM_URL, not both');
  if (configFile) {
    readServerFile(resolve(cwd, configFile), problems).forEach((fields, index) => {
      const server = serverFromFields(fields, `WHM_CONFIG servers[${index}]`, env, defaults, problems);
      if (server) servers.push(server);
    });
  } else if (optionalString(env.WHM_URL)) {
    const server = serverFromFields(
      {
        name: env.WHM_NAME ?? 'default',
        url: env.WHM_URL,
        user: env.WHM_USER,
        token: env.WHM_TOKEN,
        password: env.WHM_PASSWORD,
        caFile: env.WHM_CA_FILE,
        insecureTls: env.WHM_INSECURE_TLS,
      },
      'WHM_URL',
      env,
      defaults,
      problems,
    );
    if (server) servers.push(server);
  } else if (optionalString(env.WHM_TOKEN) || optionalString(env.WHM_PASSWORD)) {
    problems.add('WHM_TOKEN/WHM_PASSWORD is set but WHM_URL is not');
  }
  const names = servers.map((server) => server.name);
  for (const name of new Set(names)) {
    if (names.filter((other) => other === name).length > 1) problems.add(`server name "${name}" is used twice`);
  }
  const [first] = servers;
  if (first) first.isDefault = true;

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
  };
  if (problems.list.length > 0) throw new ConfigError(problems.list);
  return config;
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
    problems.add(`API keys (${file ? 'GATEWAY_API_KEYS_FILE' : 'GATEWAY_API_KEYS'}) cannot be read: ${error instanceof Error ? error.message : String(error)}`);
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
function loadHardening(env: Env, cwd: string, host: string, problems: Problems): Omit<GatewayConfig, 'host' | 'port' | 'servers' | 'dataDir' | 'demoSpeed' | 'batching' | 'maxLogBytes'> {
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
    problems.add(`HOST ${host} is not a loopback address: configure API keys (GATEWAY_API_KEYS) or JWT (GATEWAY_JWT_SECRET / GATEWAY_JWKS_URL)`);
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
    introspection: env.GATEWAY_INTROSPECTION === undefined ? !production : problems.flag('GATEWAY_INTROSPECTION', env.GATEWAY_INTROSPECTION),
    sandbox: env.GATEWAY_SANDBOX === undefined ? !production : problems.flag('GATEWAY_SANDBOX', env.GATEWAY_SANDBOX),
    rateLimit: {
      perIdentityPerMinute: problems.integer('GATEWAY_RATE_LIMIT', env.GATEWAY_RATE_LIMIT, 1, 1_000_000, 600),
      perIpPerMinute: problems.integer('GATEWAY_RATE_LIMIT_PER_IP', env.GATEWAY_RATE_LIMIT_PER_IP, 1, 1_000_000, 1200),
      authFailuresPerIpPerMinute: problems.integer('GATEWAY_AUTH_FAILURE_LIMIT', env.GATEWAY_AUTH_FAILURE_LIMIT, 1, 1_000_000, 30),
    },
    requestTimeoutMs: problems.integer('GATEWAY_REQUEST_TIMEOUT_MS', env.GATEWAY_REQUEST_TIMEOUT_MS, 1000, 3_600_000, 330_000),
    maxBodyBytes: problems.integer('GATEWAY_MAX_BODY_BYTES', env.GATEWAY_MAX_BODY_BYTES, 1024, 64 * 1024 * 1024, 1024 * 1024),
    logLevel: level,
    otlpEndpoint: otlp,
  };
}
