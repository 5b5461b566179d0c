/**
 * GraphQL Code Generator: the exported schema and the `.graphql` documents next
 * to the components become typed documents in `src/gql/` (client preset).
 * `GRAPHQL_SCHEMA` and `GRAPHQL_CODEGEN_OUT` let the contract check point it at a
 * changed copy of the schema without touching the real output.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";

const schema = process.env.GRAPHQL_SCHEMA ?? "schema/schema.graphql";
const out = process.env.GRAPHQL_CODEGEN_OUT ?? "src/gql/";

const config: CodegenConfig = {
  schema,
  documents: ["src/**/*.graphql"],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: "client",
      presetConfig: {
        fragmentMasking: { unmaskFunctionName: "getFragmentData" },
      },
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        futureProofEnums: false,
        strictScalars: true,
        scalars: { Date: "string", DateTime: "string" },
        useTypeImports: true,
        skipTypename: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
};

export default config;
