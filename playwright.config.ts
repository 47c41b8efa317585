import { defineConfig } from "@playwright/test";

/**
 * E2E journeys in the system's Chromium (Playwright's own browser download cannot work offline).
 * Each worker starts its own real server (temp SQLite) and local agent: see e2e/fixtures.ts.
 */
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Two cores: one worker keeps server, agent, engine processes and the browser from starving each other.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: "list",
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
});
