// OpenTelemetry traces over OTLP/HTTP: one span per GraphQL request with parse, validate and execute
// children, and one span per WHM HTTP request. Started only when an OTLP endpoint is configured.
// Spans carry names, types, ids, counts and error codes: never variables, the document (literals may
// be passwords), error messages (coercion errors quote input values) or WHM parameters.
//
// The provider is not registered globally: the gateway owns its tracer, and a second provider in the
// same process (tests) cannot clobber it. Parents are therefore passed explicitly.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import { SpanKind, SpanStatusCode, context, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { WhmObserver, WhmRequestReport } from '../whm/transport.js';
import {
  operationNameOf,
  operationTypeOf,
  responseErrorCodes,
  unexpectedErrors,
  type ObservedContext,
} from './graphql-request.js';

export const DEFAULT_SERVICE_NAME = 'whm-graphql-gateway';
const TRACER_NAME = 'whm-graphql-gateway';
/** Bounds how long an export (and so shutdown) may wait for a slow or absent collector. */
export const OTLP_EXPORT_TIMEOUT_MS = 5_000;

export interface TracingOptions {
  /** OTLP/HTTP base URL, e.g. http://127.0.0.1:4318 (spans go to <endpoint>/v1/traces). */
  endpoint: string;
  serviceName?: string;
}

export interface GatewayTracing {
  tracer: Tracer;
  apolloPlugin: ApolloServerPlugin<ObservedContext>;
  /** Pass to new ServerDirectory(entries, logger, observer) (beside the metrics observer: see combineWhmObservers). */
  whmObserver: WhmObserver;
  /** Exports the spans still queued (within OTLP_EXPORT_TIMEOUT_MS), then stops; never rejects. */
  shutdown(): Promise<void>;
}

/** The GraphQL request a piece of async work belongs to, so WHM spans find their parent. */
interface RequestTrace {
  requestSpan: Span;
  executionSpan: Span | undefined;
  finished: boolean;
}

/** `<endpoint>/v1/traces`; rejects anything but an http(s) URL, without echoing it (it may hold a token). */
export function tracesUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error('OTLP endpoint is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('OTLP endpoint must be an http(s) URL');
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

export function startTracing(options: TracingOptions): GatewayTracing {
  const exporter = new OTLPTraceExporter({ url: tracesUrl(options.endpoint), timeoutMillis: OTLP_EXPORT_TIMEOUT_MS });
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': options.serviceName ?? DEFAULT_SERVICE_NAME })),
    spanProcessors: [new BatchSpanProcessor(exporter, { exportTimeoutMillis: OTLP_EXPORT_TIMEOUT_MS })],
  });
  const tracer = provider.getTracer(TRACER_NAME);
  // Apollo's hooks cannot wrap execution in context.with(), so the request is bound to the rest of its
  // async chain with enterWith() in requestDidStart: resolvers, DataLoader dispatch, the batcher's
  // setImmediate and the WHM transport all run inside that chain, and the observer reads it back.
  // The store only reaches work that this request started; a report arriving after the request
  // ended (`finished`) becomes a root span rather than a child of a closed request.
  const currentRequest = new AsyncLocalStorage<RequestTrace>();
  // For the one hook that gets no listener of its own (an error inside Apollo's pipeline).
  const traceOfRequest = new WeakMap<object, RequestTrace>();

  const childOf = (parent: Span): Context => trace.setSpan(context.active(), parent);

  const apolloPlugin: ApolloServerPlugin<ObservedContext> = {
    async requestDidStart(requestContext) {
      const requestSpan = tracer.startSpan(
        'graphql.anonymous',
        {
          kind: SpanKind.SERVER,
          attributes: {
            'gateway.request_id': requestContext.contextValue.requestId,
            'enduser.id': requestContext.contextValue.identity.id,
            'enduser.role': requestContext.contextValue.identity.role,
          },
        },
        context.active(),
      );
      const requestTrace: RequestTrace = { requestSpan, executionSpan: undefined, finished: false };
      currentRequest.enterWith(requestTrace);
      traceOfRequest.set(requestContext, requestTrace);
      const parent = childOf(requestSpan);
      return {
        async parsingDidStart() {
          const span = tracer.startSpan('graphql.parse', {}, parent);
          return async (error?: Error) => {
            if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: 'syntax error' });
            span.end();
          };
        },
        async validationDidStart() {
          const span = tracer.startSpan('graphql.validate', {}, parent);
          return async (errors?: readonly Error[]) => {
            if (errors && errors.length > 0) {
              span.setAttribute('graphql.validation.error_count', errors.length);
              span.setStatus({ code: SpanStatusCode.ERROR, message: 'validation failed' });
            }
            span.end();
          };
        },
        async didResolveOperation(resolved) {
          const name = operationNameOf(resolved);
          requestSpan.updateName(`graphql.${name}`);
          requestSpan.setAttributes({ 'graphql.operation.name': name, 'graphql.operation.type': operationTypeOf(resolved) });
        },
        async executionDidStart() {
          const span = tracer.startSpan('graphql.execute', {}, parent);
          requestTrace.executionSpan = span;
          return {
            async executionDidEnd(error?: Error) {
              if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: 'execution failed' });
              span.end();
            },
          };
        },
        async willSendResponse(finished) {
          const contextValue = finished.contextValue;
          const errorCodes = responseErrorCodes(finished);
          requestSpan.setAttributes({
            'graphql.operation.type': operationTypeOf(finished),
            'gateway.whm_requests': contextValue.whm.requestCount,
          });
          if (errorCodes.length > 0) {
            requestSpan.setAttribute('graphql.error_codes', errorCodes);
            // Codes only: messages can quote the input values that failed coercion.
            requestSpan.setStatus({ code: SpanStatusCode.ERROR, message: [...new Set(errorCodes)].join(',') });
            if (unexpectedErrors(finished).length > 0) requestSpan.setAttribute('graphql.unexpected_error', true);
          }
          requestTrace.finished = true;
          requestSpan.end();
        },
      };
    },
    async unexpectedErrorProcessingRequest({ requestContext }) {
      const requestTrace = traceOfRequest.get(requestContext);
      if (!requestTrace || requestTrace.finished) return;
      requestTrace.finished = true;
      requestTrace.requestSpan.setStatus({ code: SpanStatusCode.ERROR, message: 'unexpected error processing request' });
      requestTrace.requestSpan.end();
    },
  };

  const whmObserver: WhmObserver = {
    onRequest(report: WhmRequestReport): void {
      const requestTrace = currentRequest.getStore();
      const parentSpan =
        requestTrace && !requestTrace.finished ? (requestTrace.executionSpan ?? requestTrace.requestSpan) : undefined;
      const endTime = Date.now();
      const span = tracer.startSpan(
        `whm.${report.command}`,
        {
          kind: SpanKind.CLIENT,
          startTime: endTime - report.durationMs,
          attributes: {
            'whm.server': report.server,
            'whm.function': report.command,
            'whm.calls': report.calls,
            'whm.outcome': report.outcome,
            'whm.attempt': report.attempt,
          },
        },
        parentSpan ? childOf(parentSpan) : context.active(),
      );
      if (report.outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: report.outcome });
      span.end(endTime);
    },
  };

  return {
    tracer,
    apolloPlugin,
    whmObserver,
    // Losing the last spans must not derail the process's own shutdown, so a failed final export is dropped.
    shutdown: () => provider.shutdown().catch(() => undefined),
  };
}
