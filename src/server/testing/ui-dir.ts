import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A stand-in for the built dashboard (index.html and one hashed asset), so the static route runs in tests without a build. */
export function createUiDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "tern-ui-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>Tern</title><div id=root></div>");
  writeFileSync(join(dir, "assets", "app-1a2b3c.js"), "export {};\n");
  return dir;
}
