// One log line per GraphQL request, plus every unexpected error in full. Production responses mask
// unexpected errors, so this log is where their message and stack survive. Variables and the
// document are never logged: a mutation's variables (or literals) may hold root passwords.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import {
  operationNameOf,
  operationTypeOf,
  responseErrorCodes,
  unexpectedErrors,
  type ObservedContext,
} from './graphql-request.js';

/** Fields of the per-request line (message "graphql request"). */
export interface GraphQLRequestLogFields {
  requestId: string;
  operationName: string;
  operationType: string;
  identityId: string;
  role: string;
  /** WHM HTTP requests this GraphQL request made (batches count once). */
  whmRequests: number;
  durationMs: number;
  /** extensions.code of each error in the response, in order; empty when none. */
  errorCodes: string[];
  /** HTTP status Apollo chose, when it chose one (errors before execution). */
  httpStatus?: number;
}

export function requestLoggingPlugin(logger: Logger): ApolloServerPlugin<ObservedContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(requestContext) {
          const { contextValue } = requestContext;
          const operationName = operationNameOf(requestContext);
          for (const { error, cause } of unexpectedErrors(requestContext)) {
            logger.error(
              {
                requestId: contextValue.requestId,
                operationName,
                path: error.path,
                err: cause instanceof Error ? cause : error,
              },
              'unexpected error in GraphQL request',
            );
          }
          const fields: GraphQLRequestLogFields = {
            requestId: contextValue.requestId,
            operationName,
            operationType: operationTypeOf(requestContext),
            identityId: contextValue.identity.id,
            role: contextValue.identity.role,
            whmRequests: contextValue.whm.requestCount,
            durationMs: Math.round((performance.now() - started) * 10) / 10,
            errorCodes: responseErrorCodes(requestContext),
          };
          const httpStatus = requestContext.response.http.status;
          if (httpStatus !== undefined) fields.httpStatus = httpStatus;
          logger.info(fields, 'graphql request');
        },
      };
    },
  };
}
