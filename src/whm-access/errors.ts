// Where WHM failures become GraphQL errors: every failure a client sees carries a stable
// `extensions.code`, names the WHM function it was about (never "batch"), and says whether WHM may
// have acted (never for a read).
import { GraphQLError } from 'graphql';
import {
  WHM_FUNCTIONS,
  WhmApiError,
  WhmAuthError,
  WhmError,
  WhmProtocolError,
  WhmTimeoutError,
  WhmTransportError,
  isQueueTimeoutError,
  type WhmFunctionName,
} from '../whm/index.js';

/** Extensions for a WHM failure: stable codes, the facts a client can act on, never a credential. */
export function whmErrorExtensions(error: WhmError, fn: string = error.command): Record<string, unknown> {
  const readOnly = fn in WHM_FUNCTIONS && WHM_FUNCTIONS[fn as WhmFunctionName].readOnly;
  const base = { server: error.server, whmFunction: fn };
  // A read changes nothing on WHM, whatever became of the request.
  const mayHaveActed = (received: boolean) => !readOnly && received;
  if (error instanceof WhmApiError) return { code: 'WHM_API_ERROR', ...base, whmReason: error.reason };
  if (error instanceof WhmAuthError) return { code: 'WHM_AUTH_FAILED', ...base, httpStatus: error.status };
  if (error instanceof WhmTimeoutError) {
    return {
      code: 'WHM_TIMEOUT',
      ...base,
      timeoutMs: error.timeoutMs,
      whmMayHaveActed: mayHaveActed(error.requestMayHaveBeenReceived),
    };
  }
  if (error instanceof WhmProtocolError) {
    // WHM answered something: a write may well have been carried out before the answer went wrong.
    return {
      code: 'WHM_PROTOCOL_ERROR',
      ...base,
      httpStatus: error.status,
      hint: error.hint,
      whmMayHaveActed: mayHaveActed(true),
    };
  }
  if (isQueueTimeoutError(error)) {
    // Never sent: the gateway's own connections to this server stayed busy. Not a WHM failure.
    return { code: 'WHM_QUEUE_TIMEOUT', ...base, whmMayHaveActed: false };
  }
  if (error instanceof WhmTransportError) {
    return { code: 'WHM_UNAVAILABLE', ...base, whmMayHaveActed: mayHaveActed(error.requestMayHaveBeenReceived) };
  }
  return { code: 'WHM_ERROR', ...base };
}

/** A WHM failure of one call as the GraphQL error of the field that needed it. */
export function whmCallError(error: unknown, fn: WhmFunctionName): unknown {
  if (!(error instanceof WhmError)) return error;
  // A failed `batch` request fails each call in it: name the call, not the envelope.
  const message = error.command === fn ? error.message : error.message.replace(`WHM ${error.command}`, `WHM ${fn}`);
  return new GraphQLError(message, { originalError: error, extensions: whmErrorExtensions(error, fn) });
}

/** WHM answered success without the `data` this function must return. */
export function missingDataError(server: string, fn: WhmFunctionName): GraphQLError {
  const protocolError = new WhmProtocolError(
    { server, command: fn },
    200,
    'a success without data',
    'WHM sent no `data` for a function that always returns some; check the WHM version or a proxy in between.',
  );
  return whmCallError(protocolError, fn) as GraphQLError;
}

/** The WHM error behind a GraphQL error thrown by the access layer, if any. */
export function whmErrorOf(error: unknown): WhmError | null {
  if (error instanceof WhmError) return error;
  if (error instanceof GraphQLError && error.originalError instanceof WhmError) return error.originalError;
  return null;
}

/** WHM refused the call (result 0): a userError in a mutation payload, not a failure of the field. */
export function whmRefusalOf(error: unknown): WhmApiError | null {
  const original = whmErrorOf(error);
  return original instanceof WhmApiError ? original : null;
}
