import type { CodegenConfig } from '@graphql-codegen/cli';

// The dashboard's typed operations, from the published contract like any other client
// (examples/client is the recipe). Run from this folder: npx graphql-codegen --config codegen.ts
// (npm run codegen:dashboard); CI checks that src/gql/ is fresh.
const config: CodegenConfig = {
  schema: '../src/generated/schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**/*'],
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // No graphql-js in the page: documents are typed strings, sent with fetch or graphql-ws.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        emitLegacyCommonJSImports: false,
        strictScalars: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
