import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures.ts";

test("notifications: a rule for Failed added in project settings posts to a webhook when a flow fails, and the delivery is listed", async ({ page, tern }) => {
  const received: Record<string, unknown>[] = [];
  const hook = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/tern`;
  try {
    const project = tern.unique("notified");
    await tern.createProject(project);
    const { flowGroupId } = await tern.registerFlow("examples/failing-flow.ts", project);

    await page.goto("/settings/projects");
    const form = page.getByRole("form", { name: "Add notification rule" });
    await form.getByLabel("Project").selectOption({ label: project });
    await expect(form.getByRole("checkbox", { name: "Failed", exact: true })).toBeChecked();
    // A URL that is not http(s) is refused in the form.
    await form.getByLabel("Webhook URL").fill("ftp://example.com/hook");
    await form.getByRole("button", { name: "Add rule" }).click();
    await expect(form.getByRole("alert")).toBeVisible();
    await form.getByLabel("Webhook URL").fill(hookUrl);
    await form.getByRole("button", { name: "Add rule" }).click();
    const rules = page.getByRole("table", { name: "Notification rules" });
    await expect(rules.getByRole("row").filter({ hasText: project })).toContainText(hookUrl);

    await page.goto(`/flow/${flowGroupId}`);
    await page.getByRole("button", { name: "Quick Run" }).click();
    await expect(page).toHaveURL(/\/flow-run\/[0-9a-f-]{36}/);
    const runId = page.url().split("/flow-run/")[1].split("?")[0];
    await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Failed");

    await page.goto("/settings/projects");
    const delivery = page.getByRole("table", { name: "Deliveries" }).getByRole("row").filter({ hasText: project });
    await expect(delivery).toContainText("Delivered");
    await expect(delivery).toContainText("Failed");
    expect(received).toEqual([expect.objectContaining({ run_id: runId, project, flow: "failing-flow", state: "Failed", run_url: expect.stringContaining(`/flow-run/${runId}`), text: expect.any(String) })]);
  } finally {
    hook.closeAllConnections();
    await new Promise((resolve) => hook.close(resolve));
  }
});
