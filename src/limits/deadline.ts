// A deadline per GraphQL request, in two parts that share one `ms`:
//
// - `requestDeadline(ms)`, express middleware: when the deadline passes before the response has
//   started, the client gets HTTP 503 with a GraphQL-shaped body, `extensions.code:
//   REQUEST_TIMEOUT`, and whatever the execution produces later is dropped. Only the HTTP layer
//   can answer at the deadline: Apollo Server plugins cannot end a request while a resolver is
//   still awaiting.
// - `requestDeadlinePlugin(ms)`, Apollo plugin: abandons the work. Once the deadline has passed, no
//   field starts resolving (each gets a REQUEST_TIMEOUT error instead), so the abandoned execution
//   sends no new WHM request — reads or writes — and a later mutation field of the same document is
//   never sent to WHM. Used alone (no middleware), the response waits for the fields already running
//   and carries those errors.
//
// Neither cancels what is already in flight: a WHM call that started before the deadline runs to
// its end under its own timeout (WhmTimeoutError / WHM_TIMEOUT semantics, 30 s by default, 300 s for
// session creation), and a write may well complete — a session created, items queued — after the
// client got REQUEST_TIMEOUT. The resolver still finishes its bookkeeping (a created session is
// still recorded in the registry), so clients should re-read state (transferSessions,
// transferSession(id)) before retrying a mutation.
//
// Why 503 and not 200 with an error: no execution result exists to return (not even partial data),
// and a non-2xx status lets load balancers, retry policies and dashboards count it as a failure.
// Why not 504: that is what a proxy in front of the gateway answers when the gateway is slow; 503
// from the gateway itself keeps the two cases apart. No Retry-After: a timed-out mutation must not be
// retried blindly.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';

export const REQUEST_TIMEOUT = 'REQUEST_TIMEOUT';

function timeoutMessage(ms: number): string {
  return (
    `The request did not complete within ${ms} ms and was abandoned. WHM actions already started may ` +
    'still complete: check the state before retrying a mutation.'
  );
}

/** After our 503, the execution's own response must go nowhere (and must not throw ERR_HTTP_HEADERS_SENT). */
function dropLateResponse(response: Response): void {
  const ignore = function (this: Response): Response {
    return this;
  };
  response.setHeader = ignore as Response['setHeader'];
  response.writeHead = ignore as Response['writeHead'];
  response.send = ignore as Response['send'];
  response.json = ignore as Response['json'];
  response.write = (() => true) as Response['write'];
  response.end = ignore as Response['end'];
}

/** Put it before body parsing: a slow upload spends the same budget. */
export function requestDeadline(ms: number): RequestHandler {
  return (_request: Request, response: Response, next: NextFunction) => {
    const timer = setTimeout(() => {
      if (response.headersSent) return; // already answering: nothing left to replace
      response
        .status(503)
        .json({ errors: [{ message: timeoutMessage(ms), extensions: { code: REQUEST_TIMEOUT, timeoutMs: ms } }] });
      dropLateResponse(response);
    }, ms);
    const stop = (): void => clearTimeout(timer);
    response.once('finish', stop);
    response.once('close', stop);
    next();
  };
}

export function requestDeadlinePlugin(ms: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      const deadline = Date.now() + ms;
      return {
        async executionDidStart() {
          return {
            willResolveField() {
              // Thrown here, the error is this field's: graphql-js records it and skips the resolver.
              if (Date.now() >= deadline) {
                throw new GraphQLError(timeoutMessage(ms), { extensions: { code: REQUEST_TIMEOUT, timeoutMs: ms } });
              }
            },
          };
        },
      };
    },
  };
}
