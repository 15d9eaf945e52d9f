// The WHM servers the gateway talks to: WHM_URL and friends, or a JSON/YAML file (WHM_CONFIG)
// listing many, with the per-server limits and defaults from the environment.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Secret, type WhmCredentials, type WhmServerConfig } from '../whm/index.js';
import { type Env, type Problems, optionalString, readSettingsFile } from './problems.js';

/** A configured WHM server as the gateway uses it. Credentials stay inside; GraphQL exposes name and URL. */
export interface WhmServerEntry extends WhmServerConfig {
  isDefault: boolean;
  isSimulator: boolean;
}

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
  queueTimeoutMs?: unknown;
  breakerFailures?: unknown;
  breakerHalfOpenMs?: unknown;
}

const SERVER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

function serverFromFields(
  fields: ServerFileEntry,
  label: string,
  env: Env,
  defaults: {
    maxConcurrentRequests?: number;
    maxBatchSize?: number;
    timeoutMs?: number;
    queueTimeoutMs?: number;
    breakerFailures: number;
    breakerHalfOpenMs: number;
  },
  problems: Problems,
): WhmServerEntry | null {
  const name = optionalString(fields.name);
  const url = optionalString(fields.url);
  if (!name || !SERVER_NAME.test(name)) problems.add(`${label}: name must be 1–63 letters, digits, ".", "_" or "-"`);
  if (!url) problems.add(`${label}: url is required (for example https://whm.example.com:2087)`);
  else {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        problems.add(`${label}: url must start with https:// or http://`);
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
  else
    problems.add(
      `${label}: an API token (token/tokenEnv, WHM_TOKEN) or a password (password/passwordEnv, WHM_PASSWORD) is required`,
    );
  const caFile = optionalString(fields.caFile);
  if (caFile && !existsSync(caFile)) problems.add(`${label}: caFile ${caFile} does not exist`);
  const entry: WhmServerEntry = {
    name: name ?? '',
    url: url ?? '',
    credentials: credentials ?? { kind: 'token', user, token: '' },
    caFile,
    insecureTls: problems.flag(`${label}: insecureTls`, fields.insecureTls),
    maxConcurrentRequests: problems.integer(
      `${label}: maxConcurrentRequests`,
      fields.maxConcurrentRequests,
      1,
      256,
      defaults.maxConcurrentRequests ?? 8,
    ),
    maxBatchSize: problems.integer(`${label}: maxBatchSize`, fields.maxBatchSize, 1, 5000, defaults.maxBatchSize ?? 200),
    timeoutMs:
      fields.timeoutMs === undefined && defaults.timeoutMs === undefined
        ? undefined
        : problems.integer(`${label}: timeoutMs`, fields.timeoutMs, 100, 3_600_000, defaults.timeoutMs ?? 30_000),
    // How long a call may wait for one of the server's connection slots (default: its own timeout).
    queueTimeoutMs:
      fields.queueTimeoutMs === undefined && defaults.queueTimeoutMs === undefined
        ? undefined
        : problems.integer(`${label}: queueTimeoutMs`, fields.queueTimeoutMs, 1, 3_600_000, defaults.queueTimeoutMs ?? 30_000),
    // 0 failures turns the breaker off.
    breaker: (() => {
      const failureThreshold = problems.integer(
        `${label}: breakerFailures`,
        fields.breakerFailures,
        0,
        1000,
        defaults.breakerFailures,
      );
      const halfOpenAfterMs = problems.integer(
        `${label}: breakerHalfOpenMs`,
        fields.breakerHalfOpenMs,
        100,
        3_600_000,
        defaults.breakerHalfOpenMs,
      );
      return failureThreshold === 0 ? false : { failureThreshold, halfOpenAfterMs };
    })(),
    isDefault: false,
    isSimulator: false,
  };
  return credentials ? entry : null;
}

function readServerFile(path: string, problems: Problems): ServerFileEntry[] {
  const document = readSettingsFile('WHM_CONFIG', path, problems) as { servers?: unknown } | null | undefined;
  if (document === undefined) return [];
  const servers = document?.servers;
  if (!Array.isArray(servers) || servers.length === 0) {
    problems.add(`WHM_CONFIG: ${path} must contain a non-empty "servers" list`);
    return [];
  }
  return servers.map((server) => (typeof server === 'object' && server !== null ? (server as ServerFileEntry) : {}));
}

/** Every configured server; the first is the default. Empty: no WHM configured (demo mode). */
export function loadServers(env: Env, cwd: string, problems: Problems): WhmServerEntry[] {
  const defaults = {
    maxConcurrentRequests: problems.integer('WHM_MAX_CONCURRENT_REQUESTS', env.WHM_MAX_CONCURRENT_REQUESTS, 1, 256, 8),
    maxBatchSize: problems.integer('WHM_MAX_BATCH_SIZE', env.WHM_MAX_BATCH_SIZE, 1, 5000, 200),
    timeoutMs: env.WHM_TIMEOUT_MS ? problems.integer('WHM_TIMEOUT_MS', env.WHM_TIMEOUT_MS, 100, 3_600_000, 30_000) : undefined,
    queueTimeoutMs: env.WHM_QUEUE_TIMEOUT_MS
      ? problems.integer('WHM_QUEUE_TIMEOUT_MS', env.WHM_QUEUE_TIMEOUT_MS, 1, 3_600_000, 30_000)
      : undefined,
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
  return servers;
}
