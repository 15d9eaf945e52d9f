// The schema as an Apollo Federation 2 subgraph (GATEWAY_FEDERATION=1): the API's own type definitions
// with the keys of schema/federation/keys.graphql merged into them, `_service` and `_entities` added by
// @apollo/subgraph, and `_entities` held to the limits the root fields have. The caller applies
// @requiresRole afterwards, as for the standalone schema, so entity fields keep their role checks.
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  GraphQLError,
  Kind,
  concatAST,
  parse,
  type DefinitionNode,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { GatewayContext } from '../context.js';
import { entityResolvers } from '../resolvers/entities.js';
import { countLogFields, MAX_LOG_FIELDS } from '../limits/log-budget.js';
import { checkListLength, LIMITS } from '../validation.js';

type SubgraphResolvers = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']>;

/** As many references per `_entities` call as `systemUsers` takes names. */
export const MAX_ENTITY_REFERENCES = LIMITS.usernamesPerQuery;

/**
 * Folds `extend type X @key(...)` into X's own definition. Left as extensions, composition would mark
 * the types `extension: true` in the supergraph, as if another subgraph owned them; this one does.
 */
export function withFederationKeys(apiTypeDefs: readonly string[], federationTypeDefs: string): DocumentNode {
  const keys = new Map<string, readonly ConstDirectiveNode[]>();
  const rest: DefinitionNode[] = [];
  for (const definition of parse(federationTypeDefs).definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_EXTENSION && !definition.fields?.length) {
      keys.set(definition.name.value, definition.directives ?? []);
    } else rest.push(definition);
  }
  const api = concatAST(apiTypeDefs.map((typeDefs) => parse(typeDefs)));
  const definitions = api.definitions.map((definition) => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return definition;
    const directives = keys.get(definition.name.value);
    if (!directives) return definition;
    keys.delete(definition.name.value);
    return { ...definition, directives: [...(definition.directives ?? []), ...directives] };
  });
  if (keys.size > 0) throw new Error(`schema/federation/keys.graphql puts keys on unknown types: ${[...keys.keys()].join(', ')}`);
  return { kind: Kind.DOCUMENT, definitions: [...rest, ...definitions] };
}

interface EntitiesArgs {
  representations: readonly unknown[];
}

function typenameOf(representation: unknown): unknown {
  return typeof representation === 'object' && representation !== null
    ? (representation as { __typename?: unknown }).__typename
    : undefined;
}

/**
 * `_entities` answers a list the caller sizes, so the limits that count list sizes for transferSessions
 * count representations here: at most MAX_ENTITY_REFERENCES, and at most MAX_LOG_FIELDS log-bearing
 * fields once the selection is multiplied by the sessions referenced — refused before any WHM call.
 */
function limitEntities(
  resolve: GraphQLFieldResolver<unknown, GatewayContext, EntitiesArgs>,
): GraphQLFieldResolver<unknown, GatewayContext, EntitiesArgs> {
  return (source, args, context, info) => {
    checkListLength(args.representations, 0, MAX_ENTITY_REFERENCES, ['representations']);
    const sessions = args.representations.filter((representation) => typenameOf(representation) === 'TransferSession').length;
    const perSession = info.fieldNodes.reduce(
      (sum, node) => sum + (node.selectionSet ? countLogFields(node.selectionSet, (name) => info.fragments[name], new Set()) : 0),
      0,
    );
    if (perSession * sessions > MAX_LOG_FIELDS) {
      throw new GraphQLError(
        `This operation may return ${perSession * sessions} log fields (log, errorLog, events for ${sessions} sessions); the limit is ${MAX_LOG_FIELDS}. Ask for fewer sessions or fewer logs at once.`,
        { extensions: { code: 'BAD_USER_INPUT', field: ['representations'] } },
      );
    }
    return resolve(source, args, context, info);
  };
}

/** The subgraph schema, before @requiresRole is applied: the API's resolvers plus each entity's __resolveReference. */
export function buildSubgraph(typeDefs: DocumentNode, resolvers: object): GraphQLSchema {
  const merged: Record<string, object> = { ...resolvers };
  for (const [typename, entity] of Object.entries(entityResolvers)) merged[typename] = { ...merged[typename], ...entity };
  // buildSubgraphSchema types every resolver as a field resolver; __resolveReference and scalars are not.
  const schema = buildSubgraphSchema({ typeDefs, resolvers: merged as SubgraphResolvers });
  const entities = schema.getQueryType()?.getFields()._entities;
  if (!entities?.resolve)
    throw new Error('the subgraph schema has no _entities field: schema/federation/keys.graphql declares no @key');
  entities.resolve = limitEntities(entities.resolve as GraphQLFieldResolver<unknown, GatewayContext, EntitiesArgs>);
  return schema;
}
