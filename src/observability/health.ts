// Liveness and readiness. Live says the process still serves HTTP and nothing else (a WHM outage must
// not get the gateway restarted). Ready runs the dependency checks, each under a deadline, shares one
// run among concurrent probes and caches the verdict, so probes never hammer WHM or the registry.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

export interface HealthCheckResult {
  name: string;
  ok: boolean;
  /** Short reason, safe to show: credentials, URL user info and query strings are stripped. */
  detail?: string;
  /** False: reported, but a failure does not make the gateway unready (say, one of several WHM servers). Default true. */
  required?: boolean;
}

export interface HealthCheckOptions {
  /** Resolves when the session registry answers a trivial query. */
  checkRegistry: () => Promise<void>;
  /** One entry per WHM server (a cheap WHM call, the circuit breaker's state). */
  checkServers: () => Promise<HealthCheckResult[]>;
  /** Further dependencies, such as Redis when several replicas share it. */
  checkOthers?: () => Promise<HealthCheckResult[]>;
  /** How long a readiness verdict is reused. Default 5000. */
  cacheMs?: number;
  /** Deadline for each of the two checks. Default 2000. */
  checkTimeoutMs?: number;
  /** Failing checks are logged here with their full error (the response only carries a short detail). */
  logger?: Pick<Logger, 'warn'>;
}

export interface ReadinessReport {
  status: 'ready' | 'not ready';
  checks: HealthCheckResult[];
}

export interface HealthChecks {
  /** GET /health/live: 200 {status:'ok'} while the process runs. */
  live: RequestHandler;
  /** GET /health/ready: 200 {status:'ready', checks} or 503 {status:'not ready', checks}. */
  ready: RequestHandler;
  /** The readiness verdict itself (cached like the handler's), for startup logs and tests. */
  readiness(): Promise<ReadinessReport>;
}

export const DEFAULT_READINESS_CACHE_MS = 5_000;
export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;
const MAX_DETAIL_LENGTH = 200;

/**
 * A detail fit for an unauthenticated probe: URLs lose user info, path and query, credential-looking
 * pairs and Authorization values are censored, and the text is capped.
 */
export function safeDetail(text: string): string {
  const cleaned = text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, '$1')
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s/?#]+)[^\s]*/gi, '$1')
    .replace(/\b(authorization\s*[:=]\s*)[^\s,;]+(\s+[^\s,;]+)?/gi, '$1[REDACTED]')
    .replace(/\b(bearer\s+)[^\s,;]+/gi, '$1[REDACTED]')
    .replace(/\b(basic\s+)[A-Za-z0-9+/]{8,}=*/gi, '$1[REDACTED]')
    .replace(/\b(whm\s+)[^\s:,;]+:[^\s,;]+/gi, '$1[REDACTED]')
    .replace(
      /\b([a-z_]*(?:password|passphrase|token|secret|api[_-]?key)[a-z_]*)(\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/gi,
      '$1$2[REDACTED]',
    );
  return cleaned.length > MAX_DETAIL_LENGTH ? `${cleaned.slice(0, MAX_DETAIL_LENGTH - 1)}…` : cleaned;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function withDeadline<T>(run: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  // run() inside a promise so a synchronous throw is a failed check, not a crashed probe.
  return Promise.race([Promise.resolve().then(run), deadline]).finally(() => clearTimeout(timer));
}

export function createHealthChecks(options: HealthCheckOptions): HealthChecks {
  const cacheMs = options.cacheMs ?? DEFAULT_READINESS_CACHE_MS;
  const timeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  let cached: { report: ReadinessReport; expires: number } | null = null;
  let running: Promise<ReadinessReport> | null = null;

  const failed = (name: string, error: unknown): HealthCheckResult => {
    options.logger?.warn({ check: name, err: error }, 'readiness check failed');
    return { name, ok: false, detail: safeDetail(messageOf(error)) };
  };

  async function registryCheck(): Promise<HealthCheckResult> {
    try {
      await withDeadline(options.checkRegistry, timeoutMs);
      return { name: 'registry', ok: true };
    } catch (error) {
      return failed('registry', error);
    }
  }

  async function serverChecks(): Promise<HealthCheckResult[]> {
    try {
      const results = await withDeadline(options.checkServers, timeoutMs);
      return results.map((result) => {
        const safe: HealthCheckResult = { name: result.name, ok: result.ok };
        if (result.detail !== undefined) safe.detail = safeDetail(result.detail);
        if (result.required === false) safe.required = false;
        return safe;
      });
    } catch (error) {
      return [failed('servers', error)];
    }
  }

  async function otherChecks(): Promise<HealthCheckResult[]> {
    if (!options.checkOthers) return [];
    try {
      return (await withDeadline(options.checkOthers, timeoutMs)).map((result) => ({
        ...result,
        detail: result.detail && safeDetail(result.detail),
      }));
    } catch (error) {
      return [failed('dependencies', error)];
    }
  }

  async function runChecks(): Promise<ReadinessReport> {
    const [registry, servers, others] = await Promise.all([registryCheck(), serverChecks(), otherChecks()]);
    const checks = [registry, ...servers, ...others];
    const ready = checks.every((check) => check.ok || check.required === false);
    return { status: ready ? 'ready' : 'not ready', checks };
  }

  function readiness(): Promise<ReadinessReport> {
    if (cached && Date.now() < cached.expires) return Promise.resolve(cached.report);
    // Concurrent probes share the run in flight instead of starting their own.
    running ??= runChecks()
      .then((report) => {
        cached = { report, expires: Date.now() + cacheMs };
        return report;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  const live: RequestHandler = (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ status: 'ok' });
  };

  const ready: RequestHandler = async (_request, response) => {
    const report = await readiness();
    response
      .status(report.status === 'ready' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(report);
  };

  return { live, ready, readiness };
}
