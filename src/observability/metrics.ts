// Prometheus metrics on a registry of their own (not prom-client's global one, so several gateways
// in one process, as in tests, never collide). Labels are bounded: WHM server names come from the
// configuration, WHM functions from the catalogue, operation names are sanitised, truncated and
// capped in number, and nothing ever carries variables or parameters.
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { WhmObserver, WhmRequestReport } from '../whm/transport.js';
import { operationNameOf, operationTypeOf, responseErrorCodes, truncateLabel, type ObservedContext } from './graphql-request.js';

export type BreakerState = 'closed' | 'half-open' | 'open';

const BREAKER_STATE_VALUES: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Distinct operation names kept as labels; later new names share OTHER_OPERATIONS. */
export const MAX_OPERATION_LABELS = 200;
export const OTHER_OPERATIONS = 'other';
/** A scrape waits at most this long for countSessions before reporting registry_sessions as NaN. */
export const COUNT_SESSIONS_TIMEOUT_MS = 2_000;

// GraphQL requests: a few ms for cached reads, up to minutes for session creation (WHM's 300 s).
const GRAPHQL_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const WHM_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
// Batches are split at WHM_MAX_BATCH_SIZE (default 200).
const BATCH_SIZE_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500];

export interface MetricsOptions {
  /** Transfer sessions the registry remembers; asked on every scrape (registry.count()). */
  countSessions?: () => Promise<number>;
}

export interface GatewayMetrics {
  registry: Registry;
  /** Pass to new ServerDirectory(entries, logger, observer). */
  whmObserver: WhmObserver;
  apolloPlugin: ApolloServerPlugin<ObservedContext>;
  /** Called by the circuit breaker on every state change. */
  setBreakerState(server: string, state: BreakerState): void;
  /** The last state set for server (undefined: never set), for readiness. */
  breakerState(server: string): BreakerState | undefined;
  /** Serves the text exposition (mount as GET /metrics). */
  handler: RequestHandler;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createMetrics(options: MetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const operationDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL requests from start to response, by operation name and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: GRAPHQL_DURATION_BUCKETS,
    registers,
  });
  const operationErrors = new Counter({
    name: 'graphql_operation_errors_total',
    help: 'Errors in GraphQL responses, by operation name and extensions.code.',
    labelNames: ['operation', 'code'] as const,
    registers,
  });
  const whmRequests = new Counter({
    name: 'whm_requests_total',
    help: 'HTTP requests to WHM (each attempt of a retried call counts), by server, function and outcome.',
    labelNames: ['server', 'function', 'outcome'] as const,
    registers,
  });
  const whmDuration = new Histogram({
    name: 'whm_request_duration_seconds',
    help: 'Duration of HTTP requests to WHM, by server, function and outcome.',
    labelNames: ['server', 'function', 'outcome'] as const,
    buckets: WHM_DURATION_BUCKETS,
    registers,
  });
  const whmBatchSize = new Histogram({
    name: 'whm_batch_size',
    help: 'Calls carried by each WHM batch request.',
    labelNames: ['server'] as const,
    buckets: BATCH_SIZE_BUCKETS,
    registers,
  });
  const breakerGauge = new Gauge({
    name: 'whm_circuit_breaker_state',
    help: 'Circuit breaker state per WHM server: 0 closed, 1 half-open, 2 open.',
    labelNames: ['server'] as const,
    registers,
  });
  const countSessions = options.countSessions;
  new Gauge({
    name: 'registry_sessions',
    help: 'Transfer sessions the session registry remembers.',
    registers,
    async collect() {
      if (!countSessions) return;
      try {
        this.set(await withTimeout(countSessions(), COUNT_SESSIONS_TIMEOUT_MS));
      } catch {
        // Neither a stale figure nor a false 0 (what reset() gives a label-less gauge), and no failed
        // scrape: NaN says "unknown", and `registry_sessions != registry_sessions` can alert on it.
        this.set(Number.NaN);
      }
    },
  });

  const knownOperations = new Set<string>();
  const operationLabel = (name: string): string => {
    if (knownOperations.has(name)) return name;
    if (knownOperations.size >= MAX_OPERATION_LABELS) return OTHER_OPERATIONS;
    knownOperations.add(name);
    return name;
  };

  const breakerStates = new Map<string, BreakerState>();
  const setBreakerState = (server: string, state: BreakerState): void => {
    breakerStates.set(server, state);
    breakerGauge.set({ server: truncateLabel(server) }, BREAKER_STATE_VALUES[state]);
  };

  const whmObserver: WhmObserver = {
    onBreakerStateChange: setBreakerState,
    onRequest(report: WhmRequestReport): void {
      const labels = {
        server: truncateLabel(report.server),
        function: truncateLabel(report.command),
        outcome: report.outcome,
      };
      whmRequests.inc(labels);
      whmDuration.observe(labels, report.durationMs / 1000);
      if (report.command === 'batch') whmBatchSize.observe({ server: labels.server }, report.calls);
    },
  };

  const apolloPlugin: ApolloServerPlugin<ObservedContext> = {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(requestContext) {
          const operation = operationLabel(operationNameOf(requestContext));
          operationDuration.observe({ operation, type: operationTypeOf(requestContext) }, (performance.now() - started) / 1000);
          for (const code of responseErrorCodes(requestContext)) operationErrors.inc({ operation, code });
        },
      };
    },
  };

  const handler: RequestHandler = async (_request, response) => {
    try {
      const exposition = await registry.metrics();
      response.set('Content-Type', registry.contentType).send(exposition);
    } catch {
      response.status(500).type('text/plain').send('metrics collection failed\n');
    }
  };

  return {
    registry,
    whmObserver,
    apolloPlugin,
    setBreakerState,
    breakerState: (server) => breakerStates.get(server),
    handler,
  };
}
