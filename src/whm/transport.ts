// HTTP to one WHM server: node-fetch over a keep-alive agent, POST form bodies (so credentials
// never sit in a URL or an access log), token or Basic auth, verified TLS, a cap on requests in
// flight (and a bound on the wait for a slot), a deadline on every request from when it is sent,
// retries with jittered backoff for read-only calls only, and a circuit breaker that fails fast
// while the server is down.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import fetch, { type RequestInit } from 'node-fetch';
import { CircuitBreaker, type BreakerPermit, type BreakerState } from './breaker.js';
import { Semaphore, type ReleaseSlot } from './concurrency.js';
import { parseHttpAnswer, type WhmEnvelope } from './envelope.js';
import { CIRCUIT_OPEN, QUEUE_TIMEOUT, WhmTransportError, type WhmCallContext } from './errors.js';
import { breakerVerdict, classifyFailure, isRetryableFailure, outcomeOf } from './failures.js';
import { revealSecret } from './secret.js';
import {
  DEFAULT_RETRY,
  stderrLogger,
  type RetryPolicy,
  type WhmCredentials,
  type WhmLogger,
  type WhmObserver,
  type WhmOutcome,
  type WhmRequest,
  type WhmServerConfig,
} from './transport-types.js';

// The configuration types live apart; importers of the transport keep finding them here.
export * from './transport-types.js';

const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

const API_VERSION_FIELD = 'api.version=1';

/** The request deadline's timer callback: module-level, so no closure is made per request. */
function abortRequest(controller: AbortController): void {
  controller.abort();
}

export class WhmTransport {
  readonly serverName: string;
  private readonly endpoint: string;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly agent: http.Agent;
  private readonly slots: Semaphore;
  private readonly retry: RetryPolicy;
  private readonly timeoutOverrideMs: number | undefined;
  private readonly queueTimeoutMs: number | undefined;
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
    // Built once: node-fetch copies it into each request's own Headers.
    this.headers = {
      authorization: authorizationHeader(config.credentials),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    const maxConcurrent = config.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS;
    this.slots = new Semaphore(maxConcurrent);
    this.retry = { ...DEFAULT_RETRY, ...config.retry };
    this.timeoutOverrideMs = config.timeoutMs;
    if (config.queueTimeoutMs !== undefined && !(Number.isFinite(config.queueTimeoutMs) && config.queueTimeoutMs >= 0)) {
      throw new Error(`WHM server "${config.name}": queueTimeoutMs must be a number of milliseconds, 0 or more`);
    }
    this.queueTimeoutMs = config.queueTimeoutMs;
    try {
      this.breaker =
        config.breaker === false ? null : new CircuitBreaker(config.breaker ?? {}, (state) => this.breakerChanged(state));
    } catch (error) {
      throw new Error(`WHM server "${config.name}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    // The semaphore is the real cap. The agent gets headroom so that it never queues a request that
    // already holds a slot (its clock running): a socket of a timed-out request still counts
    // against maxSockets until its close event, after the slot has been handed on.
    const agentOptions = { keepAlive: true, maxSockets: maxConcurrent * 2, maxFreeSockets: maxConcurrent };
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
        // Writes are never retried: WHM may have acted. Nor are refusals that never reached WHM
        // (see isRetryableFailure).
        if (!request.readOnly || !isRetryableFailure(error) || attempt >= this.retry.maxAttempts) throw error;
        // Nor is a failure retried once the breaker has left "closed" (this very failure may have
        // opened it): the caller gets the real failure instead of a refusal.
        if (this.breakerState !== 'closed') throw error;
        const delayMs = Math.random() * Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        const reason = (error as Error).message;
        this.logger.debug(
          { server: this.serverName, command: request.command, attempt, delayMs: Math.round(delayMs), error: reason },
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

  private queueTimeoutError(context: WhmCallContext, waitedMs: number): WhmTransportError {
    return new WhmTransportError(
      context,
      `not sent: all ${this.slots.capacity} connection slots to the server stayed busy for ${waitedMs} ms ` +
        `(${this.slots.queued} other requests still queued); the gateway is overloaded towards this server`,
      // transient, yet not retried by the transport: see isRetryableFailure.
      { code: QUEUE_TIMEOUT, transient: true, requestMayHaveBeenReceived: false },
    );
  }

  /**
   * One HTTP exchange; settles the breaker permit (if any) on every path. The WHM deadline starts
   * once a connection slot is held, right before sending: time queued behind other requests is
   * bounded separately (queueTimeoutMs) and is never counted as WHM being slow.
   */
  private async sendOnce(request: WhmRequest, context: WhmCallContext, permit: BreakerPermit | null): Promise<WhmEnvelope> {
    let release: ReleaseSlot | null = null;
    let deadline: AbortController | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      release = this.slots.tryAcquire();
      if (!release) {
        const waitMs = this.queueTimeoutMs ?? request.timeoutMs;
        release = await this.slots.acquire(waitMs);
        if (!release) throw this.queueTimeoutError(context, waitMs);
      }
      // The breaker may have opened while this request waited for a slot.
      if (permit && this.breaker && !this.breaker.stillAdmits(permit)) throw this.circuitOpenError(context, this.breaker);
      const form = request.body.toString();
      deadline = new AbortController();
      timer = setTimeout(abortRequest, request.timeoutMs, deadline);
      const init: RequestInit = {
        method: 'POST',
        headers: this.headers,
        body: form === '' ? API_VERSION_FIELD : `${API_VERSION_FIELD}&${form}`,
        agent: this.agent,
        signal: deadline.signal,
        redirect: 'manual',
      };
      const started = performance.now();
      const response = await fetch(this.endpoint + encodeURIComponent(request.command), init);
      const text = await response.text();
      if (this.logger.isDebugEnabled?.() ?? true) {
        this.logger.debug(
          {
            server: this.serverName,
            command: request.command,
            status: response.status,
            ms: Math.round(performance.now() - started),
          },
          'WHM call',
        );
      }
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
      const failure = classifyFailure(error, context, request.timeoutMs, deadline?.signal.aborted ?? false);
      // Settled here, before `finally` hands the slot on, so a request waiting for that slot
      // already sees a breaker this failure opened.
      if (permit) this.breaker?.settle(permit, breakerVerdict(failure), failure);
      throw failure;
    } finally {
      clearTimeout(timer);
      release?.();
    }
  }
}

function authorizationHeader(credentials: WhmCredentials): string {
  if (credentials.kind === 'token') return `whm ${credentials.user}:${revealSecret(credentials.token)}`;
  return `Basic ${Buffer.from(`${credentials.user}:${revealSecret(credentials.password)}`, 'utf8').toString('base64')}`;
}
