/**
 * Quick Run in a real browser: time from the click on "Quick Run" to "Success" on the run page
 * (client-side navigation, create_flow_run, the agent's warm engine, the live query), hello-flow,
 * through a real server (temp SQLite) and local agent. Prints figures; asserts nothing.
 * Needs `npm run build` first (the server serves dist/). Run: `npx tsx bench/browser.ts [runs]`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "@playwright/test";
import { median, percentile, report } from "./lib.ts";

const RUNS = Number(process.argv[2] ?? 10);
const ROOT = resolve(import.meta.dirname, "..");
const TERN = join(ROOT, "bin/tern.mjs");

function start(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [TERN, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const onData = (b: Buffer) => {
      out += b.toString();
      const match = out.match(ready);
      if (match) done({ child, match });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => fail(new Error(`tern ${args.join(" ")} exited ${code}:\n${out}`)));
  });
}

const home = mkdtempSync(join(tmpdir(), "tern-bench-browser-"));
const env = { ...process.env, TERN_HOME: home, DATABASE_URL: join(home, "tern.db") };
const server = await start(["server", "start", "--port", "0"], env, /GraphQL:\s+(http:\/\/\S+\/graphql)/);
const graphqlUrl = server.match[1];
const origin = graphqlUrl.replace(/\/graphql$/, "");
const agent = await start(["agent", "local", "start", "--api", graphqlUrl], { ...env, TERN_API: graphqlUrl }, /\S/);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  execFileSync(process.execPath, [TERN, "create", "project", "bench", "--api", graphqlUrl], { cwd: ROOT, env });
  const output = execFileSync(process.execPath, [TERN, "register", join(ROOT, "examples/hello-flow.ts"), "--project", "bench", "--api", graphqlUrl], { cwd: ROOT, env }).toString();
  const flowGroupId = output.match(/\/flow\/([0-9a-f-]{36})/)?.[1];
  if (!flowGroupId) throw new Error(`unexpected register output:\n${output}`);
  // Let the agent register and its warm engines load: the pool exists to pay that before the click.
  await new Promise((r) => setTimeout(r, 2000));

  const page = await browser.newPage({ baseURL: origin });
  // Marks taken inside the page (so the figure is what the user sees, not Playwright's polling):
  // the click, the run page's first paint, and the first frame that shows Success.
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, number | undefined>;
    document.addEventListener("click", (e) => {
      if ((e.target as HTMLElement).closest("button")?.textContent === "Quick Run") w.__click = performance.now();
    }, true);
    new MutationObserver(() => {
      if (w.__click === undefined) return;
      const status = document.querySelector('[aria-label="Run state"]');
      if (status && w.__page === undefined) w.__page = performance.now();
      if (status?.textContent === "Success" && w.__success === undefined) w.__success = performance.now();
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const times: number[] = [];
  const toPage: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await page.goto(`/flow/${flowGroupId}`);
    const button = page.getByRole("button", { name: "Quick Run" });
    await button.waitFor();
    await button.click();
    await page.getByRole("status", { name: "Run state" }).filter({ hasText: /^Success$/ }).waitFor({ timeout: 30_000 });
    const m = await page.evaluate(() => {
      const w = window as unknown as Record<string, number>;
      return { click: w.__click, page: w.__page, success: w.__success };
    });
    // The first run warms the route chunks and the server's caches.
    if (i > 0) {
      times.push(m.success - m.click);
      toPage.push(m.page - m.click);
    }
  }
  report({ name: `Quick Run click → Success on screen, p50 (${RUNS} runs)`, value: median(times), unit: "ms", budget: 100 });
  report({ name: "Quick Run click → Success on screen, p90", value: percentile(times, 90), unit: "ms" });
  report({ name: "  of which click → run page shown, p50", value: median(toPage), unit: "ms" });
  console.log(`runs: ${times.map((t) => t.toFixed(0)).join(" ")} ms`);
} finally {
  await browser.close();
  agent.child.kill("SIGINT");
  server.child.kill("SIGINT");
  await new Promise((r) => setTimeout(r, 500));
  rmSync(home, { recursive: true, force: true });
}
