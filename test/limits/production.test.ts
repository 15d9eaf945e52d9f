// Production error masking (unit, and through a real ApolloServer's formatError) and the
// production defaults for introspection, stack traces and Sandbox.
import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  apolloProductionOptions,
  isKnownErrorCode,
  MASKED_MESSAGE,
  productionErrorMasking,
} from '../../src/limits/production.js';

const PRODUCTION = { production: true };

describe('productionErrorMasking', () => {
  const leaky: GraphQLFormattedError = {
    message: 'connect ECONNREFUSED 10.0.0.5:5432 (registry at /var/lib/gateway)',
    locations: [{ line: 1, column: 3 }],
    path: ['transferSessions'],
    extensions: {
      code: 'INTERNAL_SERVER_ERROR',
      stacktrace: ['Error: connect ECONNREFUSED', '    at TCPConnectWrap'],
      exception: { errno: -111 },
    },
  };

  it('masks INTERNAL_SERVER_ERROR, keeping only where it happened', () => {
    expect(productionErrorMasking(leaky, new Error('x'), PRODUCTION)).toEqual({
      message: MASKED_MESSAGE,
      locations: [{ line: 1, column: 3 }],
      path: ['transferSessions'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it.each([
    ['no extensions', { message: 'boom' }],
    ['no code', { message: 'boom', extensions: { detail: 'db password rejected' } }],
    ['an unknown code', { message: 'SELECT … failed', extensions: { code: 'REGISTRY_MIGRATION_FAILED' } }],
    ['a non-string code', { message: 'boom', extensions: { code: 42 } }],
  ])('masks an error with %s', (_case, formatted) => {
    expect(productionErrorMasking(formatted, undefined, PRODUCTION)).toEqual({
      message: MASKED_MESSAGE,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it.each([
    'BAD_USER_INPUT',
    'FORBIDDEN',
    'UNAUTHENTICATED',
    'RATE_LIMITED',
    'REQUEST_TIMEOUT',
    'WHM_API_ERROR',
    'WHM_AUTH_FAILED',
    'WHM_UNAVAILABLE',
    'WHM_TIMEOUT',
    'WHM_PROTOCOL_ERROR',
    'WHM_ERROR',
    'GRAPHQL_VALIDATION_FAILED',
    'GRAPHQL_PARSE_FAILED',
    'BAD_REQUEST',
    'OPERATION_RESOLUTION_FAILURE',
    'PERSISTED_QUERY_NOT_FOUND',
    'PERSISTED_QUERY_NOT_SUPPORTED',
  ])('passes %s unchanged', (code) => {
    const formatted: GraphQLFormattedError = {
      message: 'Session 42 is not PAUSED.',
      path: ['resumeTransferSession'],
      extensions: { code, field: ['id'], whmReason: 'no' },
    };
    expect(isKnownErrorCode(code)).toBe(true);
    expect(productionErrorMasking(formatted, undefined, PRODUCTION)).toBe(formatted);
  });

  it('still drops stack traces and exception details from known codes', () => {
    const formatted: GraphQLFormattedError = {
      message: 'WHM did not answer in 30000 ms',
      extensions: { code: 'WHM_TIMEOUT', timeoutMs: 30000, stacktrace: ['…'] },
    };
    expect(productionErrorMasking(formatted, undefined, PRODUCTION)).toEqual({
      message: 'WHM did not answer in 30000 ms',
      extensions: { code: 'WHM_TIMEOUT', timeoutMs: 30000 },
    });
  });

  it('changes nothing outside production', () => {
    expect(productionErrorMasking(leaky, undefined, { production: false })).toBe(leaky);
  });
});

describe('productionErrorMasking as an ApolloServer formatError', () => {
  const schema = makeExecutableSchema({
    typeDefs: 'type Query { leaky: String, refused: String, flaky: String }',
    resolvers: {
      Query: {
        leaky: () => {
          throw new Error('connect ECONNREFUSED 10.0.0.5:5432');
        },
        refused: () => {
          throw new GraphQLError('username must be 1–16 characters', {
            extensions: { code: 'BAD_USER_INPUT', field: ['username'] },
          });
        },
        flaky: () => 'ok',
      },
    },
  });

  async function errorsFor(production: boolean): Promise<readonly GraphQLFormattedError[]> {
    const server = new ApolloServer({
      schema,
      ...apolloProductionOptions({ production }),
      // Even if someone turned stack traces on in production, masking removes them.
      includeStacktraceInErrorResponses: true,
      formatError: (formatted, error) => productionErrorMasking(formatted, error, { production }),
    });
    try {
      const response = await server.executeOperation({ query: '{ leaky refused flaky }' });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      expect(response.body.singleResult.data).toEqual({ leaky: null, refused: null, flaky: 'ok' });
      return response.body.singleResult.errors ?? [];
    } finally {
      await server.stop();
    }
  }

  it('production: the internal error is masked, the client error kept, partial data intact', async () => {
    const errors = await errorsFor(true);
    expect(errors).toEqual([
      {
        message: MASKED_MESSAGE,
        locations: [{ line: 1, column: 3 }],
        path: ['leaky'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
      {
        message: 'username must be 1–16 characters',
        locations: [{ line: 1, column: 9 }],
        path: ['refused'],
        extensions: { code: 'BAD_USER_INPUT', field: ['username'] },
      },
    ]);
    expect(JSON.stringify(errors)).not.toMatch(/ECONNREFUSED|10\.0\.0\.5|stacktrace/);
  });

  it('development: everything visible', async () => {
    const errors = await errorsFor(false);
    expect(errors[0]?.message).toBe('connect ECONNREFUSED 10.0.0.5:5432');
    expect(errors[0]?.extensions?.stacktrace).toBeDefined();
  });
});

describe('apolloProductionOptions', () => {
  it('production: introspection, stack traces and Sandbox off', () => {
    expect(apolloProductionOptions({ production: true })).toEqual({
      introspection: false,
      includeStacktraceInErrorResponses: false,
      landingPageEnabled: false,
    });
  });

  it('production: introspection and Sandbox only when explicitly enabled; stack traces never', () => {
    expect(apolloProductionOptions({ production: true, introspection: true, sandbox: true })).toEqual({
      introspection: true,
      includeStacktraceInErrorResponses: false,
      landingPageEnabled: true,
    });
  });

  it('development: all on unless explicitly disabled', () => {
    expect(apolloProductionOptions({ production: false })).toEqual({
      introspection: true,
      includeStacktraceInErrorResponses: true,
      landingPageEnabled: true,
    });
    expect(apolloProductionOptions({ production: false, introspection: false, sandbox: false })).toEqual({
      introspection: false,
      includeStacktraceInErrorResponses: true,
      landingPageEnabled: false,
    });
  });

  it('production refuses introspection through ApolloServer', async () => {
    const server = new ApolloServer({ typeDefs: 'type Query { a: String }', ...apolloProductionOptions({ production: true }) });
    try {
      const response = await server.executeOperation({ query: '{ __schema { types { name } } }' });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      expect(response.body.singleResult.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await server.stop();
    }
  });
});
