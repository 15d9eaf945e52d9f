// The published contract (src/generated/schema.graphql) is the API the gateway serves, in both modes:
// standalone, and as a federation subgraph (which only adds the federation plumbing and keys).
// The gateway's schemas are read through their own methods, never handed to graphql-js functions
// imported here: under vitest this file gets graphql's ESM build while @apollo/subgraph (CommonJS)
// builds with the CommonJS one, and graphql-js refuses a schema from "another realm".
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, parse, validate, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_SCHEMA_FILE } from '../../src/federation/print-schema.js';
import { buildGatewaySchema } from '../../src/server.js';

const published = buildSchema(readFileSync(PUBLISHED_SCHEMA_FILE, 'utf8'));
const FEDERATION_PLUMBING = /^(_Any|_Entity|_Service|link__.*|federation__.*)$/;

interface FieldShape {
  name: string;
  type: unknown;
  args?: readonly { name: string; type: unknown }[];
}

/** Every type with its fields and arguments, sorted: what a client can select and send. */
function shape(schema: GraphQLSchema, keep: (type: GraphQLNamedType) => boolean = () => true): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && keep(type))
    .map((type) => {
      const withFields = type as { getFields?: () => Record<string, FieldShape> };
      const fields = withFields.getFields
        ? Object.values(withFields.getFields()).filter((field) => !field.name.startsWith('_'))
        : [];
      const printed = fields.map((field) => {
        const args = (field.args ?? []).map((arg) => `${arg.name}: ${String(arg.type)}`).sort();
        return `${field.name}(${args.join(', ')}): ${String(field.type)}`;
      });
      return `${type.name} { ${printed.sort().join('; ')} }`;
    })
    .sort();
}

describe('the published schema', () => {
  it('has every type, field and argument of the standalone API, and nothing else', () => {
    expect(shape(published).length).toBeGreaterThan(50);
    expect(shape(buildGatewaySchema())).toEqual(shape(published));
  });

  it('is what the subgraph serves too, besides _service, _entities and the federation types', () => {
    const subgraph = buildGatewaySchema({ federation: true });
    expect(shape(subgraph, (type) => !FEDERATION_PLUMBING.test(type.name))).toEqual(shape(published));
    expect(Object.keys(subgraph.getQueryType()?.getFields() ?? {}).filter((name) => name.startsWith('_'))).toEqual([
      '_entities',
      '_service',
    ]);
  });

  it('gives every @key type of the subgraph a __resolveReference', () => {
    const subgraph = buildGatewaySchema({ federation: true });
    const keyed = Object.values(subgraph.getTypeMap()).filter((type) =>
      type.astNode?.directives?.some((directive) => directive.name.value === 'key'),
    );
    expect(keyed.map((type) => type.name).sort()).toEqual(['SystemUser', 'TransferSession', 'WhmServer']);
    for (const type of keyed) {
      const extensions = type.extensions as { apollo?: { subgraph?: { resolveReference?: unknown } } };
      expect(typeof extensions.apollo?.subgraph?.resolveReference, type.name).toBe('function');
    }
  });

  it("validates the client recipe's operations (examples/client)", () => {
    const file = resolve(import.meta.dirname, '../../examples/client/src/gql/persisted-documents.json');
    const documents = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
    expect(documents.length).toBeGreaterThan(0);
    for (const document of documents) expect(validate(published, parse(document))).toEqual([]);
  });
});
