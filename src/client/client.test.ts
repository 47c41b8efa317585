import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../server/main.ts";
import { TernClient } from "./client.ts";
import { TernApiError, TernConnectionError } from "./errors.ts";
import { uiUrl } from "./config.ts";

// Hand-parsed documents: this test is about the transport, not about any one API field.
const hello = parse("query { hello }") as TypedDocumentNode<{ hello: string }, Record<string, never>>;
const broken = parse("query { no_such_field }") as TypedDocumentNode<unknown, Record<string, never>>;

describe("TernClient", () => {
  let server: RunningServer;
  let home: string;
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "tern-client-"));
    server = await startServer({ port: 0, databaseUrl: join(home, "tern.db") });
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it("runs a query and returns its data", async () => {
    const client = new TernClient({ api: server.graphqlUrl });
    expect(await client.request(hello, {})).toEqual({ hello: "👋" });
  });

  it("throws a TernApiError carrying extensions.code", async () => {
    const client = new TernClient({ api: server.graphqlUrl });
    const error = await client.request(broken, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TernApiError);
    expect((error as TernApiError).code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("says clearly when the server cannot be reached", async () => {
    const client = new TernClient({ api: "http://127.0.0.1:9/graphql" });
    const error = await client.request(hello, {}, { retry: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TernConnectionError);
    expect((error as Error).message).toMatch(/^cannot reach the Tern server at http:\/\/127\.0\.0\.1:9\/graphql \(is `tern server start` running\?\)/);
  });

  it("derives the dashboard URL from the API URL", () => {
    expect(uiUrl("http://127.0.0.1:4200/graphql")).toBe("http://127.0.0.1:4200");
  });

  it("prints links at the server's public URL when TERN_PUBLIC_URL is set", () => {
    vi.stubEnv("TERN_UI_URL", "");
    vi.stubEnv("TERN_PUBLIC_URL", "https://tern.example.com/");
    try {
      expect(uiUrl("http://127.0.0.1:4200/graphql")).toBe("https://tern.example.com");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
