import { describe, expect, it } from "vitest";
import { validateWebhookUrl } from "./notification-form.ts";

describe("validateWebhookUrl", () => {
  it("accepts http and https URLs", () => {
    expect(validateWebhookUrl("https://hooks.slack.com/services/x")).toBeNull();
    expect(validateWebhookUrl(" http://127.0.0.1:8080/hook ")).toBeNull();
  });
  it("refuses empty, other schemes and credentials", () => {
    for (const bad of ["", "  ", "ftp://x.example/", "javascript:alert(1)", "hooks.example.com", "https://u:p@x.example/"]) expect(validateWebhookUrl(bad)).not.toBeNull();
  });
});
