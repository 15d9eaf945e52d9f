// Structured JSON logs (pino) that never carry a secret. Two layers:
//  1. a key-based scrub of every logged object (and child bindings), at any depth up to
//     MAX_SCRUB_DEPTH, through plain objects, arrays and Error properties: any key whose name
//     (case, `_` and `-` ignored) is or ends with a secret word is censored. It runs in
//     `formatters.log`, so it costs one walk of the object;
//  2. pino's own `redact` for fixed paths (request and response headers), which also covers objects
//     that pino's serializers build after the scrub (such as `req` from an IncomingMessage).
// Why not wildcard `redact` paths (`*.password`, `*.*.password` …) for everything: measured on the
// development machine, 13 secret keys to depth 4 made a request-log line cost ~150 µs (~280 µs to
// depth 6) instead of ~6 µs; the walk adds ~4 µs, covers every depth and matches `rootPassword` as
// well as `root_password`.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { WhmLogger } from '../whm/transport.js';

export const REDACTED = '[REDACTED]';

/** Fixed paths for pino's redact (cheap: no wildcards). The scrub already covers them; kept as a floor. */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
];

/**
 * Key names (normalised: lower case, no `_` or `-`) whose values are censored wherever they appear,
 * also as suffixes: `rootPassword`, `sshkey_passphrase`, `whmToken`, `clientSecret` …
 * `variables` is censored whole: GraphQL variables may hold credentials under any name.
 */
const SECRET_KEY_SUFFIXES: readonly string[] = [
  'password',
  'passwd',
  'passphrase',
  'token',
  'secret',
  'apikey',
  'privatekey',
  'credentials',
  'authorization',
  'cookie',
  'variables',
];

/** Objects nested deeper than this are replaced by TOO_DEEP: they could not be scrubbed cheaply. */
export const MAX_SCRUB_DEPTH = 12;
const TOO_DEEP = '[Too deep]';
const CIRCULAR = '[Circular]';

const secretKeyCache = new Map<string, boolean>();

export function isSecretKey(key: string): boolean {
  let secret = secretKeyCache.get(key);
  if (secret === undefined) {
    const normalised = key.toLowerCase().replace(/[-_]/g, '');
    secret = SECRET_KEY_SUFFIXES.some((suffix) => normalised.endsWith(suffix));
    // Keys come from code, not from input, so this stays small; the cap guards against the opposite.
    if (secretKeyCache.size < 10_000) secretKeyCache.set(key, secret);
  }
  return secret;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of value with secret keys censored, sharing every untouched branch (returns value itself
 * when nothing needed censoring). Walks plain objects, arrays and Errors' enumerable properties
 * (what pino's error serializer copies); other class instances are left to pino's serializers.
 */
export function scrubSecrets<T>(value: T): T {
  return scrub(value, 0, new Set()) as T;
}

/** ancestors: the objects on the path from the root, to cut cycles (shared, acyclic branches are walked each time). */
function scrub(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.has(value)) return CIRCULAR;
  if (Array.isArray(value)) {
    if (depth >= MAX_SCRUB_DEPTH) return TOO_DEEP;
    ancestors.add(value);
    let copy: unknown[] | null = null;
    value.forEach((item: unknown, index) => {
      const scrubbed = scrub(item, depth + 1, ancestors);
      if (scrubbed !== item) {
        copy ??= [...(value as unknown[])];
        copy[index] = scrubbed;
      }
    });
    ancestors.delete(value);
    return copy ?? value;
  }
  const isError = value instanceof Error;
  if (!isError && !isPlainObject(value)) return value;
  if (depth >= MAX_SCRUB_DEPTH) return TOO_DEEP;
  ancestors.add(value);
  const source = value as Record<string, unknown>;
  let changes: Record<string, unknown> | null = null;
  for (const key of Object.keys(source)) {
    const original = source[key];
    const replacement = isSecretKey(key)
      ? original === undefined || original === null
        ? original
        : REDACTED
      : scrub(original, depth + 1, ancestors);
    if (replacement !== original) {
      changes ??= {};
      changes[key] = replacement;
    }
  }
  ancestors.delete(value);
  if (!changes) return value;
  if (isError) {
    // Same prototype, message, stack and cause, so pino's err serializer still sees the same error.
    const copy = Object.create(Object.getPrototypeOf(value) as object, Object.getOwnPropertyDescriptors(value)) as Error;
    for (const [key, replacement] of Object.entries(changes)) {
      // defineProperty, not assignment: the original may be a getter without a setter.
      Object.defineProperty(copy, key, { value: replacement, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  return { ...source, ...changes };
}

/** A log call must never throw, and must never write what it could not scrub. */
function scrubOrDrop(object: Record<string, unknown>): Record<string, unknown> {
  try {
    return scrubSecrets(object);
  } catch {
    return { logFieldsDropped: 'could not be scrubbed of secrets' };
  }
}

export interface LoggerOptions {
  /** pino level: fatal, error, warn, info, debug, trace, silent. Default info. */
  level?: string;
  /** Where lines go (default stdout). Tests pass a capturing stream. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const pinoOptions: pino.LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      // Level as text ("info"), which log stores index without a lookup table.
      level: (label) => ({ level: label }),
      log: (object) => scrubOrDrop(object),
      bindings: (bindings) => scrubOrDrop(bindings),
    },
  };
  const logger = options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
  // pino applies formatters.bindings to the root's bindings only, so child bindings are scrubbed here.
  // Children are created with Object.create(parent), so they inherit this child() as well.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with each child as `this`
  const unscrubbedChild = logger.child;
  logger.child = function scrubbedChild(this: Logger, bindings, childOptions) {
    return unscrubbedChild.call(this, scrubOrDrop(bindings), childOptions);
  } as Logger['child'];
  return logger;
}

/** The WHM client's logger interface over a pino logger; lines carry `component: "whm"`. */
export function whmLoggerFrom(logger: Logger): WhmLogger {
  const whm = logger.child({ component: 'whm' });
  return {
    warn: (fields, message) => whm.warn(fields, message),
    debug: (fields, message) => whm.debug(fields, message),
    // Lets the client skip building debug fields on every call when nobody reads them.
    isDebugEnabled: () => whm.isLevelEnabled('debug'),
  };
}
