import type { CodegenConfig } from '@graphql-codegen/cli';

// A client's codegen against the gateway's published contract. Run from this folder:
//   npx graphql-codegen --config codegen.ts
// In your own project, point `schema` at a copy of src/generated/schema.graphql (or at the running
// gateway's URL, where introspection is on).
const config: CodegenConfig = {
  schema: '../../src/generated/schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**/*'],
  // The generated files are type-checked and linted as they are written: no formatting step.
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: {
        // Also writes src/gql/persisted-documents.json ({ hash: document }): the file the gateway
        // takes as GATEWAY_TRUSTED_DOCUMENTS, and each document's hash in its `__meta__`.
        persistedDocuments: true,
        fragmentMasking: false,
      },
      config: {
        // No graphql-js in the client: documents are typed strings, sent with fetch.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        // Imports ending in .js, for ESM under NodeNext resolution.
        emitLegacyCommonJSImports: false,
        // JSON carries DateTime as an ISO-8601 string; JSON is WHM data of open shape.
        strictScalars: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
