// The HTTP steps in front of GraphQL work on Node's own request and response, not express's: the
// /graphql path skips express altogether (its router and its request/response prototypes cost more
// than half of a small query's CPU), while express still mounts the same steps elsewhere (/metrics).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Identity } from '../auth/identity.js';

/** A request once the JSON body parser ran over it. */
export type ParsedRequest = IncomingMessage & { body?: unknown };

/** A connect-style step; express accepts it as middleware too. */
export type HttpStep = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** What the steps learn about a request, for the steps and the GraphQL context after them. */
export interface RequestLocals {
  requestId?: string;
  identity?: Identity;
  /** When the request must be answered (epoch ms), and the budget it was given. */
  deadline?: { at: number; ms: number };
}

const locals = new WeakMap<ServerResponse, RequestLocals>();

export function localsOf(response: ServerResponse): RequestLocals {
  let found = locals.get(response);
  if (!found) {
    found = {};
    locals.set(response, found);
  }
  return found;
}

/** A request header's value (the first, when sent more than once); undefined when absent. */
export function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The path without the query string. */
export function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

export function clientAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? '';
}

/** A JSON answer, as express's res.json would send it (no body for HEAD). */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendText(response, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

export function sendText(response: ServerResponse, status: number, contentType: string, text: string): void {
  response.statusCode = status;
  if (!response.hasHeader('content-type')) response.setHeader('content-type', contentType);
  response.setHeader('content-length', Buffer.byteLength(text));
  response.end(response.req.method === 'HEAD' ? undefined : text);
}

/** GraphQL-shaped refusal: `{ errors: [{ message, extensions: { code, … } }] }`. */
export function graphqlError(response: ServerResponse, status: number, code: string, message: string, extra: object = {}): void {
  sendJson(response, status, { errors: [{ message, extensions: { code, ...extra } }] });
}

/** Runs the steps in order; a step that answers does not call next, and an error goes to `failed`. */
export function runSteps(
  steps: readonly HttpStep[],
  request: IncomingMessage,
  response: ServerResponse,
  failed: (error: unknown) => void,
): void {
  let index = 0;
  const next = (error?: unknown): void => {
    if (error !== undefined) {
      failed(error);
      return;
    }
    const step = steps[index];
    index += 1;
    if (!step) return;
    try {
      step(request, response, next);
    } catch (thrown) {
      failed(thrown);
    }
  };
  next();
}
