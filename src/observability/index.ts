// Logs, metrics, traces and health endpoints for the gateway. See each module for the why.
export {
  createLogger,
  whmLoggerFrom,
  scrubSecrets,
  isSecretKey,
  REDACTED,
  REDACT_PATHS,
  MAX_SCRUB_DEPTH,
  type LoggerOptions,
} from './logger.js';
export {
  createMetrics,
  MAX_OPERATION_LABELS,
  OTHER_OPERATIONS,
  COUNT_SESSIONS_TIMEOUT_MS,
  type BreakerState,
  type GatewayMetrics,
  type MetricsOptions,
} from './metrics.js';
export { requestLoggingPlugin, type GraphQLRequestLogFields } from './request-logging.js';
export {
  startTracing,
  tracesUrl,
  DEFAULT_SERVICE_NAME,
  OTLP_EXPORT_TIMEOUT_MS,
  type GatewayTracing,
  type TracingOptions,
} from './tracing.js';
export {
  createHealthChecks,
  safeDetail,
  DEFAULT_CHECK_TIMEOUT_MS,
  DEFAULT_READINESS_CACHE_MS,
  type HealthCheckOptions,
  type HealthCheckResult,
  type HealthChecks,
  type ReadinessReport,
} from './health.js';
export { combineWhmObservers } from './whm-observers.js';
export { ANONYMOUS_OPERATION, MAX_LABEL_LENGTH, sanitizeLabel, type ObservedContext } from './graphql-request.js';
