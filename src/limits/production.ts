// Production error masking and Apollo settings. An error whose code a client can act on passes as is;
// anything else (a bug, a driver error, a registry failure) may carry internal text — hosts, paths,
// SQL — so in production it becomes "Internal server error" with no stack trace or exception details.
import type { GraphQLFormattedError } from 'graphql';

/** Codes whose messages are written for clients. */
export const KNOWN_ERROR_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'REQUEST_TIMEOUT',
  // Apollo's own request errors (graphql-armor's refusals are GRAPHQL_VALIDATION_FAILED).
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** WHM_API_ERROR, WHM_TIMEOUT, …; PERSISTED_QUERY_NOT_FOUND, PERSISTED_QUERY_NOT_SUPPORTED. */
const KNOWN_ERROR_CODE_PREFIXES = ['WHM_', 'PERSISTED_QUERY_'] as const;

export function isKnownErrorCode(code: unknown): boolean {
  if (typeof code !== 'string') return false;
  return KNOWN_ERROR_CODES.has(code) || KNOWN_ERROR_CODE_PREFIXES.some((prefix) => code.startsWith(prefix));
}

export const MASKED_MESSAGE = 'Internal server error';

/** Extension keys that carry internals; never sent in production, whatever the code. */
const INTERNAL_EXTENSIONS = ['stacktrace', 'exception'] as const;

/**
 * For Apollo's `formatError`, after the gateway's own formatting (which adds the WHM codes):
 * `formatError: (formatted, error) => productionErrorMasking(formatError(formatted, error), error, { production })`.
 * Outside production it returns `formatted` untouched.
 */
export function productionErrorMasking(
  formatted: GraphQLFormattedError,
  _error: unknown,
  options: { production: boolean },
): GraphQLFormattedError {
  formatted = withGatewayIntrospectionHint(formatted);
  if (!options.production) return formatted;
  const code = formatted.extensions?.code;
  if (isKnownErrorCode(code)) {
    if (!formatted.extensions || !INTERNAL_EXTENSIONS.some((key) => key in (formatted.extensions ?? {}))) return formatted;
    const extensions = { ...formatted.extensions };
    for (const key of INTERNAL_EXTENSIONS) delete extensions[key];
    return { ...formatted, extensions };
  }
  // Where the error happened (path, locations) is no secret and lets clients match partial data.
  return {
    message: MASKED_MESSAGE,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Apollo's refusal tells the operator to "pass introspection: true to ApolloServer"; here that is a setting. */
const APOLLO_INTROSPECTION_REFUSAL = /^GraphQL introspection is not allowed by Apollo Server\b/;

export const INTROSPECTION_DISABLED_MESSAGE =
  'Introspection (__schema, __type) is off on this gateway (off by default in production). ' +
  'Set GATEWAY_INTROSPECTION=1 to allow it, or get the schema from the schema/ folder.';

function withGatewayIntrospectionHint(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const refused =
    formatted.extensions?.validationErrorCode === 'INTROSPECTION_DISABLED' ||
    APOLLO_INTROSPECTION_REFUSAL.test(formatted.message);
  if (!refused) return formatted;
  return { ...formatted, message: INTROSPECTION_DISABLED_MESSAGE };
}

export interface ApolloProductionOptions {
  introspection: boolean;
  includeStacktraceInErrorResponses: boolean;
  /** Whether to install the Sandbox landing page plugin (else: ApolloServerPluginLandingPageDisabled). */
  landingPageEnabled: boolean;
}

/** Introspection and Sandbox default to off in production, on elsewhere; stack traces only outside production. */
export function apolloProductionOptions(options: {
  production: boolean;
  introspection?: boolean;
  sandbox?: boolean;
}): ApolloProductionOptions {
  return {
    introspection: options.introspection ?? !options.production,
    includeStacktraceInErrorResponses: !options.production,
    landingPageEnabled: options.sandbox ?? !options.production,
  };
}
