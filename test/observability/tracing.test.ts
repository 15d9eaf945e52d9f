import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OTLP_EXPORT_TIMEOUT_MS, startTracing, tracesUrl } from '../../src/observability/index.js';
import { SECRET_PASSWORD, closeServer, listenOnLoopback, testApolloServer, testContext, type TestContext } from './helpers.js';

interface OtlpAttribute {
  key: string;
  value: {
    stringValue?: string;
    intValue?: number | string;
    boolValue?: boolean;
    arrayValue?: { values: { stringValue?: string }[] };
  };
}
interface OtlpSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  kind: number;
  attributes?: OtlpAttribute[];
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  status?: { code?: number; message?: string };
}
interface OtlpExport {
  resourceSpans?: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

/** A loopback stand-in for an OTLP/HTTP collector: keeps every body POSTed to /v1/traces. */
class FakeCollector {
  readonly bodies: string[] = [];
  readonly paths: string[] = [];
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      this.paths.push(`${request.method ?? ''} ${request.url ?? ''}`);
      this.bodies.push((request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  url = '';

  async start(): Promise<void> {
    this.url = await listenOnLoopback(this.server);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  spans(): OtlpSpan[] {
    return this.bodies.flatMap((body) =>
      ((JSON.parse(body) as OtlpExport).resourceSpans ?? []).flatMap((resource) =>
        (resource.scopeSpans ?? []).flatMap((scope) => scope.spans ?? []),
      ),
    );
  }

  serviceNames(): string[] {
    return this.bodies.flatMap((body) =>
      ((JSON.parse(body) as OtlpExport).resourceSpans ?? []).flatMap(
        (resource) =>
          resource.resource?.attributes?.filter((a) => a.key === 'service.name').map((a) => a.value.stringValue ?? '') ?? [],
      ),
    );
  }
}

function attribute(span: OtlpSpan | undefined, key: string): string | number | boolean | string[] | undefined {
  const value = span?.attributes?.find((candidate) => candidate.key === key)?.value;
  if (!value) return undefined;
  if (value.arrayValue) return value.arrayValue.values.map((item) => item.stringValue ?? '');
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue;
}

function only(spans: OtlpSpan[], predicate: (span: OtlpSpan) => boolean, what: string): OtlpSpan {
  const matching = spans.filter(predicate);
  if (matching.length !== 1)
    throw new Error(`expected one ${what}, found ${matching.length}: ${spans.map((s) => s.name).join(', ')}`);
  return matching[0] as OtlpSpan;
}

let collector: FakeCollector;
beforeEach(async () => {
  collector = new FakeCollector();
  await collector.start();
});
afterEach(async () => {
  await collector.close();
});

describe('startTracing', () => {
  it('exports request, phase and WHM spans to <endpoint>/v1/traces, and never a variable or literal', async () => {
    const tracing = startTracing({ endpoint: `${collector.url}/`, serviceName: 'gateway-under-test' });
    const apollo = testApolloServer([tracing.apolloPlugin]);
    await apollo.start();
    try {
      const context = (requestId: string): TestContext =>
        testContext({ requestId, whmObserver: tracing.whmObserver, identity: { id: 'ops-key', role: 'operator' } });
      await apollo.executeOperation({ query: 'query Batched { fromWhm hello }' }, { contextValue: context('req-batched') });
      await apollo.executeOperation(
        {
          query: 'mutation SignIn($input: LoginInput!) { login(input: $input) }',
          variables: { input: { host: 'source.example.net', credentials: { password: SECRET_PASSWORD } } },
        },
        { contextValue: context('req-signin') },
      );
      await apollo.executeOperation(
        { query: `mutation { login(input: { host: "h", credentials: { password: "LITERAL-${SECRET_PASSWORD}" } }) }` },
        { contextValue: context('req-literal') },
      );
      // Coercion errors quote the bad value: the span must not carry the message.
      await apollo.executeOperation(
        {
          query: 'mutation SignIn($input: LoginInput!) { login(input: $input) }',
          variables: { input: { host: `BAD-${SECRET_PASSWORD}` } },
        },
        { contextValue: context('req-bad-variables') },
      );
      await apollo.executeOperation({ query: 'query Broken { boom whmTimeout }' }, { contextValue: context('req-broken') });
    } finally {
      await apollo.stop();
      await tracing.shutdown();
    }

    expect(collector.paths.every((path) => path === 'POST /v1/traces')).toBe(true);
    expect(collector.serviceNames()).toContain('gateway-under-test');
    const everything = collector.bodies.join('\n');
    expect(everything).not.toContain(SECRET_PASSWORD);
    expect(everything).not.toContain('source.example.net');
    expect(everything).not.toContain('kaboom');

    const spans = collector.spans();
    const batched = only(spans, (span) => attribute(span, 'gateway.request_id') === 'req-batched', 'request span of req-batched');
    expect(batched.name).toBe('graphql.Batched');
    expect(batched.kind).toBe(2); // SERVER
    expect(batched.parentSpanId ?? '').toBe('');
    expect(attribute(batched, 'graphql.operation.type')).toBe('query');
    expect(attribute(batched, 'enduser.id')).toBe('ops-key');
    expect(attribute(batched, 'gateway.whm_requests')).toBe(1);
    const inTrace = spans.filter((span) => span.traceId === batched.traceId);
    const phase = (name: string) => only(inTrace, (span) => span.name === name, name);
    for (const name of ['graphql.parse', 'graphql.validate', 'graphql.execute'])
      expect(phase(name).parentSpanId).toBe(batched.spanId);
    // The WHM span hangs under execution, although the report came after a setImmediate hop.
    const whmBatch = phase('whm.batch');
    expect(whmBatch.parentSpanId).toBe(phase('graphql.execute').spanId);
    expect(whmBatch.kind).toBe(3); // CLIENT
    expect(attribute(whmBatch, 'whm.server')).toBe('east');
    expect(attribute(whmBatch, 'whm.function')).toBe('batch');
    expect(attribute(whmBatch, 'whm.calls')).toBe(3);
    expect(attribute(whmBatch, 'whm.outcome')).toBe('ok');
    expect(attribute(whmBatch, 'whm.attempt')).toBe(1);
    // Start = end − durationMs (12 ms in the fake report).
    const durationMs = Number((BigInt(whmBatch.endTimeUnixNano) - BigInt(whmBatch.startTimeUnixNano)) / 1_000_000n);
    expect(durationMs).toBeGreaterThanOrEqual(11);
    expect(durationMs).toBeLessThanOrEqual(13);

    const signIn = only(spans, (span) => attribute(span, 'gateway.request_id') === 'req-signin', 'request span of req-signin');
    expect(signIn.name).toBe('graphql.SignIn');
    expect(attribute(signIn, 'graphql.operation.type')).toBe('mutation');
    expect(spans.some((span) => span.name === 'whm.validate_system_user' && span.traceId === signIn.traceId)).toBe(true);

    const literal = only(spans, (span) => attribute(span, 'gateway.request_id') === 'req-literal', 'request span of req-literal');
    expect(literal.name).toBe('graphql.anonymous');

    const broken = only(spans, (span) => attribute(span, 'gateway.request_id') === 'req-broken', 'request span of req-broken');
    expect(broken.status?.code).toBe(2); // ERROR
    expect(attribute(broken, 'graphql.error_codes')).toEqual(['INTERNAL_SERVER_ERROR', 'WHM_TIMEOUT']);
    expect(attribute(broken, 'graphql.unexpected_error')).toBe(true);

    const badVariables = only(
      spans,
      (span) => attribute(span, 'gateway.request_id') === 'req-bad-variables',
      'request span of req-bad-variables',
    );
    expect(attribute(badVariables, 'graphql.error_codes')).toEqual(['BAD_USER_INPUT']);
  });

  it('parents each WHM span to its own request when requests run concurrently over HTTP', async () => {
    const tracing = startTracing({ endpoint: collector.url });
    const apollo = testApolloServer([tracing.apolloPlugin]);
    await apollo.start();
    const app = express();
    app.use(
      '/graphql',
      express.json(),
      expressMiddleware(apollo, {
        context: async ({ req }) => {
          const requestId = String(req.headers['x-request-id']);
          return testContext({ requestId, whmServer: `server-of-${requestId}`, whmObserver: tracing.whmObserver });
        },
      }),
    );
    const server = http.createServer(app);
    const base = await listenOnLoopback(server);
    const requestIds = Array.from({ length: 8 }, (_unused, index) => `concurrent-${index}`);
    try {
      const statuses = await Promise.all(
        requestIds.map(async (requestId) => {
          const response = await fetch(`${base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-request-id': requestId },
            body: JSON.stringify({ query: 'query Parallel { fromWhm }' }),
            signal: AbortSignal.timeout(5_000),
          });
          await response.text();
          return response.status;
        }),
      );
      expect(statuses.every((status) => status === 200)).toBe(true);
      // A WHM report after the request ended (background work) becomes a root span, not a stray child.
      tracing.whmObserver.onRequest({
        server: 'late',
        command: 'get_transfer_session_state',
        calls: 1,
        outcome: 'api_error',
        durationMs: 4,
        attempt: 1,
      });
    } finally {
      await closeServer(server);
      await apollo.stop();
      await tracing.shutdown();
    }

    const spans = collector.spans();
    for (const requestId of requestIds) {
      const request = only(spans, (span) => attribute(span, 'gateway.request_id') === requestId, `request span of ${requestId}`);
      const execute = only(
        spans,
        (span) => span.name === 'graphql.execute' && span.traceId === request.traceId,
        `execute span of ${requestId}`,
      );
      const whm = only(spans, (span) => attribute(span, 'whm.server') === `server-of-${requestId}`, `WHM span of ${requestId}`);
      expect(whm.traceId).toBe(request.traceId);
      expect(whm.parentSpanId).toBe(execute.spanId);
    }
    const late = only(spans, (span) => attribute(span, 'whm.server') === 'late', 'late WHM span');
    expect(late.parentSpanId ?? '').toBe('');
    expect(late.status?.code).toBe(2);
  });

  it('keeps concurrent executeOperation calls apart too', async () => {
    const tracing = startTracing({ endpoint: collector.url });
    const apollo = testApolloServer([tracing.apolloPlugin]);
    await apollo.start();
    const requestIds = ['op-a', 'op-b', 'op-c'];
    try {
      await Promise.all(
        requestIds.map((requestId) =>
          apollo.executeOperation(
            { query: 'query Parallel { fromWhm }' },
            { contextValue: testContext({ requestId, whmServer: `server-of-${requestId}`, whmObserver: tracing.whmObserver }) },
          ),
        ),
      );
    } finally {
      await apollo.stop();
      await tracing.shutdown();
    }
    const spans = collector.spans();
    for (const requestId of requestIds) {
      const request = only(spans, (span) => attribute(span, 'gateway.request_id') === requestId, `request span of ${requestId}`);
      const whm = only(spans, (span) => attribute(span, 'whm.server') === `server-of-${requestId}`, `WHM span of ${requestId}`);
      expect(whm.traceId).toBe(request.traceId);
    }
  });

  it('builds the traces URL from the endpoint and refuses non-http endpoints without echoing them', () => {
    expect(tracesUrl('http://127.0.0.1:4318')).toBe('http://127.0.0.1:4318/v1/traces');
    expect(tracesUrl('https://otel.example.com/base/')).toBe('https://otel.example.com/base/v1/traces');
    expect(() => tracesUrl('ftp://user:hunter2@host')).toThrow(/http\(s\)/);
    expect(() => tracesUrl('not a url hunter2')).toThrow(/not a valid URL/);
    try {
      tracesUrl('ftp://user:hunter2@host');
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('shuts down within its export deadline when the collector is gone', async () => {
    const gone = new FakeCollector();
    await gone.start();
    const url = gone.url;
    await gone.close();
    const tracing = startTracing({ endpoint: url });
    tracing.whmObserver.onRequest({ server: 'east', command: 'batch', calls: 2, outcome: 'ok', durationMs: 1, attempt: 1 });
    const started = Date.now();
    await tracing.shutdown();
    expect(Date.now() - started).toBeLessThan(OTLP_EXPORT_TIMEOUT_MS + 3_000);
  });
});
