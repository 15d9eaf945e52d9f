// The gateway's GraphQL schema: type definitions from schema/*.graphql, the resolvers, the
// @requiresRole checks, and (with federation) the same as an Apollo Federation 2 subgraph.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unwrapResolverError } from '@apollo/server/errors';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLFormattedError } from 'graphql';
import { applyRoleDirective } from './auth/role-directive.js';
import { buildSubgraph, withFederationKeys } from './federation/subgraph-schema.js';
import { resolvers } from './resolvers/index.js';
import { whmErrorExtensions } from './whm-access/index.js';
import { WhmError } from './whm/index.js';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_DIR = join(PROJECT_ROOT, 'schema');
export const EXAMPLE_OPERATIONS_FILE = join(PROJECT_ROOT, 'src', 'examples', 'workflow.graphql');
/**
 * The federation @link and @key directives: part of the subgraph schema only. In a folder of its own,
 * so whatever reads schema/*.graphql as plain GraphQL (codegen, tests) never meets them.
 */
export const FEDERATION_SCHEMA_FILE = join(SCHEMA_DIR, 'federation', 'keys.graphql');

/** The API's type definitions (without the federation keys): the standalone schema and the published contract. */
export function loadTypeDefs(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(SCHEMA_DIR, file), 'utf8'));
}

/**
 * The executable schema: type definitions, resolvers and the @requiresRole checks. With `federation`,
 * the same types and resolvers as an Apollo Federation 2 subgraph (`_service`, `_entities`, @key).
 */
export function buildGatewaySchema(options: { federation?: boolean } = {}) {
  if (options.federation) {
    const typeDefs = withFederationKeys(loadTypeDefs(), readFileSync(FEDERATION_SCHEMA_FILE, 'utf8'));
    return applyRoleDirective(buildSubgraph(typeDefs, resolvers));
  }
  return applyRoleDirective(makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers }));
}

/** Adds the WHM facts (code, reason, whether WHM may have acted) to errors that came from WHM. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof WhmError) {
    return { ...formatted, message: original.message, extensions: whmErrorExtensions(original) };
  }
  return formatted;
}
