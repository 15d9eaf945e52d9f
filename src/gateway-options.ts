// What startGateway takes and gives back.
import type http from 'node:http';
import type { Logger } from 'pino';
import type { AuthSettings } from './auth/authenticate.js';
import type { TrustedDocuments } from './limits/trusted-documents.js';
import type { RateLimitStore } from './limits/rate-limit.js';
import type { LeaseStore, LiveBus, LiveMonitor } from './live/index.js';
import type { GatewayMetrics, GatewayTracing, HealthCheckResult } from './observability/index.js';
import type { SessionRegistry } from './registry/index.js';
import type { ServerDirectory } from './servers.js';
import type { WebhookService, WebhookSettings } from './webhooks/index.js';

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
