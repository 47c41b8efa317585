import { createSchema, createYoga } from "graphql-yoga";
import { describe, expect, it } from "vitest";
import { codedErrorsPlugin } from "./coded-errors.ts";

/**
 * What a client sees when a resolver fails with a database driver's error: a code to act on, and
 * never the driver's own text.
 */

const driverError = (code: string, message: string) => Object.assign(new Error(message), { code });

function app(thrown: () => unknown) {
  return createYoga({
    schema: createSchema({
      typeDefs: `type Query { hello(n: Int): String } type Subscription { hello: String }`,
      resolvers: {
        Query: { hello: () => Promise.reject(thrown()) },
        Subscription: {
          hello: {
            subscribe: async function* () {
              yield "tick";
            },
            resolve: () => Promise.reject(thrown()),
          },
        },
      },
    }),
    maskedErrors: true,
    plugins: [codedErrorsPlugin()],
  });
}

async function ask(yoga: ReturnType<typeof app>, query = "{ hello }") {
  const response = await yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
}

describe("coded errors", () => {
  it("a transient database error (busy, connection lost) is DATABASE_UNAVAILABLE", async () => {
    for (const error of [driverError("SQLITE_BUSY", "database is locked"), driverError("57P01", "terminating connection due to administrator command")]) {
      const result = await ask(app(() => error));
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["DATABASE_UNAVAILABLE"]);
      expect(JSON.stringify(result)).not.toContain(error.message);
    }
  });

  it("any other driver error is masked as INTERNAL_SERVER_ERROR, not passed off as bad input", async () => {
    const result = await ask(app(() => driverError("SQLITE_CORRUPT", "database disk image is malformed")));
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["INTERNAL_SERVER_ERROR"]);
    expect(JSON.stringify(result)).not.toContain("malformed");
  });

  it("a live query's re-run that meets a busy database emits DATABASE_UNAVAILABLE", async () => {
    const yoga = app(() => driverError("SQLITE_BUSY", "database is locked"));
    const response = await yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ query: "subscription { hello }" }),
    });
    const stream = await response.text();
    const event = stream.split("\n").find((line) => line.startsWith("data:") && line.includes("errors"));
    const payload = JSON.parse(event!.slice("data:".length)) as { errors?: { extensions?: { code?: string } }[] };
    expect(payload.errors?.map((e) => e.extensions?.code)).toEqual(["DATABASE_UNAVAILABLE"]);
    expect(stream).not.toContain("locked");
  });

  it("a bad variable value graphql-js reports without a code is BAD_USER_INPUT", async () => {
    const yoga = app(() => new Error("unreached"));
    const response = await yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "query($n: Int) { hello(n: $n) }", variables: { n: 2 ** 40 } }),
    });
    const result = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
  });
});
