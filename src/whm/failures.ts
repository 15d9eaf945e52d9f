// How the transport reads a failed HTTP exchange: which typed error it is, what it says about the
// server's health (circuit breaker), and how it is reported to observers.
import type { BreakerVerdict } from './breaker.js';
import {
  isCircuitOpenError,
  isQueueTimeoutError,
  WhmAuthError,
  WhmError,
  WhmProtocolError,
  WhmTimeoutError,
  WhmTransportError,
  type WhmCallContext,
} from './errors.js';
import type { WhmOutcome } from './transport-types.js';

// Socket-level codes that prove the request never reached WHM.
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);

function isTlsCode(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|SSL/.test(code);
}

/** A failure thrown by node-fetch (or our own deadline) as a typed WhmError. */
export function classifyFailure(error: unknown, context: WhmCallContext, timeoutMs: number, timedOut: boolean): WhmError {
  if (error instanceof WhmError) return error;
  if (timedOut) return new WhmTimeoutError(context, timeoutMs, true);
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (NEVER_SENT_CODES.has(code)) {
    return new WhmTransportError(
      context,
      `cannot connect (${code})`,
      { code, transient: true, requestMayHaveBeenReceived: false },
      { cause: error },
    );
  }
  if (RESET_CODES.has(code) || /socket hang up|other side closed|premature close/i.test(message)) {
    return new WhmTransportError(
      context,
      `connection reset (${code || 'no code'})`,
      { code: code || 'ECONNRESET', transient: true, requestMayHaveBeenReceived: true },
      { cause: error },
    );
  }
  if (isTlsCode(code)) {
    return new WhmTransportError(
      context,
      `TLS verification failed (${code}): trust the server's certificate with a CA file, or fix its name`,
      { code, transient: false, requestMayHaveBeenReceived: false },
      { cause: error },
    );
  }
  return new WhmTransportError(
    context,
    message,
    { code: code || null, transient: false, requestMayHaveBeenReceived: true },
    { cause: error },
  );
}

/**
 * What an attempt says about the server's health. Only transport failures count against it. A
 * WhmApiError, WhmAuthError or WhmProtocolError means WHM (or a proxy in front of it) answered: bad
 * input, credentials or URL are configuration problems, not an outage, and an open breaker would
 * only hide them behind "server down".
 */
export function breakerVerdict(error: unknown): BreakerVerdict {
  // Never sent (breaker open, or given up while queued for a slot): says nothing about WHM, and
  // counting local overload would let it open the breaker.
  if (isCircuitOpenError(error) || isQueueTimeoutError(error)) return 'neutral';
  if (error instanceof WhmTimeoutError) return error.requestMayHaveBeenReceived ? 'failure' : 'neutral';
  if (error instanceof WhmTransportError) return 'failure';
  if (error instanceof WhmError) return 'success';
  return 'neutral';
}

/**
 * Whether the transport may send a failed read again. Not after a refusal by an open breaker (it
 * would only be refused again), nor after a queue timeout (the queue is full: another attempt
 * would only add to it; the caller decides).
 */
export function isRetryableFailure(error: unknown): boolean {
  return error instanceof WhmTransportError && error.transient && !isCircuitOpenError(error) && !isQueueTimeoutError(error);
}

export function outcomeOf(error: unknown): WhmOutcome {
  if (isCircuitOpenError(error)) return 'rejected';
  if (isQueueTimeoutError(error)) return 'queue_timeout';
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
