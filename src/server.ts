// HTTP: Apollo Server 5 on one http.Server. /graphql is served without express (src/http/graphql-endpoint.ts):
// the Host check (open mode only), request id, CORS, authentication (failures throttled per address),
// rate limits, body limit, then GraphQL with a fresh context (fresh DataLoaders) per request. Express
// serves the rest (health, metrics, explorer, dashboard), then JSON answers for unknown paths and
// every error at the HTTP edge. Subscriptions: WebSocket on the same port and path (src/live/).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import express from 'express';
import { GraphQLError } from 'graphql';
import { createAuthenticator } from './auth/authenticate.js';
import { createRequestContext, type GatewayContext } from './context.js';
import { DASHBOARD_PATH, dashboardRouter } from './http/dashboard.js';
import { edgeErrorAnswer, edgeErrorHandler, notFound } from './http/errors.js';
import { graphqlEndpoint, isGraphqlPath } from './http/graphql-endpoint.js';
import { localsOf } from './http/native.js';
import { EXPLORER_PATH, explorerRouter, withLandingBar } from './http/explorer.js';
import { authenticate, clientAddress, cors, loopbackHostOnly, requestId } from './http/middleware.js';
import { idempotencyPlugin } from './durability/idempotency.js';
import { withoutUnusedApolloFeatures } from './limits/apollo-features.js';
import { createArmor } from './limits/armor.js';
import { DEFAULT_MAX_RESPONSE_LOG_BYTES, logBudgetPlugin, logFieldLimitRule } from './limits/log-budget.js';
import { expiredAfter, requestDeadline } from './limits/deadline.js';
import { apolloProductionOptions, productionErrorMasking } from './limits/production.js';
import { trustedDocumentsOnly } from './limits/trusted-documents.js';
import { createAuthFailureLimiter, createRateLimits, rateLimitMiddleware } from './limits/rate-limit.js';
import { sandboxWithSubscriptions, subscriptionsOverHttpRefused } from './live/apollo-plugins.js';
import { createGatewayLive } from './live/gateway-live.js';
import { createHealthChecks, createLogger, createMetrics, requestLoggingPlugin } from './observability/index.js';
import { createSessionLogCache } from './whm-access/index.js';

import type { GatewayOptions, RunningGateway } from './gateway-options.js';
import { EXAMPLE_OPERATIONS_FILE, buildGatewaySchema, formatError } from './schema.js';

export {
  EXAMPLE_OPERATIONS_FILE,
  FEDERATION_SCHEMA_FILE,
  SCHEMA_DIR,
  buildGatewaySchema,
  formatError,
  loadTypeDefs,
} from './schema.js';
export type { GatewayOptions, RunningGateway } from './gateway-options.js';

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const production = options.production ?? false;
  const auth = options.auth ?? { mode: 'open', settings: { apiKeys: [], jwt: null } };
  const app = express();
  app.disable('x-powered-by');
  // Requests are dispatched once /graphql's handler exists (below).
  const httpServer = http.createServer();
  const observability = options.observability ?? {
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics({ countSessions: () => options.registry.count() }),
    tracing: null,
  };
  const { logger, metrics, tracing } = observability;
  // First: a weak JWT secret must stop the start before anything runs.
  const authenticator = createAuthenticator(auth.settings);
  // master.log parse states shared by every request: a monitoring read parses only what the log gained,
  // and a finished session's log, once final, is not read from WHM again.
  const logCache = createSessionLogCache();
  const jwt = auth.mode === 'required' ? auth.settings.jwt : null;
  if (jwt && (!jwt.issuer || !jwt.audience)) {
    logger.warn(
      { issuer: jwt.issuer ?? null, audience: jwt.audience ?? null },
      'JWTs are accepted without a required issuer or audience (GATEWAY_JWT_ISSUER, GATEWAY_JWT_AUDIENCE): ' +
        'any token signed with this key passes, whoever it was issued for',
    );
  }
  const armor = createArmor({ production });
  const exposure = apolloProductionOptions({ production, introspection: options.introspection, sandbox: options.sandbox });
  const timeoutMs = options.requestTimeoutMs ?? 330_000;
  const exampleOperations = options.exampleOperations ?? readFileSync(EXAMPLE_OPERATIONS_FILE, 'utf8');
  const explorer = options.explorer ?? exposure.landingPageEnabled;
  const landingPage: ApolloServerPlugin = exposure.landingPageEnabled
    ? withLandingBar(
        sandboxWithSubscriptions(
          ApolloServerPluginLandingPageLocalDefault({ embed: true, footer: false, document: exampleOperations }),
        ),
        { explorer, dashboard: options.dashboardDir !== false, authRequired: auth.mode === 'required' },
      )
    : ApolloServerPluginLandingPageDisabled();
  // One schema object for HTTP and WebSocket (graphql-ws validates against the same instance).
  const schema = buildGatewaySchema({ federation: options.federation });
  const gatewayLive = createGatewayLive({ ...options, logs: logCache, logger });
  const validationRules = [...armor.validationRules, logFieldLimitRule()];
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    // Depth, cost, alias, token and directive limits; field suggestions hidden; no batched requests.
    ...armor,
    validationRules,
    introspection: exposure.introspection,
    includeStacktraceInErrorResponses: exposure.includeStacktraceInErrorResponses,
    // CSRF prevention stays on (Apollo's default): GET and simple POSTs need a preflight header.
    csrfPrevention: true,
    // main.ts owns the signals: it drains this server, then closes the WHM clients and the registry.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => productionErrorMasking(formatError(formatted, error), error, { production }),
    logger,
    plugins: [
      ...armor.plugins,
      logBudgetPlugin(),
      idempotencyPlugin(),
      ...withoutUnusedApolloFeatures(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Subscriptions end with `complete` (not a dropped socket), then their sockets close.
      gatewayLive.drainPlugin,
      landingPage,
      subscriptionsOverHttpRefused(),
      metrics.apolloPlugin,
      requestLoggingPlugin(logger),
      ...(tracing ? [tracing.apolloPlugin] : []),
    ],
  });
  await apollo.start();

  const rates = options.rateLimit ?? { perIdentityPerMinute: 600, perIpPerMinute: 1200 };
  const limits = createRateLimits({
    perIdentity: { points: rates.perIdentityPerMinute, durationSeconds: 60 },
    perIp: { points: rates.perIpPerMinute, durationSeconds: 60 },
    store: options.rateLimitStore,
  });
  const authFailures = createAuthFailureLimiter(
    { points: rates.authFailuresPerIpPerMinute ?? 30, durationSeconds: 60 },
    options.rateLimitStore,
  );
  const authenticateOptions = { failures: authFailures, logger };
  const contextServices = {
    directory: options.servers,
    registry: options.registry,
    batching: options.batching,
    maxLogBytes: options.maxLogBytes,
    maxResponseLogBytes: options.maxResponseLogBytes ?? DEFAULT_MAX_RESPONSE_LOG_BYTES,
    logCache,
    live: gatewayLive.monitor,
  };

  const health = createHealthChecks({
    checkRegistry: async () => {
      await options.registry.count();
    },
    // A cheap read per server; an open breaker answers at once that the server is down.
    checkServers: () =>
      Promise.all(
        options.servers.list().map(async (entry) => {
          try {
            await options.servers.whm.probe(entry.name, 2_000);
            return { name: `whm:${entry.name}`, ok: true };
          } catch (error) {
            return { name: `whm:${entry.name}`, ok: false, detail: error instanceof Error ? error.message : String(error) };
          }
        }),
      ),
    checkOthers: options.readinessChecks,
    logger,
    cacheMs: options.readinessCacheMs,
  });

  // Liveness says nothing and does nothing, so it answers any Host; everything after it is checked.
  app.get('/health/live', health.live);
  if (auth.mode === 'open') app.use(loopbackHostOnly);
  app.get('/', (_request, response) => response.redirect(explorer && !exposure.landingPageEnabled ? EXPLORER_PATH : '/graphql'));
  // Like the landing page, the explorer's page and assets hold no data: served without credentials.
  if (explorer) app.use(EXPLORER_PATH, explorerRouter({ exampleOperations, authRequired: auth.mode === 'required' }));
  if (options.dashboardDir !== false) app.use(DASHBOARD_PATH, dashboardRouter(options.dashboardDir));
  app.get('/health/ready', health.ready);
  // Metrics carry no secrets, but operation names are the callers' business: same access as GraphQL.
  app.get('/metrics', authenticate(auth.mode, authenticator, authenticateOptions), metrics.handler);
  const graphql = graphqlEndpoint({
    apollo,
    beforeBody: [
      ...(auth.mode === 'open' ? [loopbackHostOnly] : []),
      requestId,
      cors(options.corsOrigins ?? []),
      authenticate(auth.mode, authenticator, { ...authenticateOptions, allowLandingPage: true }),
      rateLimitMiddleware(limits, (request, response) => {
        const identity = localsOf(response).identity;
        const ip = clientAddress(request);
        // Callers without credentials share one identity: count them by address instead.
        const identityId = !identity || identity.kind === 'anonymous' ? `anonymous@${ip}` : `${identity.kind}:${identity.id}`;
        return { identityId, ip };
      }),
      // Before body parsing, so a slow upload spends the same budget.
      requestDeadline(timeoutMs),
    ],
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    afterBody: options.trustedDocuments ? [trustedDocumentsOnly(options.trustedDocuments)] : [],
    context: async (_request, response): Promise<GatewayContext> => {
      const { identity, requestId: id, deadline } = localsOf(response);
      if (!identity)
        throw new GraphQLError('Not authenticated.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      const expired = deadline ? expiredAfter(deadline) : undefined;
      return createRequestContext({ ...contextServices, identity, requestId: String(id), expired });
    },
    failed: edgeErrorAnswer(logger),
  });
  httpServer.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (isGraphqlPath(request.url)) graphql(request, response);
    else void app(request, response);
  });
  app.use(notFound);
  app.use(edgeErrorHandler(logger));
  gatewayLive.serve({
    httpServer,
    path: '/graphql',
    schema,
    validationRules,
    auth: { mode: auth.mode, authenticator, failures: authFailures },
    limits,
    corsOrigins: options.corsOrigins ?? [],
    maxPayloadBytes: options.maxBodyBytes ?? 1024 * 1024,
    maxSubscriptionsPerCaller: options.maxSubscriptionsPerCaller ?? 20,
    production,
    logger,
    createContext: (identity, requestId) => createRequestContext({ ...contextServices, identity, requestId }),
    formatError: (error) => productionErrorMasking(formatError(error.toJSON(), error), error, { production }),
    trustedDocuments: options.trustedDocuments,
  });

  await new Promise<void>((resolveListen, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolveListen());
  });
  // Every unfinished registry session watched (so webhooks see it), and the outbox delivered.
  gatewayLive.start();
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/graphql`,
    httpServer,
    live: gatewayLive.monitor,
    webhooks: gatewayLive.webhooks,
    close: () => apollo.stop(),
  };
}
