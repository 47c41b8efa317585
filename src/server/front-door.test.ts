import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerConfigError, defaultServerConfig, parseAllowedOrigins, parsePublicUrl } from "./config.ts";
import { createTestDatabase, type TestDatabase, testDialects } from "./db/testing.ts";
import { createFrontDoor } from "./front-door.ts";
import { type RunningServer, startServer } from "./main.ts";
import { rawRequest } from "./testing/raw-http.ts";
import { createUiDir } from "./testing/ui-dir.ts";

const TERN = join(import.meta.dirname, "../../bin/tern.mjs");
const CREATE_PROJECT = (name: string) => JSON.stringify({ query: `mutation { create_project(input: { name: "${name}" }) { id } }` });

describe("front door rules", () => {
  const local = createFrontDoor({ host: "127.0.0.1", allowedOrigins: [] });

  it("accepts the loopback names as Host, with any port, and nothing else", () => {
    for (const host of ["127.0.0.1:4200", "localhost:4200", "LOCALHOST", "[::1]:4200", "127.0.0.1"]) expect(local.hostAllowed(host)).toBe(true);
    for (const host of [undefined, "", "attacker.example", "attacker.example:4200", "127.0.0.1.attacker.example", "attacker.example@127.0.0.1", "127.0.0.1/x", "localhost.", "0.0.0.0:4200"]) {
      expect(local.hostAllowed(host)).toBe(false);
    }
  });

  it("accepts a request without Origin, and an Origin only when it is the checked Host's", () => {
    expect(local.originAllowed(undefined, "127.0.0.1:4200")).toBe(true);
    expect(local.originAllowed("http://127.0.0.1:4200", "127.0.0.1:4200")).toBe(true);
    for (const origin of ["null", "http://127.0.0.1:5173", "http://localhost:4200", "https://attacker.example", "file://", "chrome-extension://abc", "http://127.0.0.1:4200/path"]) {
      expect(local.originAllowed(origin, "127.0.0.1:4200")).toBe(false);
    }
  });

  it("adds the public URL's host and origin, and the allow-listed origins", () => {
    const door = createFrontDoor({ host: "127.0.0.1", publicUrl: "https://tern.example.com", allowedOrigins: ["http://localhost:5173"] });
    expect(door.hostAllowed("tern.example.com")).toBe(true);
    expect(door.originAllowed("https://tern.example.com", "127.0.0.1:4200")).toBe(true);
    expect(door.originAllowed("http://localhost:5173", "127.0.0.1:4200")).toBe(true);
    expect(door.originAllowed("http://localhost:5174", "127.0.0.1:4200")).toBe(false);
  });

  it("bound to every interface, accepts each of this machine's addresses", () => {
    const door = createFrontDoor({ host: "0.0.0.0", allowedOrigins: [] });
    const ipv4 = Object.values(networkInterfaces()).flatMap((a) => a ?? []).filter((a) => a.family === "IPv4");
    for (const address of ipv4) expect(door.hostAllowed(`${address.address}:4200`)).toBe(true);
    expect(door.hostAllowed("attacker.example:4200")).toBe(false);
  });

  it("normalises the configured URLs and refuses ones that cannot work", () => {
    expect(parsePublicUrl("HTTPS://Tern.Example.com/")).toBe("https://tern.example.com");
    expect(parseAllowedOrigins(" http://localhost:5173 , HTTPS://A.example:443/")).toEqual(["http://localhost:5173", "https://a.example"]);
    for (const bad of ["tern.example.com", "ftp://x", "https://user:pw@x.example"]) expect(() => parsePublicUrl(bad)).toThrow(ServerConfigError);
    for (const bad of ["http://x.example/app", "*", "null"]) expect(() => parseAllowedOrigins(bad)).toThrow(ServerConfigError);
    expect(() => defaultServerConfig({ publicUrl: "not a url" })).toThrow(ServerConfigError);
  });
});

describe.each(testDialects())("front door over HTTP on %s", (kind) => {
  let database: TestDatabase;
  let server: RunningServer;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    server = await startServer({ databaseUrl: database.url, port: 0, host: "127.0.0.1", publicUrl: "https://tern.example.com", allowedOrigins: ["http://localhost:5173"] });
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const projectCount = async () => Number((await server.deps.db.selectFrom("project").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const post = (headers: Record<string, string>, body: string) => rawRequest(port, { method: "POST", target: "/graphql", headers: { "content-type": "application/json", ...headers }, body });

  it("lets the page at its own origin act, and lets it read the answer", async () => {
    const origin = `http://127.0.0.1:${port}`;
    const answer = await post({ origin }, CREATE_PROJECT("same-origin"));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).data.create_project.id).toBeTruthy();
    expect(answer.headers["access-control-allow-origin"]).toBe(origin);
  });

  it("accepts the public URL as Host and as Origin, as a TLS proxy forwards them", async () => {
    const answer = await post({ host: "tern.example.com", origin: "https://tern.example.com" }, CREATE_PROJECT("via-proxy"));
    expect(answer.status).toBe(200);
    expect(answer.headers["access-control-allow-origin"]).toBe("https://tern.example.com");
    expect(server.publicUrl).toBe("https://tern.example.com");
  });

  it("answers the preflight of an allow-listed origin and lets it act", async () => {
    const preflight = await rawRequest(port, {
      method: "OPTIONS",
      target: "/graphql",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    const answer = await post({ origin: "http://localhost:5173" }, CREATE_PROJECT("allow-listed"));
    expect(JSON.parse(answer.body).data.create_project.id).toBeTruthy();
  });

  it("answers the allow-listed origin's preflight for the live stream's reservation", async () => {
    const preflight = await rawRequest(port, {
      method: "OPTIONS",
      target: "/graphql/stream",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "PUT", "access-control-request-headers": "x-graphql-event-stream-token" },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    expect(preflight.headers["access-control-allow-methods"]).toContain("PUT");
    const reserved = await rawRequest(port, { method: "PUT", target: "/graphql/stream", headers: { origin: "http://localhost:5173" } });
    expect(reserved.status).toBe(201);
    expect(reserved.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
  });

  it("refuses another origin's preflight and its request, storing nothing", async () => {
    const before = await projectCount();
    const preflight = await rawRequest(port, { method: "OPTIONS", target: "/graphql", headers: { origin: "http://localhost:5174", "access-control-request-method": "POST" } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    for (const target of ["/graphql", "/", "/graphql/stream"]) {
      const answer = await rawRequest(port, { method: "POST", target, headers: { "content-type": "application/json", origin: "http://localhost:5174" }, body: CREATE_PROJECT("refused") });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe("ORIGIN_NOT_ALLOWED");
    }
    expect(await projectCount()).toBe(before);
  });

  it("refuses a rebound Host on every route, the dashboard and health check included", async () => {
    for (const target of ["/", "/graphql", "/graphql/stream", "/healthz", "/metrics", "/flow-run/x"]) {
      const answer = await rawRequest(port, { method: "GET", target, headers: { host: `rebound.attacker.example:${port}` } });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body).errors[0].extensions.code).toBe("HOST_NOT_ALLOWED");
    }
  });
});

describe("tern server start as a process", () => {
  let home: string;
  let child: ChildProcess | undefined;
  let stdout = "";

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "tern-front-"));
    child = spawn(process.execPath, [TERN, "server", "start", "--port", "0", "--database-url", join(home, "tern.db"), "--public-url", "https://tern.example.com/"], {
      env: { ...process.env, TERN_HOME: home },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
    await new Promise<void>((resolve, reject) => {
      child!.once("exit", (code) => reject(new Error(`tern server start exited with ${code}: ${stdout}`)));
      child!.stdout!.on("data", () => {
        if (/GraphQL:\s+\S+/.test(stdout) && /Listening:\s+http:\/\/127\.0\.0\.1:\d+/.test(stdout)) resolve();
      });
    });
  }, 60_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(home, { recursive: true, force: true });
  });

  it("prints the public URL for the dashboard and GraphQL", () => {
    expect(stdout).toContain("Dashboard: https://tern.example.com/");
    expect(stdout).toContain("GraphQL:   https://tern.example.com/graphql");
  });

});

describe("a server process under hostile requests", () => {
  let home: string;
  let child: ChildProcess;
  let port = 0;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "tern-front-"));
    const config = { port: 0, host: "127.0.0.1", databaseUrl: join(home, "tern.db"), uiDir: createUiDir() };
    child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "testing/server-child.ts"), JSON.stringify(config)], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    port = await new Promise<number>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`server process exited with ${code}`)));
      child.stdout!.on("data", (c: Buffer) => {
        stdout += c.toString();
        const match = /listening http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
        if (match) resolve(Number(match[1]));
      });
    });
  }, 60_000);
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(home, { recursive: true, force: true });
  });

  it("survives a malformed path, a cross-site form, a rebound Host and a 10,000-level document, answering each", async () => {
    const hostile: Parameters<typeof rawRequest>[1][] = [
      { method: "GET", target: "/%" },
      { method: "GET", target: "/assets/%E0%A4%A" },
      { method: "GET", target: "//" },
      { method: "POST", target: "/", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `query=${encodeURIComponent('mutation { create_project(input: { name: "x" }) { id } }')}` },
      { method: "GET", target: "/healthz", headers: { host: "rebound.attacker.example" } },
      { method: "POST", target: "/graphql", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `${"{ project ".repeat(10_000)}${"}".repeat(10_000)}` }) },
      { method: "GET", target: "/metrics" },
    ];
    const statuses: number[] = [];
    for (const request of hostile) statuses.push((await rawRequest(port, request)).status);
    expect(statuses).toEqual([400, 400, 400, 415, 403, 400, 200]);
    expect(child.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await rawRequest(port, { method: "GET", target: "/flow-run/abc" })).body).toContain("<title>Tern</title>");
  });
});

describe("tern server start with a bad --public-url", () => {
  it("exits 1 with one line naming the flag", async () => {
    const home = mkdtempSync(join(tmpdir(), "tern-front-"));
    const child = spawn(process.execPath, [TERN, "server", "start", "--port", "0", "--database-url", join(home, "tern.db"), "--public-url", "tern.example.com"], {
      env: { ...process.env, TERN_HOME: home },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    rmSync(home, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Error: --public-url \(TERN_PUBLIC_URL\) must be an http/)]);
  }, 60_000);
});
