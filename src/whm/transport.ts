// HTTP to one WHM server: node-fetch over a keep-alive agent, POST form bodies (so credentials
// never sit in a URL or an access log), token or Basic auth, verified TLS, a cap on requests in
// flight, a deadline on every request, and retries with jittered backoff for read-only calls only.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import fetch, { type RequestInit } from 'node-fetch';
import { Semaphore } from './concurrency.js';
import { parseHttpAnswer, type WhmEnvelope } from './envelope.js';
import {
  WhmAuthError,
  WhmError,
  WhmProtocolError,
  WhmTimeoutError,
  WhmTransportError,
  type WhmCallContext,
} from './errors.js';

export type WhmCredentials =
  | { kind: 'token'; user: string; token: string }
  | { kind: 'password'; user: string; password: string };

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
}

export interface WhmLogger {
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

export const stderrLogger: WhmLogger = {
  warn: (fields, message) => process.stderr.write(`WARN ${message} ${JSON.stringify(fields)}\n`),
  debug: () => {},
};

/** How one HTTP exchange with WHM ended (one attempt; a retried call reports each attempt). */
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

  /** Sends one request; retries transient transport failures of read-only requests. */
  async send(request: WhmRequest): Promise<WhmEnvelope> {
    for (let attempt = 1; ; attempt += 1) {
      const started = performance.now();
      try {
        const envelope = await this.sendOnce(request);
        this.report(request, attempt, started, envelope.succeeded ? 'ok' : 'api_error');
        return envelope;
      } catch (error) {
        this.report(request, attempt, started, outcomeOf(error));
        const retryable = request.readOnly && error instanceof WhmTransportError && error.transient;
        if (!retryable || attempt >= this.retry.maxAttempts) throw error;
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
    this.agent.destroy();
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

  private async sendOnce(request: WhmRequest): Promise<WhmEnvelope> {
    const context: WhmCallContext = { server: this.serverName, command: request.command };
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), request.timeoutMs);
    let release: (() => void) | undefined;
    try {
      try {
        release = await this.slots.acquire(deadline.signal);
      } catch {
        throw new WhmTimeoutError(context, request.timeoutMs, false);
      }
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
      return parseHttpAnswer(response.status, response.headers.get('content-type') ?? '', text, context);
    } catch (error) {
      if (error instanceof WhmError) throw error;
      throw this.classifyFailure(error, context, request.timeoutMs, deadline.signal.aborted);
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

function outcomeOf(error: unknown): WhmOutcome {
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
  if (credentials.kind === 'token') return `whm ${credentials.user}:${credentials.token}`;
  return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, 'utf8').toString('base64')}`;
}
