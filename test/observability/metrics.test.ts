import http from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { COUNT_SESSIONS_TIMEOUT_MS, MAX_OPERATION_LABELS, createMetrics } from '../../src/observability/index.js';
import { SECRET_PASSWORD, closeServer, listenOnLoopback, testApolloServer, testContext } from './helpers.js';

/** The sample line for a metric and its labels, exactly as exposed (labels in declaration order). */
function sample(exposition: string, metric: string, labels: string): number | undefined {
  const line = exposition.split('\n').find((candidate) => candidate.startsWith(`${metric}{${labels}} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(closeServer));
});

describe('createMetrics: WHM observer', () => {
  it('counts requests and records durations and batch sizes by server, function and outcome', async () => {
    const metrics = createMetrics();
    metrics.whmObserver.onRequest({ server: 'east', command: 'batch', calls: 150, outcome: 'ok', durationMs: 40, attempt: 1 });
    metrics.whmObserver.onRequest({ server: 'east', command: 'batch', calls: 3, outcome: 'ok', durationMs: 8, attempt: 1 });
    metrics.whmObserver.onRequest({
      server: 'east',
      command: 'validate_system_user',
      calls: 1,
      outcome: 'transport_error',
      durationMs: 3,
      attempt: 1,
    });
    metrics.whmObserver.onRequest({
      server: 'east',
      command: 'validate_system_user',
      calls: 1,
      outcome: 'ok',
      durationMs: 2500,
      attempt: 2,
    });
    metrics.whmObserver.onRequest({
      server: 'west',
      command: 'start_transfer_session',
      calls: 1,
      outcome: 'timeout',
      durationMs: 30_000,
      attempt: 1,
    });

    const text = await metrics.registry.metrics();
    expect(sample(text, 'whm_requests_total', 'server="east",function="batch",outcome="ok"')).toBe(2);
    expect(sample(text, 'whm_requests_total', 'server="east",function="validate_system_user",outcome="transport_error"')).toBe(1);
    expect(sample(text, 'whm_requests_total', 'server="east",function="validate_system_user",outcome="ok"')).toBe(1);
    expect(sample(text, 'whm_requests_total', 'server="west",function="start_transfer_session",outcome="timeout"')).toBe(1);
    expect(sample(text, 'whm_request_duration_seconds_count', 'server="east",function="batch",outcome="ok"')).toBe(2);
    expect(sample(text, 'whm_request_duration_seconds_sum', 'server="east",function="batch",outcome="ok"')).toBeCloseTo(0.048, 6);
    expect(
      sample(text, 'whm_request_duration_seconds_bucket', 'le="2.5",server="east",function="validate_system_user",outcome="ok"'),
    ).toBe(1);
    expect(
      sample(text, 'whm_request_duration_seconds_bucket', 'le="1",server="east",function="validate_system_user",outcome="ok"'),
    ).toBe(0);
    // Only batch requests have a batch size.
    expect(sample(text, 'whm_batch_size_count', 'server="east"')).toBe(2);
    expect(sample(text, 'whm_batch_size_sum', 'server="east"')).toBe(153);
    expect(sample(text, 'whm_batch_size_bucket', 'le="5",server="east"')).toBe(1);
    expect(sample(text, 'whm_batch_size_bucket', 'le="200",server="east"')).toBe(2);
    expect(text).not.toContain('whm_batch_size_count{server="west"}');
    // Default process metrics are on the same registry.
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('keeps each gateway’s metrics on its own registry', async () => {
    const first = createMetrics();
    const second = createMetrics();
    first.whmObserver.onRequest({ server: 'east', command: 'batch', calls: 2, outcome: 'ok', durationMs: 1, attempt: 1 });
    expect(await second.registry.metrics()).not.toContain('whm_requests_total{');
  });
});

describe('createMetrics: breaker state and registry sessions', () => {
  it('exposes breaker states as 0 closed, 1 half-open, 2 open, and remembers them', async () => {
    const metrics = createMetrics();
    metrics.setBreakerState('east', 'closed');
    metrics.setBreakerState('west', 'open');
    metrics.setBreakerState('north', 'open');
    metrics.setBreakerState('north', 'half-open');
    const text = await metrics.registry.metrics();
    expect(sample(text, 'whm_circuit_breaker_state', 'server="east"')).toBe(0);
    expect(sample(text, 'whm_circuit_breaker_state', 'server="west"')).toBe(2);
    expect(sample(text, 'whm_circuit_breaker_state', 'server="north"')).toBe(1);
    expect(metrics.breakerState('north')).toBe('half-open');
    expect(metrics.breakerState('nowhere')).toBeUndefined();
  });

  it('asks countSessions on each scrape, and says NaN (unknown) when it fails or hangs', async () => {
    let sessions = 7;
    let behaviour: 'answer' | 'fail' | 'hang' = 'answer';
    const metrics = createMetrics({
      countSessions: () => {
        if (behaviour === 'fail') return Promise.reject(new Error('registry closed'));
        if (behaviour === 'hang') return new Promise<number>(() => {});
        return Promise.resolve(sessions);
      },
    });
    const lines = async () => (await metrics.registry.metrics()).split('\n');
    // prom-client writes NaN as "Nan"; Prometheus parses it case-insensitively.
    const unknown = (all: string[]) => all.some((line) => /^registry_sessions nan$/i.test(line));
    expect(await lines()).toContain('registry_sessions 7');
    sessions = 9;
    expect(await lines()).toContain('registry_sessions 9');
    behaviour = 'fail';
    expect(unknown(await lines())).toBe(true);
    behaviour = 'hang';
    const started = Date.now();
    expect(unknown(await lines())).toBe(true);
    expect(Date.now() - started).toBeLessThan(COUNT_SESSIONS_TIMEOUT_MS + 1_000);
  });

  it('has no registry_sessions value without countSessions', async () => {
    const text = await createMetrics().registry.metrics();
    expect(text).toContain('# TYPE registry_sessions gauge');
  });
});

describe('createMetrics: Apollo plugin', () => {
  it('records duration by operation and type, and errors by operation and code', async () => {
    const metrics = createMetrics();
    const apollo = testApolloServer([metrics.apolloPlugin]);
    await apollo.start();
    try {
      const run = (query: string, variables?: Record<string, unknown>) =>
        apollo.executeOperation({ query, variables }, { contextValue: testContext() });
      await run('query Greeting { hello }');
      await run('query Greeting { hello }');
      await run('{ hello }');
      await run('query Broken { boom whmTimeout hello }');
      await run('mutation SignIn($input: LoginInput!) { login(input: $input) }', {
        input: { host: 'source.example.net', credentials: { password: SECRET_PASSWORD } },
      });
      await run('query Typo { nope }');
      await run('query Bad { hello ');
    } finally {
      await apollo.stop();
    }

    const text = await metrics.registry.metrics();
    expect(sample(text, 'graphql_operation_duration_seconds_count', 'operation="Greeting",type="query"')).toBe(2);
    expect(sample(text, 'graphql_operation_duration_seconds_count', 'operation="anonymous",type="query"')).toBe(1);
    expect(sample(text, 'graphql_operation_duration_seconds_count', 'operation="Broken",type="query"')).toBe(1);
    expect(sample(text, 'graphql_operation_duration_seconds_count', 'operation="SignIn",type="mutation"')).toBe(1);
    // Validation and syntax failures never resolve to an operation.
    expect(sample(text, 'graphql_operation_duration_seconds_count', 'operation="anonymous",type="unknown"')).toBe(2);
    expect(sample(text, 'graphql_operation_errors_total', 'operation="Broken",code="INTERNAL_SERVER_ERROR"')).toBe(1);
    expect(sample(text, 'graphql_operation_errors_total', 'operation="Broken",code="WHM_TIMEOUT"')).toBe(1);
    expect(sample(text, 'graphql_operation_errors_total', 'operation="anonymous",code="GRAPHQL_VALIDATION_FAILED"')).toBe(1);
    expect(sample(text, 'graphql_operation_errors_total', 'operation="anonymous",code="GRAPHQL_PARSE_FAILED"')).toBe(1);
    expect(text).not.toContain('operation="Greeting",code=');
    expect(text).not.toContain(SECRET_PASSWORD);
  });

  it('bounds operation labels: truncated to 64 characters, at most MAX_OPERATION_LABELS names', async () => {
    const metrics = createMetrics();
    const apollo = testApolloServer([metrics.apolloPlugin]);
    await apollo.start();
    try {
      const longName = `Q${'x'.repeat(200)}`;
      await apollo.executeOperation({ query: `query ${longName} { hello }` }, { contextValue: testContext() });
      for (let index = 0; index < MAX_OPERATION_LABELS + 5; index += 1) {
        await apollo.executeOperation({ query: `query Op${index} { hello }` }, { contextValue: testContext() });
      }
    } finally {
      await apollo.stop();
    }
    const text = await metrics.registry.metrics();
    expect(sample(text, 'graphql_operation_duration_seconds_count', `operation="Q${'x'.repeat(63)}",type="query"`)).toBe(1);
    const names = new Set(
      text
        .split('\n')
        .filter((line) => line.startsWith('graphql_operation_duration_seconds_count{'))
        .map((line) => /operation="([^"]*)"/.exec(line)?.[1]),
    );
    expect(names.size).toBe(MAX_OPERATION_LABELS + 1);
    expect(sample(text, 'graphql_operation_duration_seconds_count', 'operation="other",type="query"')).toBe(6);
  });
});

describe('createMetrics: handler', () => {
  it('serves the text exposition over HTTP', async () => {
    const metrics = createMetrics({ countSessions: async () => 3 });
    metrics.whmObserver.onRequest({ server: 'east', command: 'batch', calls: 4, outcome: 'ok', durationMs: 5, attempt: 1 });
    const app = express();
    app.get('/metrics', metrics.handler);
    const server = http.createServer(app);
    servers.push(server);
    const base = await listenOnLoopback(server);
    const response = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(5_000) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const body = await response.text();
    expect(body).toContain('whm_requests_total{server="east",function="batch",outcome="ok"} 1');
    expect(body).toContain('registry_sessions 3');
    expect(body).toContain('# TYPE graphql_operation_duration_seconds histogram');
  });
});
