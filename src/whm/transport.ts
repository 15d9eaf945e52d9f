// HTTP to one WHM server: node-fetch over a keep-alive agent, POST form bodies (so credentials
// never sit in a URL or an access log), token or Basic auth, verified TLS, a cap on requests in
// flight, a deadline on every request, retries with jittered backoff for read-only calls only, and
// a circuit breaker that fails fast while the server is down.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import fetch, { type RequestInit } from 'node-fetch';
import { CircuitBreaker, type BreakerOptions, type BreakerPermit, type BreakerState, type BreakerVerdict } from './breaker.js';
import { Semaphore } from './concurrency.js';
import { parseHttpAnswer, type WhmEnvelope } from './envelope.js';
import {
  CIRCUIT_OPEN,
  isCircuitOpenError,
  WhmAuthError,
  WhmError,
  WhmProtocolError,
  WhmTimeoutError,
  WhmTransportError,
  type WhmCallContext,
} from './errors.js';
import { revealSecret, type Secret } from './secret.js';

export type WhmCredentials =
  | { kind: 'token'; user: string; token: string | Secret }
  | { kind: 'password'; user: string; password: string | Secret };

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
  /** Overrides every function's default timeout (mainly for tests and slow links). */
  timeoutMs?: number;
  /** Circuit breaker for this server (on by default: 5 consecutive failures, probe after 10 s); false disables it. */
  breaker?: BreakerOptions | false;
}

export interface WhmLogger {
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

export const stderrLogger: WhmLogger = {
  warn: (fields, message) => process.stderr.write(`WARN ${message} ${JSON.stringify(fields)}\n`),
  debug: () => {},
};

/**
 * How one HTTP exchange with WHM ended (one attempt; a retried call reports each attempt).
 * 'rejected': not sent at all, because the server's circuit breaker is open.
 */
export type WhmOutcome = 'ok' | 'api_error' | 'auth_error' | 'protocol_error' | 'transport_error' | 'timeout' | 'rejected';

export interface WhmRequestReport {
  server: string;
  /** The function in the URL path: a WHM function, or "batch". */
  command: string;
  /** Calls the request carried: 1, or the number of commands of a batch. */
  calls: number;
  outcome: WhmOutcome;
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
  timeoutMs: number;
  /** Calls carried (batch size); 1 for a single call. */
  calls: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 };
const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

// Socket-level codes that prove the request never reached WHM.
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);

function isTlsCode(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL/.test(code);
}

export class WhmTransport {
  readonly serverName: string;
  private readonly endpoint: string;
  private readonly authorization: string;
  private readonly agent: http.Agent;
  private readonly slots: Semaphore;
  private readonly retry: RetryPolicy;
  private readonly timeoutOverrideMs: number | undefined;
  private readonly breaker: CircuitBreaker | null;

  constructor(
    config: WhmServerConfig,
    private readonly logger: WhmLogger = stderrLogger,
    private readonly observer: WhmObserver | null = null,
  ) {
    this.serverName = config.name;
    const base = new URL(config.url);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new Error(`WHM server "${config.name}": URL must be http(s), got ${base.protocol}`);
    }
    this.endpoint = `${base.origin}${base.pathname.replace(/\/+$/, '').replace(/\/json-api$/, '')}/json-api/`;
    this.authorization = authorizationHeader(config.credentials);
    const maxConcurrent = config.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS;
    this.slots = new Semaphore(maxConcurrent);
    this.retry = { ...DEFAULT_RETRY, ...config.retry };
    this.timeoutOverrideMs = config.timeoutMs;
    try {
      this.breaker =
        config.breaker === false ? null : new CircuitBreaker(config.breaker ?? {}, (state) => this.breakerChanged(state));
    } catch (error) {
      throw new Error(`WHM server "${config.name}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const agentOptions = { keepAlive: true, maxSockets: maxConcurrent };
    if (base.protocol === 'https:') {
      if (config.insecureTls) {
        this.logger.warn(
          { server: config.name },
          'TLS verification is OFF for this WHM server: anyone on the path can read its credentials',
        );
      }
      this.agent = new https.Agent({
        ...agentOptions,
        ca: config.caFile ? readFileSync(config.caFile) : undefined,
        rejectUnauthorized: !config.insecureTls,
      });
    } else {
      this.agent = new http.Agent(agentOptions);
    }
  }

  timeoutFor(defaultMs: number): number {
    return this.timeoutOverrideMs ?? defaultMs;
  }

  /** 'closed' also when the breaker is disabled. */
  get breakerState(): BreakerState {
    return this.breaker?.state ?? 'closed';
  }

  /** Sends one request; retries transient transport failures of read-only requests. */
  async send(request: WhmRequest): Promise<WhmEnvelope> {
    for (let attempt = 1; ; attempt += 1) {
      const started = performance.now();
      try {
        const envelope = await this.attempt(request);
        this.report(request, attempt, started, envelope.succeeded ? 'ok' : 'api_error');
        return envelope;
      } catch (error) {
        this.report(request, attempt, started, outcomeOf(error));
        // An open breaker's refusal is not retried: the retry would only be refused again.
        const retryable =
          request.readOnly && error instanceof WhmTransportError && error.transient && !isCircuitOpenError(error);
        if (!retryable || attempt >= this.retry.maxAttempts) throw error;
        // Nor is a failure retried once the breaker has left "closed" (this very failure may have
        // opened it): the caller gets the real failure instead of a refusal.
        if (this.breakerState !== 'closed') throw error;
        const delayMs = Math.random() * Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        this.logger.debug(
          { server: this.serverName, command: request.command, attempt, delayMs: Math.round(delayMs), error: error.message },
          'retrying read-only WHM call',
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  close(): void {
    this.breaker?.dispose();
    this.agent.destroy();
  }

  private breakerChanged(state: BreakerState): void {
    if (state === 'open') {
      this.logger.warn(
        { server: this.serverName, halfOpenAfterMs: this.breaker?.halfOpenAfterMs },
        'WHM server considered down: circuit breaker open, requests fail fast until a probe succeeds',
      );
    } else if (state === 'closed') {
      this.logger.warn({ server: this.serverName }, 'WHM server answers again: circuit breaker closed');
    } else {
      this.logger.debug({ server: this.serverName }, 'circuit breaker half-open: the next request probes WHM');
    }
    try {
      this.observer?.onBreakerStateChange?.(this.serverName, state);
    } catch {
      // Observability must never break a WHM call.
    }
  }

  /** One HTTP attempt through the breaker: refused at once while it is open. */
  private async attempt(request: WhmRequest): Promise<WhmEnvelope> {
    const context: WhmCallContext = { server: this.serverName, command: request.command };
    if (!this.breaker) return this.sendOnce(request, context, null);
    const permit = this.breaker.tryAcquire();
    if (!permit) throw this.circuitOpenError(context, this.breaker);
    return this.sendOnce(request, context, permit);
  }

  private circuitOpenError(context: WhmCallContext, breaker: CircuitBreaker): WhmTransportError {
    const retryAt = breaker.retryAt;
    const when = retryAt
      ? `it will be tried again at ${retryAt.toISOString()} (in ${Math.max(0, Math.ceil((retryAt.getTime() - Date.now()) / 1000))} s)`
      : 'a probe request is checking whether it is back; try again in a moment';
    return new WhmTransportError(
      context,
      `circuit breaker open: the server is considered down after repeated connection failures or timeouts; ${when}`,
      { code: CIRCUIT_OPEN, transient: true, requestMayHaveBeenReceived: false },
      // The failure that opened the breaker, for whoever wants the underlying reason.
      { cause: breaker.lastFailure },
    );
  }

  private report(request: WhmRequest, attempt: number, started: number, outcome: WhmOutcome): void {
    if (!this.observer) return;
    try {
      this.observer.onRequest({
        server: this.serverName,
        command: request.command,
        calls: request.calls,
        outcome,
        durationMs: performance.now() - started,
        attempt,
      });
    } catch {
      // Observability must never break a WHM call.
    }
  }

  /** One HTTP exchange; settles the breaker permit (if any) on every path. */
  private async sendOnce(request: WhmRequest, context: WhmCallContext, permit: BreakerPermit | null): Promise<WhmEnvelope> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), request.timeoutMs);
    let release: (() => void) | undefined;
    try {
      try {
        release = await this.slots.acquire(deadline.signal);
      } catch {
        throw new WhmTimeoutError(context, request.timeoutMs, false);
      }
      // The breaker may have opened while this request waited for a slot.
      if (permit && this.breaker && !this.breaker.stillAdmits(permit)) throw this.circuitOpenError(context, this.breaker);
      const body = new URLSearchParams([['api.version', '1']]);
      for (const [key, value] of request.body) body.append(key, value);
      const init: RequestInit = {
        method: 'POST',
        headers: {
          authorization: this.authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: body.toString(),
        agent: this.agent,
        signal: deadline.signal,
        redirect: 'manual',
      };
      const started = performance.now();
      const response = await fetch(this.endpoint + encodeURIComponent(request.command), init);
      const text = await response.text();
      this.logger.debug(
        { server: this.serverName, command: request.command, status: response.status, ms: Math.round(performance.now() - started) },
        'WHM call',
      );
      if (response.status >= 500) {
        throw new WhmTransportError(context, `HTTP ${response.status} from WHM`, {
          status: response.status,
          transient: true,
          requestMayHaveBeenReceived: true,
        });
      }
      const envelope = parseHttpAnswer(response.status, response.headers.get('content-type') ?? '', text, context);
      if (permit) this.breaker?.settle(permit, 'success');
      return envelope;
    } catch (error) {
      const failure =
        error instanceof WhmError ? error : this.classifyFailure(error, context, request.timeoutMs, deadline.signal.aborted);
      // Settled here, before `finally` hands the slot on, so a request waiting for that slot
      // already sees a breaker this failure opened.
      if (permit) this.breaker?.settle(permit, breakerVerdict(failure), failure);
      throw failure;
    } finally {
      clearTimeout(timer);
      release?.();
    }
  }

  private classifyFailure(error: unknown, context: WhmCallContext, timeoutMs: number, timedOut: boolean): WhmError {
    if (timedOut) return new WhmTimeoutError(context, timeoutMs, true);
    const code = errorCode(error);
    const message = error instanceof Error ? error.message : String(error);
    if (NEVER_SENT_CODES.has(code)) {
      return new WhmTransportError(context, `cannot connect (${code})`, { code, transient: true, requestMayHaveBeenReceived: false }, { cause: error });
    }
    if (RESET_CODES.has(code) || /socket hang up|other side closed|premature close/i.test(message)) {
      return new WhmTransportError(context, `connection reset (${code || 'no code'})`, { code: code || 'ECONNRESET', transient: true, requestMayHaveBeenReceived: true }, { cause: error });
    }
    if (isTlsCode(code)) {
      return new WhmTransportError(
        context,
        `TLS verification failed (${code}): trust the server's certificate with a CA file, or fix its name`,
        { code, transient: false, requestMayHaveBeenReceived: false },
        { cause: error },
      );
    }
    return new WhmTransportError(context, message, { code: code || null, transient: false, requestMayHaveBeenReceived: true }, { cause: error });
  }
}

/**
 * What an attempt says about the server's health. Only transport failures count against it. A
 * WhmApiError, WhmAuthError or WhmProtocolError means WHM (or a proxy in front of it) answered: bad
 * input, credentials or URL are configuration problems, not an outage, and an open breaker would
 * only hide them behind "server down".
 */
function breakerVerdict(error: unknown): BreakerVerdict {
  if (isCircuitOpenError(error)) return 'neutral';
  // Timed out waiting for a connection slot: never sent, so it says nothing about WHM (the
  // requests holding the slots report their own timeouts); counting it would let local overload
  // open the breaker.
  if (error instanceof WhmTimeoutError) return error.requestMayHaveBeenReceived ? 'failure' : 'neutral';
  if (error instanceof WhmTransportError) return 'failure';
  if (error instanceof WhmError) return 'success';
  return 'neutral';
}

function outcomeOf(error: unknown): WhmOutcome {
  if (isCircuitOpenError(error)) return 'rejected';
  if (error instanceof WhmTimeoutError) return 'timeout';
  if (error instanceof WhmTransportError) return 'transport_error';
  if (error instanceof WhmAuthError) return 'auth_error';
  if (error instanceof WhmProtocolError) return 'protocol_error';
  return 'transport_error';
}

function errorCode(error: unknown): string {
  let current: unknown = error;
  // node-fetch wraps system errors; the code may sit on the error or on its cause.
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = current.cause;
  }
  return '';
}

function authorizationHeader(credentials: WhmCredentials): string {
  if (credentials.kind === 'token') return `whm ${credentials.user}:${revealSecret(credentials.token)}`;
  return `Basic ${Buffer.from(`${credentials.user}:${revealSecret(credentials.password)}`, 'utf8').toString('base64')}`;
}
