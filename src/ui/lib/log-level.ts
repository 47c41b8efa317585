/**
 * The colour of a log line by level: errors in the danger token, warnings in the warning token (both
 * meet WCAG AA as text on cards in either theme: theme-contrast.test.ts), the rest as plain text.
 */
export function logLevelClass(level: string | null | undefined): string {
  switch (level) {
    case "CRITICAL":
      return "text-danger font-semibold";
    case "ERROR":
      return "text-danger";
    case "WARNING":
    case "WARN":
      return "text-warning";
    default:
      return "";
  }
}
