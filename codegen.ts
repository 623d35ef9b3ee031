import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations for the web app, from the schema the API prints (api/schema.graphql).
// Operations are written with `graphql(...)` in web/src/**/*.ts files; run `pnpm codegen` after changing one.
const config: CodegenConfig = {
  schema: 'api/schema.graphql',
  documents: ['web/src/**/*.ts', '!web/src/lib/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'web/src/lib/gql/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Date: 'string', HexColorCode: 'string' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
