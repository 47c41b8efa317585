import { assertValidSchema, buildASTSchema, type GraphQLObjectType, GraphQLScalarType, graphql, printSchema } from "graphql/index.js";
import { describe, expect, it } from "vitest";
import type { SchemaPart } from "./context.ts";
import { assembleSchema, buildSchema, schemaDocument } from "./schema.ts";

describe("schema assembly", () => {
  it("the SDL the server trusts at start-up passes graphql-js's full SDL and schema validation", () => {
    // buildASTSchema without assume* flags runs every SDL rule; assertValidSchema the type-system rules.
    expect(() => assertValidSchema(buildASTSchema(schemaDocument()))).not.toThrow();
  });

  it("the document survives a JSON round trip unchanged, as the bundled CLI carries it", () => {
    const document = schemaDocument();
    const fromJson = JSON.parse(JSON.stringify(document)) as typeof document;
    expect(fromJson).toEqual(document);
    expect(printSchema(assembleSchema([], fromJson))).toBe(printSchema(assembleSchema([], document)));
  });

  it("merges repeated object type declarations into one type", () => {
    const parts: SchemaPart[] = [
      { typeDefs: "type Query { a: Int } type Mutation { one: Int }", resolvers: {} },
      { typeDefs: "type Mutation { two: Int }", resolvers: {} },
    ];
    const mutation = buildASTSchema(schemaDocument(parts)).getMutationType();
    expect(Object.keys(mutation!.getFields())).toEqual(["one", "two"]);
  });

  it("every mutation family's fields and every table's live twin carry their resolvers", () => {
    const schema = buildSchema();
    const fieldsOf = (type: GraphQLObjectType | null | undefined) => Object.values(type!.getFields());
    expect(fieldsOf(schema.getQueryType()).filter((f) => !f.resolve).map((f) => f.name)).toEqual([]);
    expect(fieldsOf(schema.getMutationType()).filter((f) => !f.resolve).map((f) => f.name)).toEqual([]);
    expect(fieldsOf(schema.getSubscriptionType()).filter((f) => !f.subscribe || !f.resolve).map((f) => f.name)).toEqual([]);
    expect(fieldsOf(schema.getType("flow_run") as GraphQLObjectType).find((f) => f.name === "task_runs")?.resolve).toBeTypeOf("function");
  });

  it("a resolver for a type or field the SDL lacks stops the build", () => {
    const part = (resolvers: SchemaPart["resolvers"]): SchemaPart[] => [{ typeDefs: "type Query { a: Int }", resolvers }];
    expect(() => assembleSchema(part({ Query: { b: () => 1 } }))).toThrow(/Query\.b/);
    expect(() => assembleSchema(part({ Nope: { a: () => 1 } }))).toThrow(/Nope/);
    expect(assembleSchema(part({ Query: { a: () => 1 } })).getQueryType()!.getFields().a.resolve).toBeTypeOf("function");
  });

  it("custom scalars parse with their own rules, in literals and in variables", async () => {
    const schema = buildSchema();
    expect(schema.getType("uuid")).toBeInstanceOf(GraphQLScalarType);
    const literal = await graphql({ schema, source: '{ flow_run_by_pk(id: "not-a-uuid") { id } }' });
    expect(literal.errors?.[0].message).toMatch(/Invalid UUID/);
    const variable = await graphql({ schema, source: "query ($id: uuid!) { flow_run_by_pk(id: $id) { id } }", variableValues: { id: "nope" } });
    expect(variable.errors?.[0].message).toMatch(/Invalid UUID/);
  });
});
