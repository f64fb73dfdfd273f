import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Generates the typed client of clients/typescript from the committed contract, so it works
 * offline and changes only when schema.graphql or an operation does. test/codegen-fresh.test.ts
 * regenerates with this same config and fails when the committed output is stale.
 */
const shared = {
  // The wire format: DateTime is an ISO-8601 string; JSON is whatever the server sent.
  scalars: { DateTime: 'string', JSON: 'unknown' },
  strictScalars: true,
  enumsAsTypes: true,
  useTypeImports: true,
};

export const codegenConfig: CodegenConfig = {
  // Paths resolve from the repo root whatever directory the CLI or a test runs in.
  cwd: import.meta.dirname,
  schema: 'schema.graphql',
  documents: 'clients/typescript/src/operations/**/*.graphql',
  noSilentErrors: true,
  // NodeNext needs the extension on the import of schema-types from graphql.ts.
  importExtension: '.js',
  generates: {
    // Every schema type, for callers who want to name one (ApiKeyRole, CreateProjectInput, …).
    'clients/typescript/src/generated/schema-types.ts': {
      plugins: ['typescript'],
      config: shared,
    },
    // Operation results and variables plus their TypedDocumentNodes. typescript-operations 6 would
    // otherwise declare the enums and inputs it uses a second time, so it imports them instead.
    'clients/typescript/src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { ...shared, importSchemaTypesFrom: 'clients/typescript/src/generated/schema-types.ts' },
    },
  },
};

export default codegenConfig;
