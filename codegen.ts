import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * The one codegen config: every client (SPA, CLI, SDK, agent, engine) is typed from the printed
 * schema. Documents are written with `graphql()` from `src/core/gql/gql.ts` where they are used.
 */
const config: CodegenConfig = {
  schema: "src/server/graphql/schema.graphql",
  documents: ["src/ui/**/*.{ts,tsx}", "src/client/**/*.ts", "src/sdk/**/*.ts", "src/agent/**/*.ts", "src/engine/**/*.ts", "src/cli/**/*.ts", "!src/core/gql/**"],
  ignoreNoDocuments: true,
  generates: {
    "src/core/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          uuid: "string",
          UUID: "string",
          timestamptz: "string",
          DateTime: "string",
          jsonb: "any",
          JSON: "any",
        },
      },
    },
  },
};

export default config;
