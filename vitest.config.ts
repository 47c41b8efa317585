import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "examples/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // API tests start real servers and child processes; two cores cannot take many at once.
    maxWorkers: 2,
    // Engines started by tests keep task results here, never in the developer's ~/.tern.
    env: { TERN_RESULTS_DIR: join(tmpdir(), "tern-test-results") },
  },
});
