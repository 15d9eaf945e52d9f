// HTTP: express 5 + Apollo Server 5 on one http.Server. Builds a fresh context (with fresh
// DataLoaders) per request; maps WHM failures to stable error codes.
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { OPEN_ACCESS } from './auth/identity.js';
import type { GatewayContext } from './context.js';
import { whmErrorExtensions } from './errors.js';
import { createLoaders } from './loaders/index.js';
import type { SessionRegistry } from './registry/index.js';
import { resolvers } from './resolvers/index.js';
import type { ServerDirectory } from './servers.js';
import { WhmError } from './whm/index.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_DIR = join(PROJECT_ROOT, 'schema');
export const EXAMPLE_OPERATIONS_FILE = join(PROJECT_ROOT, 'src', 'examples', 'workflow.graphql');

export function loadTypeDefs(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(SCHEMA_DIR, file), 'utf8'));
}

export interface GatewayOptions {
  servers: ServerDirectory;
  registry: SessionRegistry;
  host: string;
  port: number;
  batching: boolean;
  maxLogBytes: number;
  /** Shown in Sandbox's operation editor on first visit. */
  exampleOperations?: string;
}

export interface RunningGateway {
  url: string;
  httpServer: http.Server;
  close(): Promise<void>;
}

/** Adds the WHM facts (code, reason, whether WHM may have acted) to errors that came from WHM. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof WhmError) {
    return { ...formatted, message: original.message, extensions: whmErrorExtensions(original) };
  }
  return formatted;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const app = express();
  const httpServer = http.createServer(app);
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers });
  const landingPage: ApolloServerPlugin = ApolloServerPluginLandingPageLocalDefault({
    embed: true,
    footer: false,
    document: options.exampleOperations ?? readFileSync(EXAMPLE_OPERATIONS_FILE, 'utf8'),
  });
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    introspection: true,
    formatError,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), landingPage],
  });
  await apollo.start();

  app.get('/', (_request, response) => response.redirect('/graphql'));
  app.get('/health/live', (_request, response) => response.json({ status: 'ok' }));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async (): Promise<GatewayContext> => ({
        servers: options.servers,
        registry: options.registry,
        loaders: createLoaders({ servers: options.servers, registry: options.registry, batching: options.batching }),
        identity: OPEN_ACCESS,
        requestId: randomUUID(),
        limits: { maxLogBytes: options.maxLogBytes },
      }),
    }),
  );

  await new Promise<void>((resolveListen, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => resolveListen());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/graphql`,
    httpServer,
    close: () => apollo.stop(),
  };
}
