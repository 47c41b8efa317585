/** Checks of the notification rule form, the same the server makes (it answers BAD_USER_INPUT otherwise). */
export function validateWebhookUrl(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return "Enter the webhook URL.";
  const url = URL.canParse(trimmed) ? new URL(trimmed) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return "The webhook URL must start with http:// or https://.";
  if (url.username || url.password) return "Leave the user name and password out of the URL.";
  return null;
}
