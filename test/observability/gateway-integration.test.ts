// The observability modules wired as the lead will wire them (gateway schema and resolvers, real
// loaders and WHM client, the WHM simulator over loopback HTTP), to check what only the real
// pieces show: batch sizes and retries from the transport, whmRequestCount from the loaders, WHM
// codes from formatError, WHM spans under the right request, and no secret anywhere.
import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_ACCESS } from '../../src/auth/identity.js';
import type { WhmServerEntry } from '../../src/config.js';
import type { GatewayContext } from '../../src/context.js';
import { createRequestContext } from '../../src/context.js';
import { TransferLogCache } from '../../src/transfer/index.js';
import {
  combineWhmObservers,
  createLogger,
  createMetrics,
  requestLoggingPlugin,
  startTracing,
  whmLoggerFrom,
  type GatewayMetrics,
  type GatewayTracing,
} from '../../src/observability/index.js';
import type { SessionRegistry } from '../../src/registry/index.js';
import { buildGatewaySchema, formatError } from '../../src/server.js';
import { ServerDirectory } from '../../src/servers.js';
import type { RunningSimulator } from '../../src/simulator/index.js';
import { openTestRegistry } from '../helpers/registry.js';
import { SIMULATOR_ROOT_TOKEN, startTestSimulator } from '../helpers/whm.js';
import { SECRET_PASSWORD, captureLines, closeServer, listenOnLoopback, type CapturedLines } from './helpers.js';

describe('observability wired around the real gateway pieces', () => {
  let simulator: RunningSimulator;
  let registry: SessionRegistry;
  let servers: ServerDirectory;
  let apollo: ApolloServer<GatewayContext>;
  let metrics: GatewayMetrics;
  let tracing: GatewayTracing;
  let logs: CapturedLines;
  let collector: http.Server;
  const collected: string[] = [];

  beforeAll(async () => {
    collector = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        collected.push(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    const collectorUrl = await listenOnLoopback(collector);
    simulator = await startTestSimulator();
    registry = await openTestRegistry();
    logs = captureLines();
    const logger = createLogger({ destination: logs, level: 'debug' });
    metrics = createMetrics({ countSessions: () => registry.count() });
    tracing = startTracing({ endpoint: collectorUrl });
    const entry: WhmServerEntry = {
      name: 'sim',
      url: simulator.url,
      credentials: { kind: 'token', user: 'root', token: SIMULATOR_ROOT_TOKEN },
      isDefault: true,
      isSimulator: true,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
    };
    servers = new ServerDirectory([entry], whmLoggerFrom(logger), combineWhmObservers(metrics.whmObserver, tracing.whmObserver));
    // Typed as the gateway's server will hold them: the plugins are accepted for GatewayContext.
    const plugins: ApolloServerPlugin<GatewayContext>[] = [
      metrics.apolloPlugin,
      requestLoggingPlugin(logger),
      tracing.apolloPlugin,
    ];
    apollo = new ApolloServer<GatewayContext>({ schema: buildGatewaySchema(), formatError, plugins });
    await apollo.start();
  }, 60_000); // opening PGlite (WASM) alone can take over 10 s on a loaded machine

  afterAll(async () => {
    await apollo?.stop();
    await tracing?.shutdown();
    servers?.close();
    await registry?.close();
    await simulator?.close();
    if (collector) await closeServer(collector);
  });

  const execute = (requestId: string, query: string, variables?: Record<string, unknown>) =>
    apollo.executeOperation(
      { query, variables },
      {
        contextValue: createRequestContext({
          directory: servers,
          registry,
          identity: OPEN_ACCESS,
          requestId,
          batching: true,
          maxLogBytes: 1024 * 1024,
          maxResponseLogBytes: 4 * 1024 * 1024,
          logCache: new TransferLogCache(),
        }),
      },
    );

  it('measures, logs and traces batched reads, WHM failures and a mutation carrying a password', async () => {
    const names = ['alice', 'bob', 'carol', 'dave', 'erin'];
    const users = await execute(
      'it-batch',
      'query Users($names: [String!]!) { systemUsers(usernames: $names) { username exists } }',
      { names },
    );
    expect(users.body.kind === 'single' && users.body.singleResult.errors).toBeFalsy();

    const fault = await fetch(`${simulator.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ function: 'validate_system_user', fault: { kind: 'status', status: 503, times: 3 } }),
      signal: AbortSignal.timeout(5_000),
    });
    expect(fault.ok).toBe(true);
    const failing = await execute('it-unavailable', 'query Check { validateSystemUser(username: "zed") { exists } }');
    expect(failing.body.kind === 'single' && failing.body.singleResult.errors?.[0]?.extensions?.['code']).toBe('WHM_UNAVAILABLE');

    await execute(
      'it-create',
      'mutation Create($input: CreateRemoteRootTransferSessionInput!) { createRemoteRootTransferSession(input: $input) { session { id } userErrors { code } } }',
      { input: { host: 'source.example.net', credentials: { password: SECRET_PASSWORD } } },
    );

    // Metrics: the batch of five is one request; the 503s were three attempts; codes come from formatError.
    const exposition = await metrics.registry.metrics();
    expect(exposition).toContain('whm_batch_size_sum{server="sim"} 5');
    expect(exposition).toContain('whm_requests_total{server="sim",function="batch",outcome="ok"} 1');
    expect(exposition).toContain('whm_requests_total{server="sim",function="validate_system_user",outcome="transport_error"} 3');
    expect(exposition).toMatch(
      /whm_requests_total\{server="sim",function="create_remote_root_transfer_session",outcome="[a-z_]+"\} 1/,
    );
    expect(exposition).toContain('graphql_operation_errors_total{operation="Check",code="WHM_UNAVAILABLE"} 1');
    expect(exposition).toContain('graphql_operation_duration_seconds_count{operation="Users",type="query"} 1');
    expect(exposition).toMatch(/^registry_sessions \d+$/m);

    // Logs: one line per request with the loaders' WHM request count.
    const summaries = logs.records().filter((record) => record['msg'] === 'graphql request');
    expect(summaries).toMatchObject([
      { requestId: 'it-batch', operationName: 'Users', whmRequests: 1, errorCodes: [], identityId: 'anonymous', role: 'admin' },
      { requestId: 'it-unavailable', operationName: 'Check', errorCodes: ['WHM_UNAVAILABLE'] },
      // whmRequests is what the loaders counted; mutations call the WHM client directly, so it is not asserted here.
      { requestId: 'it-create', operationName: 'Create', operationType: 'mutation', whmRequests: expect.any(Number) },
    ]);
    // WHM failures are classified: no "unexpected error" lines.
    expect(logs.records().some((record) => record['level'] === 'error')).toBe(false);

    await tracing.shutdown();
    type Span = { name: string; traceId: string; spanId: string; parentSpanId?: string };
    const spans = collected.flatMap((body) =>
      (JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: Span[] }[] }[] }).resourceSpans.flatMap((resource) =>
        resource.scopeSpans.flatMap((scope) => scope.spans),
      ),
    );
    expect(spans.map((span) => span.name)).toEqual(
      expect.arrayContaining([
        'graphql.Users',
        'graphql.Check',
        'graphql.Create',
        'whm.batch',
        'whm.validate_system_user',
        'whm.create_remote_root_transfer_session',
      ]),
    );
    // Through the real batcher (setImmediate) and transport, WHM spans land under their request's execution.
    const executeSpanOf = (requestName: string) => {
      const request = spans.find((span) => span.name === requestName);
      return spans.find(
        (span) => span.name === 'graphql.execute' && span.traceId === request?.traceId && span.parentSpanId === request?.spanId,
      );
    };
    const usersExecute = executeSpanOf('graphql.Users');
    expect(spans.filter((span) => span.name === 'whm.batch').map((span) => span.parentSpanId)).toEqual([usersExecute?.spanId]);
    const checkExecute = executeSpanOf('graphql.Check');
    const attempts = spans.filter((span) => span.name === 'whm.validate_system_user');
    expect(attempts).toHaveLength(3);
    expect(attempts.every((span) => span.parentSpanId === checkExecute?.spanId)).toBe(true);
    const createExecute = executeSpanOf('graphql.Create');
    expect(spans.find((span) => span.name === 'whm.create_remote_root_transfer_session')?.parentSpanId).toBe(
      createExecute?.spanId,
    );

    for (const output of [exposition, logs.text(), collected.join('\n')]) {
      expect(output).not.toContain(SECRET_PASSWORD);
      expect(output).not.toContain(SIMULATOR_ROOT_TOKEN);
    }
  });
});
