import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures.ts";

/**
 * A page on another site, opened in the user's browser, tries every way a browser lets it send a
 * request to the local Tern server without asking: form posts (urlencoded, multipart, text/plain)
 * and fetches (no-cors, and a JSON fetch that needs a preflight). None may create anything.
 */

function attackerPage(ternUrl: string, name: string): string {
  const mutation = `mutation { create_project(input: { name: ${JSON.stringify(name)} }) { id } }`;
  const form = (action: string, enctype: string, field: string, value: string, frame: string) =>
    `<iframe name="${frame}"></iframe><form action="${action}" method="POST" enctype="${enctype}" target="${frame}"><input name='${field}' value='${value.replaceAll("'", "&#39;")}'></form>`;
  // text/plain forms send `name=value`: a name ending in `"x":"` makes the body valid JSON.
  const jsonViaText = JSON.stringify({ query: mutation, x: "" }).slice(0, -2);
  return `<!doctype html><title>Attacker</title>
${form(`${ternUrl}/graphql`, "application/x-www-form-urlencoded", "query", mutation, "f1")}
${form(`${ternUrl}/`, "application/x-www-form-urlencoded", "query", mutation, "f2")}
${form(`${ternUrl}/graphql`, "multipart/form-data", "operations", JSON.stringify({ query: mutation }), "f3")}
${form(`${ternUrl}/`, "text/plain", jsonViaText, '"}', "f4")}
<script>
  const frames = [...document.querySelectorAll("iframe")];
  const loaded = Promise.all(frames.map((f) => new Promise((r) => f.addEventListener("load", r, { once: true }))));
  for (const form of document.forms) form.submit();
  const body = JSON.stringify({ query: ${JSON.stringify(mutation)} });
  const fetches = [
    fetch(${JSON.stringify(`${ternUrl}/graphql`)}, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body }),
    fetch(${JSON.stringify(`${ternUrl}/`)}, { method: "POST", mode: "no-cors", body }),
    fetch(${JSON.stringify(`${ternUrl}/graphql`)}, { method: "POST", headers: { "content-type": "application/json" }, body }),
  ].map((p) => p.then(() => "sent", () => "failed"));
  Promise.all([loaded, ...fetches]).then(() => { document.title = "Done"; });
</script>`;
}

test("a page on another site cannot make the local server act", async ({ page, tern }) => {
  const name = tern.unique("cross-site");
  const attacker: Server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(attackerPage(tern.url, name)));
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = attacker.address() as AddressInfo;
    // localhost, not 127.0.0.1: another origin than the server's, as any other site would be.
    await page.goto(`http://localhost:${port}/`);
    await expect(page).toHaveTitle("Done");
    const { project } = await tern.gql("query($name: String!) { project(where: { name: { _eq: $name } }) { id } }", { name });
    expect(project).toEqual([]);
  } finally {
    await new Promise((resolve) => attacker.close(resolve));
  }
});
