import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { expect, ROOT, test } from "./fixtures.ts";

/** What the Prefect 1 Python client registers for the tutorial's hello-flow. */
const PREFECT_HELLO = JSON.parse(readFileSync(join(ROOT, "src/server/testing/fixtures/prefect1-hello-flow.serialized.json"), "utf8"));

test("a Prefect 1 Python client's run waits for a Python agent, and its page says that kind of agent is missing", async ({ page, tern }) => {
  const projectId = await tern.createProject(tern.unique("python"));
  const flow = await tern.gql(`mutation($input: create_flow_input!) { create_flow(input: $input) { id } }`, {
    input: { project_id: projectId, serialized_flow: { ...PREFECT_HELLO, run_config: { ...PREFECT_HELLO.run_config, labels: [hostname()] } } },
  });
  // The fixture's Tern agent has the hostname label, so only the kind of agent stands between it and the run.
  const created = await tern.gql(`mutation($input: create_flow_run_input!) { create_flow_run(input: $input) { id } }`, {
    input: { flow_id: flow.create_flow.id, labels: [hostname()] },
  });
  await page.goto(`/flow-run/${created.create_flow_run.id}`);
  await expect(page.getByRole("note")).toContainText("needs a Prefect 1 Python agent", { timeout: 15_000 });
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Scheduled");
});
