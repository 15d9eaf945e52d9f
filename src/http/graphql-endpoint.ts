// /graphql over Node's own HTTP server: the steps in front (host check, request id, CORS,
// authentication, rate limits, deadline), the JSON body, the trusted-documents check, then Apollo
// Server. Express serves every other path; on this one its router and its request/response
// prototypes cost more CPU than the whole GraphQL execution of a small query.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import express from 'express';
import { runSteps, sendText, type HttpStep, type ParsedRequest } from './native.js';

export interface GraphqlEndpointOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  /** Before the body is read, so a refused request costs no upload. */
  beforeBody: readonly HttpStep[];
  maxBodyBytes: number;
  /** After the body is parsed. */
  afterBody: readonly HttpStep[];
  context(request: IncomingMessage, response: ServerResponse): Promise<Context>;
  /** Any step's error (a malformed body, a failing store) is answered here. */
  failed(error: unknown, request: IncomingMessage, response: ServerResponse): void;
}

export type HttpHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** `/graphql` and below, in any case, as express's `app.use('/graphql')` matched. */
export function isGraphqlPath(url: string | undefined): boolean {
  const path = (url ?? '/').slice(0, 9).toLowerCase();
  return path === '/graphql' || (path.startsWith('/graphql') && (path[8] === '/' || path[8] === '?'));
}

export function graphqlEndpoint<Context extends BaseContext>(options: GraphqlEndpointOptions<Context>): HttpHandler {
  const answer: HttpStep = (request, response, next) => {
    answerWithApollo(options, request, response).catch(next);
  };
  const steps = [...options.beforeBody, express.json({ limit: options.maxBodyBytes }), ...options.afterBody, answer];
  return (request, response) => runSteps(steps, request, response, (error) => options.failed(error, request, response));
}

function headerMapOf(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

async function answerWithApollo<Context extends BaseContext>(
  options: GraphqlEndpointOptions<Context>,
  request: ParsedRequest,
  response: ServerResponse,
): Promise<void> {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: (request.method ?? 'GET').toUpperCase(),
      headers: headerMapOf(request),
      search: query === -1 ? '' : url.slice(query),
      body: request.body,
    },
    context: () => options.context(request, response),
  });
  for (const [key, value] of result.headers) response.setHeader(key, value);
  if (result.body.kind === 'complete') {
    sendText(response, result.status ?? 200, 'text/plain; charset=utf-8', result.body.string);
    return;
  }
  response.statusCode = result.status ?? 200;
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}
