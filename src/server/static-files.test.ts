import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./db/testing.ts";
import { acceptedEncodings } from "./http.ts";
import { type RunningServer, startServer } from "./main.ts";

/** The dashboard as the build leaves it: a hashed asset with .br and .gz beside it, one with none, index.html. */
const APP_JS = `export const app = ${JSON.stringify("x".repeat(4096))};\n`;
const PLAIN_JS = "export {};\n";
const INDEX = "<!doctype html><title>Tern</title><div id=root></div>";

function createBuiltUiDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tern-ui-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), INDEX);
  writeFileSync(join(dir, "assets", "app-1a2b3c.js"), APP_JS);
  writeFileSync(join(dir, "assets", "app-1a2b3c.js.br"), brotliCompressSync(APP_JS));
  writeFileSync(join(dir, "assets", "app-1a2b3c.js.gz"), gzipSync(APP_JS));
  writeFileSync(join(dir, "assets", "small-4d5e6f.js"), PLAIN_JS);
  return dir;
}

function get(base: string, path: string, acceptEncoding?: string, method = "GET") {
  // Node's fetch would add its own Accept-Encoding and decode the body; ask exactly, read raw bytes.
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((done, fail) => {
    const req = request(`${base}${path}`, { method, headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("the dashboard's files, precompressed", () => {
  let database: TestDatabase;
  let server: RunningServer;
  let uiDir: string;

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    uiDir = createBuiltUiDir();
    server = await startServer({ databaseUrl: database.url, port: 0, host: "127.0.0.1", uiDir });
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it("sends the brotli variant to a client that accepts br, as Chromium does", async () => {
    const answer = await get(server.url, "/assets/app-1a2b3c.js", "gzip, deflate, br, zstd");
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(answer.headers.vary).toBe("Accept-Encoding");
    expect(Number(answer.headers["content-length"])).toBe(answer.body.length);
    expect(brotliDecompressSync(answer.body).toString()).toBe(APP_JS);
  });

  it("sends the gzip variant when br is not accepted or is refused with q=0", async () => {
    for (const accept of ["gzip", "gzip, deflate", "br;q=0, gzip;q=0.8", "*, br;q=0"]) {
      const answer = await get(server.url, "/assets/app-1a2b3c.js", accept);
      expect(answer.headers["content-encoding"], accept).toBe("gzip");
      expect(gunzipSync(answer.body).toString()).toBe(APP_JS);
    }
  });

  it("sends the plain file without Accept-Encoding, or when every variant is refused", async () => {
    for (const accept of [undefined, "identity", "br;q=0, gzip;q=0", "deflate"]) {
      const answer = await get(server.url, "/assets/app-1a2b3c.js", accept);
      expect(answer.headers["content-encoding"], String(accept)).toBeUndefined();
      expect(answer.headers.vary).toBe("Accept-Encoding");
      expect(answer.body.toString()).toBe(APP_JS);
    }
  });

  it("falls back to the plain file when the build wrote no variant for it", async () => {
    const answer = await get(server.url, "/assets/small-4d5e6f.js", "br, gzip");
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.body.toString()).toBe(PLAIN_JS);
  });

  it("caches hashed assets for a year as immutable, and makes index.html revalidate", async () => {
    expect((await get(server.url, "/assets/app-1a2b3c.js", "br")).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await get(server.url, "/assets/small-4d5e6f.js")).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const path of ["/", "/index.html", "/flow-run/abc"]) {
      const answer = await get(server.url, path, "br, gzip");
      expect(answer.headers["cache-control"], path).toBe("no-cache");
      expect(answer.body.toString()).toBe(INDEX);
    }
  });

  it("answers HEAD with the headers of the variant GET would send, and no body", async () => {
    const head = await get(server.url, "/assets/app-1a2b3c.js", "br", "HEAD");
    const full = await get(server.url, "/assets/app-1a2b3c.js", "br");
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.headers["content-length"]).toBe(full.headers["content-length"]);
    expect(head.body.length).toBe(0);
  });

  it("sends the same bytes on every ask, and a file a new build rewrote as it now is", async () => {
    for (let i = 0; i < 3; i++) expect(brotliDecompressSync((await get(server.url, "/assets/app-1a2b3c.js", "br")).body).toString()).toBe(APP_JS);
    expect((await get(server.url, "/")).body.toString()).toBe(INDEX);
    const rebuilt = `${INDEX}<script type="module" src="/assets/app-7f8e9d.js"></script>`;
    writeFileSync(join(uiDir, "index.html"), rebuilt);
    try {
      const answer = await get(server.url, "/");
      expect(answer.body.toString()).toBe(rebuilt);
      expect(Number(answer.headers["content-length"])).toBe(rebuilt.length);
    } finally {
      writeFileSync(join(uiDir, "index.html"), INDEX);
    }
    expect((await get(server.url, "/")).body.toString()).toBe(INDEX);
  });
});

describe("acceptedEncodings", () => {
  it("reads names, q-values and the wildcard", () => {
    expect([...acceptedEncodings("gzip, deflate, br, zstd")].sort()).toEqual(["br", "deflate", "gzip", "zstd"]);
    expect([...acceptedEncodings("BR;q=0.5, gzip;q=0")]).toEqual(["br"]);
    expect([...acceptedEncodings("*")].sort()).toEqual(["br", "gzip"]);
    expect([...acceptedEncodings("*;q=0")]).toEqual([]);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});
