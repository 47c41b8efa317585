import { join } from "node:path";
import { expect, ROOT, test } from "../fixtures.ts";

/** The README's picture: a green run page of the tutorial flow. Run by `npm run screenshot`, not by `npm test`. */
test("docs/screenshot.png: the run page of a green hello-flow run", async ({ page, tern }) => {
  // The fixture's server is fresh: the tutorial's own project name is free.
  await tern.createProject("tutorial");
  const { flowGroupId } = await tern.registerFlow("examples/hello-flow.ts", "tutorial");
  await page.goto(`/flow/${flowGroupId}`);
  await page.getByRole("button", { name: "Quick Run" }).click();
  await expect(page.getByRole("status", { name: "Run state" })).toHaveText("Success");
  await expect(page.getByRole("list", { name: "Log lines" }).getByText("Hello, Cloud!")).toBeVisible();
  await expect(page.getByRole("table").getByText("Success")).toBeVisible();
  await page.screenshot({ path: join(ROOT, "docs/screenshot.png"), fullPage: true });
});
