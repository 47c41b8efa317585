// graphql ships a CommonJS and an ES module build, and a schema only works with the functions of the
// build that made it (graphql checks with instanceof). graphql-yoga, loaded by Node, gets the
// CommonJS one; naming index.js makes every loader (Node, tsx, esbuild, vitest's resolver, which
// would otherwise pick the ES build) hand this file that same build.
import { buildASTSchema, type DefinitionNode, type DocumentNode, type GraphQLScalarType, type GraphQLSchema, isObjectType, isScalarType, Kind, parse } from "graphql/index.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SchemaPart } from "./context.ts";
import { mutationPart } from "./mutations/part.ts";
import { readPart } from "./read/part.ts";
import { scalarsPart } from "./scalars.ts";

/**
 * The whole GraphQL schema: scalars + the generated read API (with live subscriptions) + the Prefect
 * mutations.
 *
 * Built with graphql-js alone, not graphql-tools' makeExecutableSchema: that one validates the SDL,
 * merges the parts' type definitions and then rebuilds every type of the schema once more to attach
 * resolvers, which was about three quarters of `tern server start`'s schema time. Here the SDL is
 * trusted at start-up (schema.test.ts validates the very same document in full) and resolvers are
 * set on the built fields directly.
 */
export function buildSchema(): GraphQLSchema {
  const parts = schemaParts();
  return assembleSchema(parts, bundledDocument() ?? schemaDocument(parts));
}

/**
 * The bundled CLI comes with the schema document already parsed: scripts/build-cli.mjs writes it as
 * JSON beside the bundle from these same sources (the bundle is used only while no source is newer).
 * At start-up graphql's parser is still cold and takes several times longer over the ~55 KB of SDL
 * than JSON.parse over its AST. Run from the sources, TERN_BUNDLE_DIR is not defined.
 */
declare const TERN_BUNDLE_DIR: string | undefined;
export const BUNDLED_DOCUMENT_FILE = "schema-document.json";

function bundledDocument(): DocumentNode | undefined {
  if (typeof TERN_BUNDLE_DIR !== "string") return undefined;
  return JSON.parse(readFileSync(join(TERN_BUNDLE_DIR, BUNDLED_DOCUMENT_FILE), "utf8")) as DocumentNode;
}

/** One executable schema from SDL parts (or their document, parsed already) and their resolvers. */
export function assembleSchema(parts: SchemaPart[], document: DocumentNode = schemaDocument(parts)): GraphQLSchema {
  const schema = buildASTSchema(document, { assumeValidSDL: true, assumeValid: true });
  for (const part of parts) attachResolvers(schema, part.resolvers);
  return schema;
}

function schemaParts(): SchemaPart[] {
  return [scalarsPart, readPart(), mutationPart()];
}

/**
 * The parts' SDL as one document. Several parts (each mutation family) declare `type Mutation { … }`
 * on their own; every declaration of an object type after the first becomes an extension of it, which
 * graphql-js merges field by field.
 */
export function schemaDocument(parts: SchemaPart[] = schemaParts()): DocumentNode {
  const document = parse(parts.map((p) => p.typeDefs).join("\n"), { noLocation: true });
  const declared = new Set<string>();
  const definitions = document.definitions.map((definition): DefinitionNode => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return definition;
    if (!declared.has(definition.name.value)) {
      declared.add(definition.name.value);
      return definition;
    }
    return { kind: Kind.OBJECT_TYPE_EXTENSION, name: definition.name, interfaces: definition.interfaces, directives: definition.directives, fields: definition.fields };
  });
  return { kind: Kind.DOCUMENT, definitions };
}

type FieldResolver = ((...args: never[]) => unknown) | { subscribe?: unknown; resolve?: unknown };

/**
 * Puts each part's resolvers on the schema's own types. A resolver for a type or field the SDL does
 * not declare is a programming error and stops the server, as it would with graphql-tools.
 */
function attachResolvers(schema: GraphQLSchema, resolvers: SchemaPart["resolvers"]) {
  for (const [typeName, value] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (isScalarType(type)) {
      // buildASTSchema made a placeholder scalar; the schema's references all point at it, so it takes
      // on the implementation (a GraphQLScalarType, perhaps of the other graphql build) in place.
      const { serialize, parseValue, parseLiteral } = value as unknown as GraphQLScalarType;
      Object.assign(type, { serialize, parseValue, parseLiteral });
      continue;
    }
    if (!isObjectType(type)) throw new Error(`Resolvers given for ${typeName}, which is not an object type of the schema.`);
    const fields = type.getFields();
    for (const [fieldName, resolver] of Object.entries(value as Record<string, FieldResolver>)) {
      const field = fields[fieldName];
      if (!field) throw new Error(`Resolver given for ${typeName}.${fieldName}, which the schema does not declare.`);
      // Each part types its resolvers' arguments and context for itself; graphql-js types a field's
      // resolver with its own generic defaults, which no part's signature matches, so it is assigned as is.
      if (typeof resolver === "function") {
        field.resolve = resolver as never;
      } else {
        if (resolver.subscribe) field.subscribe = resolver.subscribe as never;
        if (resolver.resolve) field.resolve = resolver.resolve as never;
      }
    }
  }
}
