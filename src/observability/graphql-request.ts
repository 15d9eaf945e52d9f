// What the observability plugins read from a GraphQL request, in one place: the few context fields
// they need, bounded labels for the operation, and the error codes as the client saw them. Nothing
// here ever touches variables or the document text (either may carry passwords).
import type { GraphQLRequestContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';

/**
 * The part of GatewayContext the plugins read. ApolloServerPlugin is contravariant in its context,
 * so a plugin typed with this is accepted by ApolloServer<GatewayContext>, and tests need no full
 * context.
 */
export interface ObservedContext {
  requestId: GatewayContext['requestId'];
  identity: Pick<GatewayContext['identity'], 'id' | 'role'>;
  whm: Pick<GatewayContext['whm'], 'requestCount'>;
}

export const MAX_LABEL_LENGTH = 64;
export const ANONYMOUS_OPERATION = 'anonymous';
/** Operation type before the document resolved to an operation (syntax or validation failure). */
export const UNKNOWN_OPERATION_TYPE = 'unknown';
/** A formatted error without extensions.code (a custom formatError could drop it). */
export const UNKNOWN_ERROR_CODE = 'UNKNOWN';

/** Server names and WHM functions come from configuration and the catalogue: bounded, only capped in length. */
export function truncateLabel(value: string): string {
  return value.slice(0, MAX_LABEL_LENGTH);
}

/** Keeps a client-chosen string fit for a metric label or span name: [A-Za-z0-9_], at most 64 chars. */
export function sanitizeLabel(value: string, fallback: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9_]/g, '_').slice(0, MAX_LABEL_LENGTH);
  return cleaned.length > 0 ? cleaned : fallback;
}

/**
 * The operation's name once Apollo resolved it from the parsed document, else "anonymous". The raw
 * `operationName` of the request is never used: before resolution it is whatever the client sent.
 */
export function operationNameOf(requestContext: GraphQLRequestContext<ObservedContext>): string {
  const name = requestContext.operation?.name?.value;
  return name ? sanitizeLabel(name, ANONYMOUS_OPERATION) : ANONYMOUS_OPERATION;
}

export function operationTypeOf(requestContext: GraphQLRequestContext<ObservedContext>): string {
  return requestContext.operation?.operation ?? UNKNOWN_OPERATION_TYPE;
}

type FormattedErrors = readonly { extensions?: Record<string, unknown> }[];

function formattedErrorsOf(requestContext: GraphQLRequestContextWillSendResponse<ObservedContext>): FormattedErrors {
  const body = requestContext.response.body;
  const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
  return errors ?? [];
}

function codeOf(extensions: Record<string, unknown> | undefined): string {
  const code = extensions?.['code'];
  return typeof code === 'string' ? sanitizeLabel(code, UNKNOWN_ERROR_CODE) : UNKNOWN_ERROR_CODE;
}

/**
 * `extensions.code` of every error in the response, in order. Read from the formatted response, not
 * from the raw errors: the gateway's formatError gives WHM failures their codes (WHM_TIMEOUT, …).
 */
export function responseErrorCodes(requestContext: GraphQLRequestContextWillSendResponse<ObservedContext>): string[] {
  return formattedErrorsOf(requestContext).map((error) => codeOf(error.extensions));
}

export interface UnexpectedError {
  /** The raw GraphQL error (path, locations). */
  error: GraphQLError;
  /** What a resolver actually threw, with its stack. */
  cause: unknown;
}

/**
 * Errors the gateway did not classify: no code, or INTERNAL_SERVER_ERROR. Apollo formats raw errors
 * one to one and in order, so raw error i is formatted error i; should that ever not hold, the raw
 * error's own code decides.
 */
export function unexpectedErrors(requestContext: GraphQLRequestContextWillSendResponse<ObservedContext>): UnexpectedError[] {
  const raw = requestContext.errors ?? [];
  const formatted = formattedErrorsOf(requestContext);
  const pairedByIndex = formatted.length === raw.length;
  return raw
    .filter((error, index) => {
      const code = pairedByIndex ? codeOf(formatted[index]?.extensions) : codeOf(error.extensions);
      return code === UNKNOWN_ERROR_CODE || code === 'INTERNAL_SERVER_ERROR';
    })
    .map((error) => ({ error, cause: unwrapResolverError(error) }));
}
