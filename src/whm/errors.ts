// Typed failures of a WHM call. Messages name the server and function but never carry request
// parameters or headers, so secrets cannot leak through an error.

export interface WhmCallContext {
  /** The configured server's name (not its credentials). */
  server: string;
  /** The WHM function, or "batch". */
  command: string;
}

export abstract class WhmError extends Error {
  readonly server: string;
  readonly command: string;
  /** Whether retrying the same request could succeed (only ever done for read-only functions). */
  abstract readonly transient: boolean;

  constructor(context: WhmCallContext, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.server = context.server;
    this.command = context.command;
  }
}

/** WHM answered, and the function failed: `metadata.result` 0 with a reason. */
export class WhmApiError extends WhmError {
  readonly transient = false;
  readonly reason: string;
  /** Some functions return data even on failure (remote_basic_credential_check). */
  readonly data: unknown;
  readonly warnings: readonly string[];

  constructor(context: WhmCallContext, reason: string, data: unknown = null, warnings: readonly string[] = []) {
    super(context, `WHM ${context.command} failed on ${context.server}: ${reason}`);
    this.reason = reason;
    this.data = data;
    this.warnings = warnings;
  }
}

/** 401/403, or a legacy `cpanelresult` "Access denied" body: credentials or ACLs are wrong. */
export class WhmAuthError extends WhmError {
  readonly transient = false;
  readonly status: number;

  constructor(context: WhmCallContext, status: number, detail: string) {
    super(context, `WHM refused the credentials for ${context.server} (HTTP ${status}): ${detail}`);
    this.status = status;
  }
}

/** The body is not a WHM API 1 JSON envelope (HTML page, truncated JSON, API 0 output …). */
export class WhmProtocolError extends WhmError {
  readonly transient = false;
  readonly status: number;
  readonly hint: string;

  constructor(context: WhmCallContext, status: number, problem: string, hint: string) {
    super(context, `WHM ${context.command} on ${context.server} returned ${problem} (HTTP ${status}). ${hint}`);
    this.status = status;
    this.hint = hint;
  }
}

/**
 * Could not talk to WHM: connection refused or reset, DNS, TLS, or an HTTP 5xx; or not tried at all,
 * because the server's circuit breaker is open (code CIRCUIT_OPEN) or because every connection slot
 * to it stayed busy for too long (code QUEUE_TIMEOUT).
 */
export class WhmTransportError extends WhmError {
  readonly transient: boolean;
  /** HTTP status for 5xx answers, null for socket-level failures. */
  readonly status: number | null;
  /** System error code such as ECONNREFUSED or ECONNRESET, when there is one. */
  readonly code: string | null;
  /** False when WHM certainly never received the request (refused, DNS failure). */
  readonly requestMayHaveBeenReceived: boolean;

  constructor(
    context: WhmCallContext,
    detail: string,
    fields: { status?: number | null; code?: string | null; transient: boolean; requestMayHaveBeenReceived: boolean },
    options?: { cause?: unknown },
  ) {
    super(context, `Could not complete WHM ${context.command} on ${context.server}: ${detail}`, options);
    this.status = fields.status ?? null;
    this.code = fields.code ?? null;
    this.transient = fields.transient;
    this.requestMayHaveBeenReceived = fields.requestMayHaveBeenReceived;
  }
}

/** `WhmTransportError.code` of a request refused by an open circuit breaker, without sending it. */
export const CIRCUIT_OPEN = 'CIRCUIT_OPEN';

/**
 * True for the fast failure of an open (or probing) circuit breaker: WHM never saw the request.
 * A boolean, not a type guard: false must not narrow WhmTransportError away.
 */
export function isCircuitOpenError(error: unknown): boolean {
  return error instanceof WhmTransportError && error.code === CIRCUIT_OPEN;
}

/**
 * `WhmTransportError.code` of a request that waited `queueTimeoutMs` for a connection slot (all
 * `maxConcurrentRequests` busy) and was given up without being sent. The gateway is overloaded
 * towards that server; WHM itself may be fine, so it neither counts against the circuit breaker
 * nor is retried.
 */
export const QUEUE_TIMEOUT = 'QUEUE_TIMEOUT';

/** True for a request given up while queued for a connection slot: WHM never saw it. */
export function isQueueTimeoutError(error: unknown): boolean {
  return error instanceof WhmTransportError && error.code === QUEUE_TIMEOUT;
}

/** No answer in time, counted from when the request was sent (time queued for a slot excluded). */
export class WhmTimeoutError extends WhmError {
  readonly transient = true;
  readonly timeoutMs: number;
  /** True once the request left the gateway: WHM may have acted on it, so a write must not be repeated. */
  readonly requestMayHaveBeenReceived: boolean;

  constructor(context: WhmCallContext, timeoutMs: number, requestMayHaveBeenReceived: boolean) {
    super(
      context,
      `WHM ${context.command} on ${context.server} did not answer within ${timeoutMs} ms` +
        (requestMayHaveBeenReceived ? '; WHM may still have received and acted on the request' : '; the request was never sent'),
    );
    this.timeoutMs = timeoutMs;
    this.requestMayHaveBeenReceived = requestMayHaveBeenReceived;
  }
}
