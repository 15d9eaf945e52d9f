// Small HTTP concerns in front of GraphQL: request ids, CORS for an allow-list of browser origins,
// authentication (401 before any GraphQL work, failures throttled per address and logged), and the
// Host check of open mode.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { AuthenticationError, type Authenticator } from '../auth/authenticate.js';
import { OPEN_ACCESS, type Identity } from '../auth/identity.js';
import { answerRateLimited, type AuthFailureLimiter } from '../limits/rate-limit.js';
import { clientAddress, graphqlError, header, localsOf, pathOf, type HttpStep } from './native.js';

export { clientAddress, graphqlError } from './native.js';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Keeps a caller's X-Request-Id when it is sane, else makes one; echoes it back. */
export const requestId: HttpStep = (request, response, next) => {
  const given = header(request, 'x-request-id');
  const id = given && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  localsOf(response).requestId = id;
  response.setHeader('x-request-id', id);
  next();
};

export function cors(allowedOrigins: readonly string[]): HttpStep {
  const allowed = new Set(allowedOrigins);
  return (request, response, next) => {
    const origin = header(request, 'origin');
    if (origin && allowed.has(origin)) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('vary', 'Origin');
      response.setHeader('access-control-allow-credentials', 'true');
      // Readable by the calling page: the id to quote in a report, and how long to wait after a 429.
      response.setHeader('access-control-expose-headers', 'X-Request-Id, Retry-After');
      response.setHeader(
        'access-control-allow-headers',
        'content-type, authorization, x-api-key, x-request-id, apollo-require-preflight',
      );
      response.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      response.setHeader('access-control-max-age', '600');
    }
    if (request.method === 'OPTIONS') {
      response.statusCode = origin && allowed.has(origin) ? 204 : 403;
      response.end();
      return;
    }
    next();
  };
}

function hasBody(request: IncomingMessage): boolean {
  const length = header(request, 'content-length');
  return header(request, 'transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}

/**
 * Sandbox's page itself is public (it holds no data); every GraphQL request needs credentials. A
 * URL with a query string is never the bare page, so no operation can slip through this way; nor
 * can a body, which would otherwise reach the body parser without credentials.
 */
function isLandingPageRequest(request: IncomingMessage): boolean {
  return (
    request.method === 'GET' &&
    !(request.url ?? '').includes('?') &&
    (header(request, 'accept') ?? '').includes('text/html') &&
    !hasBody(request)
  );
}

export interface AuthenticateOptions {
  allowLandingPage?: boolean;
  /** Failed attempts per client address; spent, the address gets 429 before its credentials are checked. */
  failures?: AuthFailureLimiter;
  /** Each failure is logged at warn level: address and reason, never the key or token. */
  logger?: Logger;
}

function presented(request: IncomingMessage): 'api-key' | 'authorization' | 'none' {
  if (header(request, 'x-api-key')) return 'api-key';
  return header(request, 'authorization') ? 'authorization' : 'none';
}

export function authenticate(
  mode: 'required' | 'open',
  authenticator: Authenticator,
  { allowLandingPage = false, failures, logger }: AuthenticateOptions = {},
): HttpStep {
  const tooMany = (response: ServerResponse, retryAfterSeconds: number) => {
    const message = `Too many failed authentications from this address; retry in ${retryAfterSeconds} s.`;
    answerRateLimited(response, message, retryAfterSeconds, 'auth-failures');
  };

  async function refuse(request: IncomingMessage, response: ServerResponse, error: unknown): Promise<void> {
    const reason = error instanceof AuthenticationError ? error.message : 'Authentication failed.';
    const address = clientAddress(request);
    // The message is the authenticator's own text: it names what was wrong, never the credential.
    logger?.warn(
      { clientAddress: address, reason, presented: presented(request), path: pathOf(request) },
      'authentication failed',
    );
    const outcome = failures ? await failures.recordFailure(address) : null;
    if (outcome?.blocked) {
      tooMany(response, outcome.retryAfterSeconds);
      return;
    }
    if (outcome?.remaining === 0) {
      logger?.warn({ clientAddress: address }, 'authentication failures from this address are throttled until the window ends');
    }
    response.setHeader('www-authenticate', 'Bearer');
    graphqlError(response, 401, 'UNAUTHENTICATED', reason);
  }

  async function check(request: IncomingMessage, response: ServerResponse, next: () => void): Promise<void> {
    const throttled = failures ? await failures.check(clientAddress(request)) : null;
    if (throttled?.blocked) {
      tooMany(response, throttled.retryAfterSeconds);
      return;
    }
    let identity: Identity;
    try {
      identity = await authenticator({ apiKey: header(request, 'x-api-key'), authorization: header(request, 'authorization') });
    } catch (error) {
      await refuse(request, response, error);
      return;
    }
    localsOf(response).identity = identity;
    next();
  }

  return (request, response, next) => {
    if (mode === 'open') {
      localsOf(response).identity = OPEN_ACCESS;
      next();
      return;
    }
    // No identity is set: the context refuses to build, should the page request ever reach GraphQL.
    if (allowLandingPage && isLandingPageRequest(request)) {
      next();
      return;
    }
    // A failing limiter store is an error (HTTP 500 JSON), not a silent pass.
    check(request, response, next).catch(next);
  };
}

/** localhost, 127.0.0.0/8 or [::1], any port, any case: names a DNS rebinding attacker cannot send. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

/** The Host check of open mode, for requests express does not see (WebSocket upgrades). */
export function isLoopbackHost(host: string | undefined): boolean {
  return LOOPBACK_HOST.test(host ?? '');
}

/**
 * Open mode (no credentials, loopback only): a browser page on a rebound domain reaches the
 * loopback port with its own name in Host, so anything but a loopback name is refused (403).
 */
export const loopbackHostOnly: HttpStep = (request, response, next) => {
  if (isLoopbackHost(header(request, 'host'))) {
    next();
    return;
  }
  const message = 'This gateway runs without credentials and answers only to localhost, 127.0.0.1 or [::1].';
  graphqlError(response, 403, 'FORBIDDEN', message);
};
