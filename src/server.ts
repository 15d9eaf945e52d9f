// HTTP: express 5 + Apollo Server 5 on one http.Server. In order: the Host check (open mode only),
// request id, CORS, authentication (failures throttled per address), rate limits, body limit, then
// GraphQL with a fresh context (fresh DataLoaders) per request; last, JSON answers for unknown paths
// and every error at the HTTP edge. Subscriptions: WebSocket on the same port and path (src/live/).
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express from 'express';
import type { Logger } from 'pino';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { createAuthenticator, type AuthSettings } from './auth/authenticate.js';
import type { Identity } from './auth/identity.js';
import { applyRoleDirective } from './auth/role-directive.js';
import { createRequestContext, type GatewayContext } from './context.js';
import { buildSubgraph, withFederationKeys } from './federation/subgraph-schema.js';
import { DASHBOARD_PATH, dashboardRouter } from './http/dashboard.js';
import { edgeErrorHandler, notFound } from './http/errors.js';
import { EXPLORER_PATH, explorerRouter, withLandingBar } from './http/explorer.js';
import { authenticate, clientAddress, cors, loopbackHostOnly, requestId } from './http/middleware.js';
import { idempotencyPlugin } from './durability/idempotency.js';
import { withoutUnusedApolloFeatures } from './limits/apollo-features.js';
import { createArmor } from './limits/armor.js';
import { DEFAULT_MAX_RESPONSE_LOG_BYTES, logBudgetPlugin, logFieldLimitRule } from './limits/log-budget.js';
import { requestDeadline, requestDeadlinePlugin } from './limits/deadline.js';
import { apolloProductionOptions, productionErrorMasking } from './limits/production.js';
import { trustedDocumentsOnly, type TrustedDocuments } from './limits/trusted-documents.js';
import { createAuthFailureLimiter, createRateLimits, rateLimitMiddleware, type RateLimitStore } from './limits/rate-limit.js';
import { sandboxWithSubscriptions, subscriptionsOverHttpRefused } from './live/apollo-plugins.js';
import { createGatewayLive } from './live/gateway-live.js';
import type { LeaseStore, LiveBus, LiveMonitor } from './live/index.js';
import {
  createHealthChecks,
  createLogger,
  createMetrics,
  requestLoggingPlugin,
  type GatewayMetrics,
  type GatewayTracing,
  type HealthCheckResult,
} from './observability/index.js';
import type { SessionRegistry } from './registry/index.js';
import { resolvers } from './resolvers/index.js';
import { TransferLogCache } from './transfer/index.js';
import type { ServerDirectory } from './servers.js';
import type { WebhookService } from './webhooks/index.js';
import { type WebhookSettings } from './webhooks/index.js';
import { whmErrorExtensions } from './whm-access/index.js';
import { WhmError } from './whm/index.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_DIR = join(PROJECT_ROOT, 'schema');
export const EXAMPLE_OPERATIONS_FILE = join(PROJECT_ROOT, 'src', 'examples', 'workflow.graphql');
/**
 * The federation @link and @key directives: part of the subgraph schema only. In a folder of its own,
 * so whatever reads schema/*.graphql as plain GraphQL (codegen, tests) never meets them.
 */
export const FEDERATION_SCHEMA_FILE = join(SCHEMA_DIR, 'federation', 'keys.graphql');

/** The API's type definitions (without the federation keys): the standalone schema and the published contract. */
export function loadTypeDefs(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(SCHEMA_DIR, file), 'utf8'));
}

/**
 * The executable schema: type definitions, resolvers and the @requiresRole checks. With `federation`,
 * the same types and resolvers as an Apollo Federation 2 subgraph (`_service`, `_entities`, @key).
 */
export function buildGatewaySchema(options: { federation?: boolean } = {}) {
  if (options.federation) {
    const typeDefs = withFederationKeys(loadTypeDefs(), readFileSync(FEDERATION_SCHEMA_FILE, 'utf8'));
    return applyRoleDirective(buildSubgraph(typeDefs, resolvers));
  }
  return applyRoleDirective(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers }));
}

export interface GatewayOptions {
  servers: ServerDirectory;
  registry: SessionRegistry;
  host: string;
  port: number;
  batching: boolean;
  maxLogBytes: number;
  /** Log bytes one response may carry in all fields together (default 4 MiB). */
  maxResponseLogBytes?: number;
  /** Shown in Sandbox's operation editor on first visit. */
  exampleOperations?: string;
  /** Default: open (everyone is admin) — only ever allowed on loopback, which config enforces. */
  auth?: { mode: 'required' | 'open'; settings: AuthSettings };
  production?: boolean;
  corsOrigins?: readonly string[];
  introspection?: boolean;
  sandbox?: boolean;
  /** The local explorer (GraphiQL, no CDN) at /graphiql. Default: on wherever Sandbox is. */
  explorer?: boolean;
  /** The built live dashboard served at /dashboard (default: dist/dashboard, from npm run build:dashboard); false: none. */
  dashboardDir?: string | false;
  maxBodyBytes?: number;
  /**
   * Requests per minute, per caller and per client address; failed authentications per address.
   * Default 600, 1200, 30.
   */
  rateLimit?: { perIdentityPerMinute: number; perIpPerMinute: number; authFailuresPerIpPerMinute?: number };
  /** Readiness checks of further dependencies (Redis). */
  readinessChecks?: () => Promise<HealthCheckResult[]>;
  /** Where rate-limit counts live (default: this process's memory; Redis when several replicas share budgets). */
  rateLimitStore?: RateLimitStore;
  /** Deadline of one GraphQL request. Default 330 s (session creation may take WHM 300 s). */
  requestTimeoutMs?: number;
  /**
   * Logs, metrics and traces. The same metrics' whmObserver must be the one given to the
   * ServerDirectory, so WHM calls are counted. Default: a silent logger and fresh metrics.
   */
  observability?: { logger: Logger; metrics: GatewayMetrics; tracing: GatewayTracing | null };
  /** How long a readiness answer is reused (default 5 s), so probes do not load WHM. */
  readinessCacheMs?: number;
  /** Serve the schema as an Apollo Federation 2 subgraph (GATEWAY_FEDERATION=1). */
  federation?: boolean;
  /** Allow-list mode (GATEWAY_TRUSTED_DOCUMENTS): only these documents run, except for admins. */
  trustedDocuments?: TrustedDocuments | null;
  /** Live monitoring: between two polls of a running session (default 2000 ms; 5× that while it waits). */
  pollIntervalMs?: number;
  /** Longest delay between polls while WHM fails (default 60 000 ms). */
  pollMaxBackoffMs?: number;
  /** Subscriptions one caller may hold at once on this replica (default 20); past it, TOO_MANY_SUBSCRIPTIONS. */
  maxSubscriptionsPerCaller?: number;
  /** Fan-out and poll leases shared by replicas (Redis); the caller closes them. Default: in memory, one process. */
  live?: { bus: LiveBus; leases: LeaseStore; minLeaseTtlMs?: number };
  /** Webhook targets (GATEWAY_WEBHOOKS) and delivery timing; none: no session watcher, no deliveries. */
  webhooks?: WebhookSettings;
}

export interface RunningGateway {
  url: string;
  httpServer: http.Server;
  /** Subscriptions and their pollers on this replica. */
  live: LiveMonitor;
  /** Webhooks on this replica, when targets are configured. */
  webhooks: WebhookService | null;
  /** Stops accepting requests, lets in-flight ones (and their WHM calls) finish, then resolves. */
  close(): Promise<void>;
}

/** Adds the WHM facts (code, reason, whether WHM may have acted) to errors that came from WHM. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof WhmError) {
    return { ...formatted, message: original.message, extensions: whmErrorExtensions(original) };
  }
  return formatted;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const production = options.production ?? false;
  const auth = options.auth ?? { mode: 'open', settings: { apiKeys: [], jwt: null } };
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const observability = options.observability ?? {
    logger: createLogger({ level: 'silent' }),
    metrics: createMetrics({ countSessions: () => options.registry.count() }),
    tracing: null,
  };
  const { logger, metrics, tracing } = observability;
  // First: a weak JWT secret must stop the start before anything runs.
  const authenticator = createAuthenticator(auth.settings);
  // master.log parse states shared by every request: a monitoring read parses only what the log gained.
  const logCache = new TransferLogCache();
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
      requestDeadlinePlugin(timeoutMs),
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
  app.use(
    '/graphql',
    requestId,
    cors(options.corsOrigins ?? []),
    authenticate(auth.mode, authenticator, { ...authenticateOptions, allowLandingPage: true }),
    rateLimitMiddleware(limits, (request, response) => {
      const identity = response.locals.identity as Identity | undefined;
      const ip = clientAddress(request);
      // Callers without credentials share one identity: count them by address instead.
      const identityId = !identity || identity.kind === 'anonymous' ? `anonymous@${ip}` : `${identity.kind}:${identity.id}`;
      return { identityId, ip };
    }),
    // Before body parsing, so a slow upload spends the same budget.
    requestDeadline(timeoutMs),
    express.json({ limit: options.maxBodyBytes ?? 1024 * 1024 }),
    ...(options.trustedDocuments ? [trustedDocumentsOnly(options.trustedDocuments)] : []),
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<GatewayContext> => {
        const identity = res.locals.identity as Identity | undefined;
        if (!identity)
          throw new GraphQLError('Not authenticated.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        return createRequestContext({ ...contextServices, identity, requestId: String(res.locals.requestId) });
      },
    }),
  );
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
