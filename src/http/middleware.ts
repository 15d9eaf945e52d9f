// Small HTTP concerns in front of GraphQL: request ids, CORS for an allow-list of browser origins,
// and authentication (401 before any GraphQL work).
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AuthenticationError, type Authenticator } from '../auth/authenticate.js';
import { OPEN_ACCESS, type Identity } from '../auth/identity.js';

export interface RequestLocals {
  requestId: string;
  identity: Identity;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Keeps a caller's X-Request-Id when it is sane, else makes one; echoes it back. */
export const requestId: RequestHandler = (request, response, next) => {
  const given = request.get('x-request-id');
  const id = given && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  response.locals.requestId = id;
  response.setHeader('x-request-id', id);
  next();
};

export function cors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (request, response, next) => {
    const origin = request.get('origin');
    if (origin && allowed.has(origin)) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('vary', 'Origin');
      response.setHeader('access-control-allow-credentials', 'true');
      response.setHeader(
        'access-control-allow-headers',
        'content-type, authorization, x-api-key, x-request-id, apollo-require-preflight',
      );
      response.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      response.setHeader('access-control-max-age', '600');
    }
    if (request.method === 'OPTIONS') {
      response.status(origin && allowed.has(origin) ? 204 : 403).end();
      return;
    }
    next();
  };
}

export function graphqlError(response: Response, status: number, code: string, message: string, extra: object = {}): void {
  response.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

/**
 * Sandbox's page itself is public (it holds no data); every GraphQL request needs credentials. A
 * URL with a query string is never the bare page, so no operation can slip through this way.
 */
function isLandingPageRequest(request: Request): boolean {
  return request.method === 'GET' && !request.originalUrl.includes('?') && (request.get('accept') ?? '').includes('text/html');
}

export function authenticate(
  mode: 'required' | 'open',
  authenticator: Authenticator,
  { allowLandingPage = false }: { allowLandingPage?: boolean } = {},
): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (mode === 'open') {
      response.locals.identity = OPEN_ACCESS;
      next();
      return;
    }
    // No identity is set: the context refuses to build, should the page request ever reach GraphQL.
    if (allowLandingPage && isLandingPageRequest(request)) {
      next();
      return;
    }
    authenticator({ apiKey: request.get('x-api-key'), authorization: request.get('authorization') }).then(
      (identity) => {
        response.locals.identity = identity;
        next();
      },
      (error: unknown) => {
        const message = error instanceof AuthenticationError ? error.message : 'Authentication failed.';
        response.setHeader('www-authenticate', 'Bearer');
        graphqlError(response, 401, 'UNAUTHENTICATED', message);
      },
    );
  };
}
