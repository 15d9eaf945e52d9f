// A deadline per GraphQL request, in two parts that share one deadline:
//
// - `requestDeadline(ms)`, an HTTP step: when the deadline passes before the response has
//   started, the client gets HTTP 503 with a GraphQL-shaped body, `extensions.code:
//   REQUEST_TIMEOUT`, and whatever the execution produces later is dropped. Only the HTTP layer
//   can answer at the deadline: Apollo Server plugins cannot end a request while a resolver is
//   still awaiting.
// - `expiredAfter(deadline)`, given to the request's WhmAccess: abandons the work. Once the deadline
//   has passed, no new WHM call is sent — read or write — each gets a REQUEST_TIMEOUT error instead,
//   so a later mutation field of the same document is never sent to WHM. (A check in the WHM access
//   layer, not an Apollo willResolveField hook: such a hook makes Apollo wrap every resolver of
//   every request.)
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
import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { localsOf, sendJson, type HttpStep } from '../http/native.js';

export const REQUEST_TIMEOUT = 'REQUEST_TIMEOUT';

function timeoutMessage(ms: number): string {
  return (
    `The request did not complete within ${ms} ms and was abandoned. WHM actions already started may ` +
    'still complete: check the state before retrying a mutation.'
  );
}

/** After our 503, the execution's own response must go nowhere (and must not throw ERR_HTTP_HEADERS_SENT). */
function dropLateResponse(response: ServerResponse): void {
  const ignore = function (this: ServerResponse): ServerResponse {
    return this;
  };
  response.setHeader = ignore;
  response.writeHead = ignore;
  response.write = (() => true) as ServerResponse['write'];
  response.end = ignore as ServerResponse['end'];
}

/** Put it before body parsing: a slow upload spends the same budget. */
export function requestDeadline(ms: number): HttpStep {
  return (_request, response, next) => {
    localsOf(response).deadline = { at: Date.now() + ms, ms };
    const timer = setTimeout(() => {
      if (response.headersSent) return; // already answering: nothing left to replace
      sendJson(response, 503, {
        errors: [{ message: timeoutMessage(ms), extensions: { code: REQUEST_TIMEOUT, timeoutMs: ms } }],
      });
      dropLateResponse(response);
    }, ms);
    const stop = (): void => clearTimeout(timer);
    response.once('finish', stop);
    response.once('close', stop);
    next();
  };
}

/** The error every WHM call of the request gets once the deadline (epoch ms) has passed; null before. */
export function expiredAfter(deadline: { at: number; ms: number }): () => GraphQLError | null {
  return () =>
    Date.now() >= deadline.at
      ? new GraphQLError(timeoutMessage(deadline.ms), { extensions: { code: REQUEST_TIMEOUT, timeoutMs: deadline.ms } })
      : null;
}
