// GraphQL-facing errors: every failure a client can see carries a stable `extensions.code`.
import { GraphQLError } from 'graphql';
import { WhmApiError, WhmAuthError, type WhmError, WhmProtocolError, WhmTimeoutError, WhmTransportError } from './whm/index.js';

/** A bad input, caught before any WHM call. `field` is the path to the offending input. */
export function badUserInput(message: string, field: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field: field.map(String) } });
}

/** Extensions for a WHM failure: stable codes, the facts a client can act on, never a credential. */
export function whmErrorExtensions(error: WhmError): Record<string, unknown> {
  const base = { server: error.server, whmFunction: error.command };
  if (error instanceof WhmApiError) return { code: 'WHM_API_ERROR', ...base, whmReason: error.reason };
  if (error instanceof WhmAuthError) return { code: 'WHM_AUTH_FAILED', ...base, httpStatus: error.status };
  if (error instanceof WhmTimeoutError) {
    return { code: 'WHM_TIMEOUT', ...base, timeoutMs: error.timeoutMs, whmMayHaveActed: error.requestMayHaveBeenReceived };
  }
  if (error instanceof WhmProtocolError) return { code: 'WHM_PROTOCOL_ERROR', ...base, httpStatus: error.status, hint: error.hint };
  if (error instanceof WhmTransportError) {
    return { code: 'WHM_UNAVAILABLE', ...base, whmMayHaveActed: error.requestMayHaveBeenReceived };
  }
  return { code: 'WHM_ERROR', ...base };
}

/** WHM says the session ID is unknown (REFERENCE §1.3). */
export function isUnknownSessionError(error: unknown): boolean {
  return error instanceof WhmApiError && /does not exist/.test(error.reason) && /session ID/i.test(error.reason);
}
