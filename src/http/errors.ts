// The last word on errors at the HTTP edge: body parsing (malformed JSON, too large, unknown
// content-encoding or charset), unknown paths, a failing rate-limit store. Each answers the
// GraphQL-shaped JSON every other refusal uses, in development and production alike; express's
// default handler would send an HTML page with the stack trace and the server's absolute paths.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { graphqlError, pathOf } from './native.js';

interface EdgeAnswer {
  status: number;
  code: string;
  message: string;
}

/** body-parser's error types, answered with fixed texts: its own messages may quote the body. */
const BODY_ERRORS: Record<string, EdgeAnswer> = {
  'entity.parse.failed': { status: 400, code: 'BAD_REQUEST', message: 'The request body is not a JSON object or list.' },
  'entity.too.large': {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request body is larger than this gateway accepts.',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Unsupported content-encoding: send identity, gzip, deflate or br.',
  },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported charset: send UTF-8.' },
  'request.aborted': { status: 400, code: 'BAD_REQUEST', message: 'The request body ended early.' },
  'request.size.invalid': { status: 400, code: 'BAD_REQUEST', message: 'The request body does not match its content-length.' },
};

const BY_STATUS: Record<number, EdgeAnswer> = {
  400: { status: 400, code: 'BAD_REQUEST', message: 'The request could not be read.' },
  403: { status: 403, code: 'FORBIDDEN', message: 'The request was refused.' },
  404: { status: 404, code: 'NOT_FOUND', message: 'Not found.' },
  405: { status: 405, code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed.' },
  413: BODY_ERRORS['entity.too.large'] as EdgeAnswer,
  415: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported media type.' },
};

const INTERNAL: EdgeAnswer = { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.' };

function answerFor(error: unknown): EdgeAnswer {
  if (typeof error !== 'object' || error === null) return INTERNAL;
  const { type, status, statusCode } = error as { type?: unknown; status?: unknown; statusCode?: unknown };
  if (typeof type === 'string' && BODY_ERRORS[type]) return BODY_ERRORS[type];
  const given = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : 500;
  if (given >= 400 && given < 500) return BY_STATUS[given] ?? { ...(BY_STATUS[400] as EdgeAnswer), status: given };
  return INTERNAL;
}

/** Unknown paths: JSON 404 instead of express's HTML page. */
export const notFound: RequestHandler = (_request, response) => {
  graphqlError(response, 404, 'NOT_FOUND', 'Not found. The GraphQL endpoint is /graphql.');
};

/** The answer to an error raised on the way to GraphQL. Client errors are answered plainly; anything else is logged in full and masked. */
export function edgeErrorAnswer(logger: Logger): (error: unknown, request: IncomingMessage, response: ServerResponse) => void {
  return (error, request, response) => {
    const where = { path: pathOf(request), method: request.method };
    // Too late for a JSON answer: a finished one (the deadline's 503) stands; a started one is cut off.
    if (response.headersSent) {
      if (response.writableEnded) return;
      logger.error({ err: error, ...where }, 'error after the answer had started: connection closed');
      response.destroy();
      return;
    }
    const answer = answerFor(error);
    if (answer.status >= 500) logger.error({ err: error, ...where }, 'unexpected error at the HTTP edge');
    else logger.debug({ status: answer.status, code: answer.code, ...where }, 'request refused at the HTTP edge');
    graphqlError(response, answer.status, answer.code, answer.message);
  };
}

/** Register last (express's routes). */
export function edgeErrorHandler(logger: Logger): ErrorRequestHandler {
  const answer = edgeErrorAnswer(logger);
  return (error: unknown, request, response, next) => {
    // Too late for a JSON answer: express closes the connection.
    if (response.headersSent) {
      next(error);
      return;
    }
    answer(error, request, response);
  };
}
