// What a WhmTransport is configured with and reports: server settings, the logger and observer
// interfaces, and the per-request report. Kept apart from the transport so the transport file
// holds only behaviour.
import type { BreakerOptions, BreakerState } from './breaker.js';
import type { Secret } from './secret.js';

export type WhmCredentials =
  { kind: 'token'; user: string; token: string | Secret } | { kind: 'password'; user: string; password: string | Secret };

export interface RetryPolicy {
  /** Attempts in all, the first included. 1 disables retries. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface WhmServerConfig {
  /** How the gateway names this server (in errors, logs, GraphQL). */
  name: string;
  /** Base URL, e.g. https://whm.example.com:2087 (a trailing /json-api is tolerated). */
  url: string;
  credentials: WhmCredentials;
  /** PEM file with the CA (or self-signed certificate) to trust for this server. */
  caFile?: string;
  /** Skip TLS verification. Logged as a warning: only for lab servers. */
  insecureTls?: boolean;
  /** Requests in flight to this server at once. Default 8. */
  maxConcurrentRequests?: number;
  /** Calls packed into one `batch` request before splitting. Default 200. */
  maxBatchSize?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * Overrides every function's default timeout (mainly for tests and slow links). A timeout runs
   * from when the request is sent: time spent queued for a connection slot does not count.
   */
  timeoutMs?: number;
  /**
   * Longest wait for a connection slot when all `maxConcurrentRequests` are busy; the request then
   * fails with a QUEUE_TIMEOUT WhmTransportError, never sent. Default: the call's own timeout.
   */
  queueTimeoutMs?: number;
  /** Circuit breaker for this server (on by default: 5 consecutive failures, probe after 10 s); false disables it. */
  breaker?: BreakerOptions | false;
}

export interface WhmLogger {
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
  /** False lets the client skip building debug fields (redacted parameters) on every call. Default: true. */
  isDebugEnabled?(): boolean;
}

export const stderrLogger: WhmLogger = {
  warn: (fields, message) => process.stderr.write(`WARN ${message} ${JSON.stringify(fields)}\n`),
  debug: () => {},
  isDebugEnabled: () => false,
};

/**
 * How one HTTP exchange with WHM ended (one attempt; a retried call reports each attempt).
 * 'rejected': not sent at all, because the server's circuit breaker is open.
 * 'queue_timeout': not sent at all, because no connection slot freed up within queueTimeoutMs.
 */
export type WhmOutcome =
  'ok' | 'api_error' | 'auth_error' | 'protocol_error' | 'transport_error' | 'timeout' | 'rejected' | 'queue_timeout';

export interface WhmRequestReport {
  server: string;
  /** The function in the URL path: a WHM function, or "batch". */
  command: string;
  /** Calls the request carried: 1, or the number of commands of a batch. */
  calls: number;
  outcome: WhmOutcome;
  /** From the attempt's start, time queued for a connection slot included. */
  durationMs: number;
  attempt: number;
}

/** Told about every request to WHM (metrics, traces, logs). Must not throw; never sees parameters. */
export interface WhmObserver {
  onRequest(report: WhmRequestReport): void;
  /** The server's circuit breaker changed state: closed → open → half-open → closed (or open again). */
  onBreakerStateChange?(server: string, state: BreakerState): void;
}

export interface WhmRequest {
  /** Function in the URL path: the called function, or "batch". */
  command: string;
  /** Form body without api.version (added here). */
  body: URLSearchParams;
  readOnly: boolean;
  /** How long WHM may take to answer, from when the request is sent. */
  timeoutMs: number;
  /** Calls carried (batch size); 1 for a single call. */
  calls: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 };
