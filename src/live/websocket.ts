// Subscriptions over WebSocket (graphql-ws) on the HTTP server's own port and path, behind the same
// gates as HTTP: the upgrade gate (path, open mode's Host check, browser Origin: upgrade-gate.ts), the
// credentials of connection_init (failures throttled per address like HTTP's), and per subscribe the
// rate limits (one point each), a cap of concurrent subscriptions per caller, and the query limits.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecutionResult, GraphQLFormattedError, GraphQLSchema, ValidationRule } from 'graphql';
// graphql's CommonJS build by its path: the one graphql-ws, Apollo and graphql-tools load under Node.
// Plain 'graphql' is the same file under Node, but vitest hands source files its ESM build, a second
// copy whose validate() refuses the schema and whose GraphQLError graphql-ws does not recognise.
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
} from 'graphql/index.js';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { AuthenticationError, type Authenticator } from '../auth/authenticate.js';
import { hasRole, OPEN_ACCESS, type Identity } from '../auth/identity.js';
import { trustedSubscription, type TrustedDocuments } from '../limits/trusted-documents.js';
import type { GatewayContext } from '../context.js';
import { ARMOR_LIMITS } from '../limits/armor.js';
import type { AuthFailureLimiter, RateLimits } from '../limits/rate-limit.js';
import { closeReason, credential, refuseUpgrade, upgradeRefusal } from './upgrade-gate.js';

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  path: string;
  schema: GraphQLSchema;
  /** The query limits HTTP applies (graphql-armor's rules, the log field limit); tokens: ARMOR_LIMITS. */
  validationRules: readonly ValidationRule[];
  auth: { mode: 'required' | 'open'; authenticator: Authenticator; failures: AuthFailureLimiter };
  limits: RateLimits;
  corsOrigins: readonly string[];
  maxPayloadBytes: number;
  maxSubscriptionsPerCaller: number;
  production: boolean;
  logger: Logger;
  /** A fresh context (WHM access, loaders) for one subscription. */
  createContext(identity: Identity, requestId: string): GatewayContext;
  /** The formatting HTTP answers get (WHM codes, production masking). */
  formatError(error: GraphQLError): GraphQLFormattedError;
  /** Allow-list mode (GATEWAY_TRUSTED_DOCUMENTS): below admin, only listed subscriptions run, as over HTTP. */
  trustedDocuments?: TrustedDocuments | null;
}

export interface SubscriptionServer {
  /** Subscriptions in progress on this replica. */
  readonly activeSubscriptions: number;
  /** Refuses new sockets, waits (at most `graceMs`) for subscriptions to complete, then closes every socket. */
  close(graceMs?: number): Promise<void>;
}

interface Connection {
  identity: Identity;
  callerId: string;
  ip: string;
  /** Subscriptions of this socket counted against its caller. */
  counted: Set<string>;
}

/** What this file reads of graphql-ws's per-socket context. */
interface WsContext {
  readonly extra: Extra;
  readonly connectionParams?: Readonly<Record<string, unknown>>;
}

/** graphql-ws's close code for a refused connection_init (fatal for its client: no retry loop). */
export const CLOSE_UNAUTHORIZED = 4401;
/** Too many failed authentications from this address. */
export const CLOSE_THROTTLED = 4429;

const requestError = (message: string, code: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extra } });

function isAsyncIterator(value: unknown): value is AsyncIterableIterator<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value && 'next' in value;
}

export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { logger, auth } = options;
  const connections = new WeakMap<WsContext, Connection>();
  const perCaller = new Map<string, number>();
  let active = 0;
  let closing = false;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });

  const gate = { path: options.path, authMode: auth.mode, corsOrigins: options.corsOrigins };
  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    const refusal = upgradeRefusal(request, gate, closing);
    if (refusal) return refuseUpgrade(socket, refusal);
    wss.handleUpgrade(request, socket, head, (websocket) => wss.emit('connection', websocket, request));
  };
  options.httpServer.on('upgrade', onUpgrade);

  const uncount = (connection: Connection, id: string): void => {
    if (!connection.counted.delete(id)) return;
    active -= 1;
    const left = (perCaller.get(connection.callerId) ?? 1) - 1;
    if (left > 0) perCaller.set(connection.callerId, left);
    else perCaller.delete(connection.callerId);
  };

  async function authenticate(ctx: WsContext): Promise<Identity | null> {
    const { socket, request } = ctx.extra;
    const ip = request.socket.remoteAddress ?? '';
    if (auth.mode === 'open') return OPEN_ACCESS;
    const throttled = await auth.failures.check(ip);
    if (throttled.blocked) {
      socket.close(CLOSE_THROTTLED, closeReason(`Too many failed authentications; retry in ${throttled.retryAfterSeconds} s.`));
      return null;
    }
    try {
      return await auth.authenticator({
        apiKey: credential(ctx.connectionParams, 'x-api-key'),
        authorization: credential(ctx.connectionParams, 'authorization'),
      });
    } catch (error) {
      const reason = error instanceof AuthenticationError ? error.message : 'Authentication failed.';
      logger.warn({ clientAddress: ip, reason, transport: 'websocket' }, 'authentication failed');
      const outcome = await auth.failures.recordFailure(ip);
      if (outcome.blocked)
        socket.close(CLOSE_THROTTLED, closeReason(`Too many failed authentications; retry in ${outcome.retryAfterSeconds} s.`));
      else socket.close(CLOSE_UNAUTHORIZED, closeReason(`Unauthorized: ${reason}`));
      return null;
    }
  }

  function parseAndValidate(query: unknown): DocumentNode | readonly GraphQLError[] {
    if (typeof query !== 'string') return [requestError('Send the operation in `query`.', 'BAD_REQUEST')];
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: ARMOR_LIMITS.maxTokens });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/tokens/.test(message)) return [requestError('Query is too long.', 'GRAPHQL_VALIDATION_FAILED')];
      return [requestError(message, 'GRAPHQL_PARSE_FAILED')];
    }
    const errors = validate(options.schema, document, [...specifiedRules, ...options.validationRules]);
    // As over HTTP: every validation refusal is GRAPHQL_VALIDATION_FAILED, and no field suggestions.
    if (errors.length > 0) {
      return errors.map((error) => requestError(error.message.replace(/ Did you mean .*$/, ''), 'GRAPHQL_VALIDATION_FAILED'));
    }
    return document;
  }

  const disposable = useServer<Record<string, unknown> | undefined>(
    {
      schema: options.schema,
      isProd: options.production,
      onConnect: async (ctx) => {
        const identity = await authenticate(ctx);
        if (!identity) return false;
        const ip = ctx.extra.request.socket.remoteAddress ?? '';
        // Callers without credentials share one identity: count them by address instead (as HTTP does).
        const callerId = identity.kind === 'anonymous' ? `anonymous@${ip}` : `${identity.kind}:${identity.id}`;
        connections.set(ctx, { identity, callerId, ip, counted: new Set() });
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const connection = connections.get(ctx);
        if (!connection) return [requestError('Not authenticated.', 'UNAUTHENTICATED')];
        const decision = await options.limits.consume(connection.callerId, connection.ip);
        if (!decision.ok) {
          const scope = decision.limit === 'identity' ? 'this caller' : 'this address';
          return [
            requestError(`Too many requests from ${scope}; retry in ${decision.retryAfterSeconds} s.`, 'RATE_LIMITED', {
              retryAfterSeconds: decision.retryAfterSeconds,
              limit: decision.limit,
            }),
          ];
        }
        let query: unknown = payload.query;
        if (options.trustedDocuments && !hasRole(connection.identity, 'admin')) {
          const trusted = trustedSubscription(options.trustedDocuments, payload);
          if (!trusted.ok) return [requestError(trusted.message, trusted.code)];
          query = trusted.query;
        }
        const document = parseAndValidate(query);
        if (!('kind' in document)) return document;
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [
            requestError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP.', 'BAD_REQUEST'),
          ];
        }
        const current = perCaller.get(connection.callerId) ?? 0;
        if (closing) return [requestError('The gateway is shutting down.', 'SHUTTING_DOWN')];
        if (current >= options.maxSubscriptionsPerCaller) {
          return [
            requestError(
              `At most ${options.maxSubscriptionsPerCaller} subscriptions at once per caller; end one first.`,
              'TOO_MANY_SUBSCRIPTIONS',
              {
                limit: options.maxSubscriptionsPerCaller,
              },
            ),
          ];
        }
        perCaller.set(connection.callerId, current + 1);
        connection.counted.add(id);
        active += 1;
        const requestId = randomUUID();
        logger.info(
          { requestId, caller: connection.identity.id, operationName: operation.name?.value ?? null, transport: 'websocket' },
          'subscription started',
        );
        return {
          schema: options.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: options.createContext(connection.identity, requestId),
        };
      },
      onOperation: (ctx, id, _payload, _args, result) => {
        const connection = connections.get(ctx);
        if (!connection || !isAsyncIterator(result)) return undefined;
        // Uncounted the moment the client stops it: its next subscribe on this socket must not find it still counted.
        const counted: AsyncGenerator<ExecutionResult> = {
          next: () => result.next(),
          return: (value?: unknown) => {
            uncount(connection, id);
            return result.return ? result.return(value) : Promise.resolve({ value: undefined, done: true });
          },
          throw: (error?: unknown) =>
            result.throw ? result.throw(error) : Promise.reject(error instanceof Error ? error : new Error(String(error))),
          [Symbol.asyncIterator]() {
            return this;
          },
        };
        return counted;
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => options.formatError(error)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => options.formatError(error)),
      onComplete: (ctx, id) => {
        const connection = connections.get(ctx);
        if (connection) uncount(connection, id);
      },
      onClose: (ctx) => {
        const connection = connections.get(ctx);
        if (connection) for (const id of [...connection.counted]) uncount(connection, id);
      },
    },
    wss,
  );

  return {
    get activeSubscriptions() {
      return active;
    },
    async close(graceMs = 2_000) {
      closing = true;
      // The caller ends the subscriptions first (LiveMonitor.close); their `complete` messages go out here.
      const deadline = Date.now() + graceMs;
      while (active > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      options.httpServer.off('upgrade', onUpgrade);
      // dispose() waits for each client's closing handshake: a client that never answers is cut off.
      let timer: NodeJS.Timeout | undefined;
      const cutOff = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.resolve(disposable.dispose()).catch(() => undefined), cutOff]);
      clearTimeout(timer);
      for (const client of wss.clients) client.terminate();
    },
  };
}
