import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, requestLoggingPlugin } from '../../src/observability/index.js';
import { SECRET_PASSWORD, captureLines, testApolloServer, testContext, type CapturedLines } from './helpers.js';

describe('requestLoggingPlugin', () => {
  let out: CapturedLines;
  let apollo: ReturnType<typeof testApolloServer>;

  beforeAll(async () => {
    out = captureLines();
    apollo = testApolloServer([requestLoggingPlugin(createLogger({ destination: out }))]);
    await apollo.start();
  });
  afterAll(async () => {
    await apollo.stop();
  });

  const linesFor = (requestId: string) => out.records().filter((record) => record['requestId'] === requestId);

  it('logs one info line per request: id, operation, identity, WHM requests, duration, no errors', async () => {
    await apollo.executeOperation(
      { query: 'query Batched { fromWhm hello }' },
      { contextValue: testContext({ requestId: 'req-ok', identity: { id: 'alice', role: 'viewer' } }) },
    );
    const lines = linesFor('req-ok');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'graphql request',
      requestId: 'req-ok',
      operationName: 'Batched',
      operationType: 'query',
      identityId: 'alice',
      role: 'viewer',
      whmRequests: 1,
      errorCodes: [],
    });
    expect(typeof lines[0]?.['durationMs']).toBe('number');
  });

  it('never logs variables, even on a mutation carrying passwords', async () => {
    await apollo.executeOperation(
      {
        query: 'mutation SignIn($input: LoginInput!) { login(input: $input) }',
        variables: {
          input: { host: 'source.example.net', credentials: { password: SECRET_PASSWORD, sshKeyPassphrase: SECRET_PASSWORD } },
        },
      },
      { contextValue: testContext({ requestId: 'req-mutation' }) },
    );
    // A variable that fails coercion is quoted in the error message: that must not reach the log either.
    await apollo.executeOperation(
      { query: 'mutation SignIn($input: LoginInput!) { login(input: $input) }', variables: { input: { host: SECRET_PASSWORD } } },
      { contextValue: testContext({ requestId: 'req-bad-variables' }) },
    );
    expect(linesFor('req-mutation')).toMatchObject([
      { operationName: 'SignIn', operationType: 'mutation', whmRequests: 1, errorCodes: [] },
    ]);
    expect(linesFor('req-bad-variables')).toMatchObject([{ level: 'info', errorCodes: ['BAD_USER_INPUT'] }]);
    expect(out.text()).not.toContain(SECRET_PASSWORD);
    expect(out.text()).not.toContain('source.example.net');
  });

  it('logs unexpected errors in full at error level, classified ones only by code', async () => {
    const response = await apollo.executeOperation(
      { query: 'query Broken { hello boom whmTimeout }' },
      { contextValue: testContext({ requestId: 'req-broken' }) },
    );
    // The client sees no stack (as in production); the log keeps it.
    expect(JSON.stringify(response.body)).not.toContain('request-logging.test');
    const lines = linesFor('req-broken');
    expect(lines).toHaveLength(2);
    const [unexpected, summary] = lines;
    expect(unexpected).toMatchObject({
      level: 'error',
      msg: 'unexpected error in GraphQL request',
      operationName: 'Broken',
      path: ['boom'],
      err: { type: 'Error', message: 'kaboom: invariant broken in resolver' },
    });
    expect(String((unexpected?.['err'] as { stack?: string }).stack)).toMatch(/kaboom[\s\S]*helpers\.ts/);
    expect(summary).toMatchObject({ level: 'info', errorCodes: ['INTERNAL_SERVER_ERROR', 'WHM_TIMEOUT'] });
    expect(out.text()).not.toContain('WHM did not answer in time');
  });

  it('logs requests that never reach execution, with the HTTP status Apollo chose', async () => {
    await apollo.executeOperation({ query: '{ hello ' }, { contextValue: testContext({ requestId: 'req-syntax' }) });
    await apollo.executeOperation({ query: '{ missingField }' }, { contextValue: testContext({ requestId: 'req-invalid' }) });
    expect(linesFor('req-syntax')).toMatchObject([
      {
        operationName: 'anonymous',
        operationType: 'unknown',
        errorCodes: ['GRAPHQL_PARSE_FAILED'],
        httpStatus: 400,
        whmRequests: 0,
      },
    ]);
    expect(linesFor('req-invalid')).toMatchObject([{ errorCodes: ['GRAPHQL_VALIDATION_FAILED'], httpStatus: 400 }]);
  });
});
