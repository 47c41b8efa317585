import { fileURLToPath } from "node:url";

const SDK_DIR = fileURLToPath(new URL(".", import.meta.url));

/**
 * The file that called into the SDK, found from the call stack: the first frame outside this
 * folder. Used as the Local storage path of a flow.
 */
export function callerFile(): string | undefined {
  const stack = new Error().stack ?? "";
  for (const line of stack.split("\n").slice(1)) {
    const match = line.match(/\(?((?:file:\/\/)?\/[^():]+?):\d+:\d+\)?\s*$/);
    if (!match) continue;
    let file = match[1];
    if (file.startsWith("file://")) file = fileURLToPath(file);
    file = file.replace(/\?.*$/, ""); // the engine imports flow files with a cache-busting query
    // Test files beside the SDK count as callers; the SDK's own modules do not.
    if ((file.startsWith(SDK_DIR) && !file.endsWith(".test.ts")) || file.includes("/node_modules/")) continue;
    return file;
  }
  return undefined;
}
