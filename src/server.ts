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
import { edgeErrorHandler, notFound } from './http/errors.js';
import { authenticate, clientAddress, cors, loopbackHostOnly, requestId } from './http/middleware.js';
import { idempotencyPlugin } from './durability/idempotency.js';
import { ARMOR_LIMITS, createArmor } from './limits/armor.js';
import { DEFAULT_MAX_RESPONSE_LOG_BYTES, logBudgetPlugin, logFieldLimitRule } from './limits/log-budget.js';
import { requestDeadline, requestDeadlinePlugin } from './limits/deadline.js';
import { apolloProductionOptions, productionErrorMasking } from './limits/production.js';
import { createAuthFailureLimiter, createRateLimits, rateLimitMiddleware, type RateLimitStore } from './limits/rate-limit.js';
import { sandboxWithSubscriptions, subscriptionsOverHttpRefused } from './live/apollo-plugins.js';
import { LiveMonitor, MemoryLeaseStore, MemoryLiveBus, type LeaseStore, type LiveBus } from './live/index.js';
import { startSubscriptionServer, type SubscriptionServer } from './live/websocket.js';
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
import { WebhookService, type WebhookSettings } from './webhooks/index.js';
import { whmErrorExtensions } from './whm-access/index.js';
import { WhmError } from './whm/index.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_DIR = join(PROJECT_ROOT, 'schema');
export const EXAMPLE_OPERATIONS_FILE = join(PROJECT_ROOT, 'src', 'examples', 'workflow.graphql');

export function loadTypeDefs(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(SCHEMA_DIR, file), 'utf8'));
}

/** The executable schema: type definitions, resolvers and the @requiresRole checks. */
export function buildGatewaySchema() {
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
  const landingPage: ApolloServerPlugin = exposure.landingPageEnabled
    ? sandboxWithSubscriptions(
        ApolloServerPluginLandingPageLocalDefault({
          embed: true,
          footer: false,
          document: options.exampleOperations ?? readFileSync(EXAMPLE_OPERATIONS_FILE, 'utf8'),
        }),
      )
    : ApolloServerPluginLandingPageDisabled();
  const schema = buildGatewaySchema();
  const engines = options.live ?? { bus: new MemoryLiveBus(), leases: new MemoryLeaseStore() };
  const pollerAccess = () => options.servers.whm.forRequest(options.servers, options.batching);
  const webhooks = options.webhooks?.targets.length ? new WebhookService(options.webhooks, options.registry, logger) : null;
  const live = new LiveMonitor({
    // With webhooks, what a poller publishes is first written to the outbox (src/webhooks/bus.ts).
    bus: webhooks ? webhooks.wrapBus(engines.bus) : engines.bus,
    leases: engines.leases,
    pollerAccess,
    timing: {
      intervalMs: options.pollIntervalMs ?? 2_000,
      idleFactor: 5,
      maxBackoffMs: options.pollMaxBackoffMs ?? 60_000,
      minLeaseTtlMs: options.live?.minLeaseTtlMs ?? 5_000,
    },
    onStateSeen: (key, state) => void options.registry.recordState(key.server, key.id, state).catch(() => undefined),
    logger,
    logs: logCache,
  });
  let subscriptions: SubscriptionServer | null = null;
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
      requestDeadlinePlugin(timeoutMs),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        // Subscriptions end with `complete` (not a dropped socket), then their sockets close.
        serverWillStart: async () => ({
          drainServer: async () => {
            await webhooks?.close();
            await live.close();
            await subscriptions?.close();
            if (!options.live) await Promise.all([engines.bus.close(), engines.leases.close()]);
          },
        }),
      },
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
  const authFailures = createAuthFailureLimiter({ points: rates.authFailuresPerIpPerMinute ?? 30, durationSeconds: 60 }, options.rateLimitStore);
  const authenticateOptions = { failures: authFailures, logger };
  const contextServices = {
    directory: options.servers,
    registry: options.registry,
    batching: options.batching,
    maxLogBytes: options.maxLogBytes,
    maxResponseLogBytes: options.maxResponseLogBytes ?? DEFAULT_MAX_RESPONSE_LOG_BYTES,
    logCache,
    live,
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
  app.get('/', (_request, response) => response.redirect('/graphql'));
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
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<GatewayContext> => {
        const identity = res.locals.identity as Identity | undefined;
        if (!identity) throw new GraphQLError('Not authenticated.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        return createRequestContext({ ...contextServices, identity, requestId: String(res.locals.requestId) });
      },
    }),
  );
  app.use(notFound);
  app.use(edgeErrorHandler(logger));
  subscriptions = startSubscriptionServer({
    httpServer,
    path: '/graphql',
    schema,
    validationRules,
    maxTokens: ARMOR_LIMITS.maxTokens,
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
  webhooks?.start({ live, access: pollerAccess, servers: () => options.servers.list().map((entry) => entry.name) });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/graphql`,
    httpServer,
    live,
    webhooks,
    close: () => apollo.stop(),
  };
}
