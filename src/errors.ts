// GraphQL-facing errors of the gateway's own making; WHM failures are mapped in src/whm-access/errors.ts.
import { GraphQLError } from 'graphql';
import { whmRefusalOf } from './whm-access/index.js';

/** A bad input, caught before any WHM call. `field` is the path to the offending input. */
export function badUserInput(message: string, field: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field: field.map(String) } });
}

/** WHM says the session ID is unknown (REFERENCE §1.3). */
export function isUnknownSessionError(error: unknown): boolean {
  const reason = whmRefusalOf(error)?.reason ?? '';
  return /does not exist/.test(reason) && /session ID/i.test(reason);
}
