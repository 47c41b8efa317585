/** Client-side checks before a project name goes to the server (which re-checks and owns uniqueness). */
export function validateProjectName(name: string, takenNames: readonly string[] = [], currentName?: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return "A project needs a name.";
  if (trimmed.length > 100) return "Keep the name under 100 characters.";
  if (trimmed !== currentName && takenNames.includes(trimmed)) return "This project name is already in use.";
  return null;
}

/** The message for a server error code on a project form, or null to show the generic failure. */
export function projectErrorMessage(code: string | undefined): string | null {
  switch (code) {
    case "UNIQUENESS_VIOLATION":
      return "This project name is already in use.";
    case "BAD_USER_INPUT":
      return "The server refused this name.";
    case "NOT_FOUND":
      return "This project no longer exists.";
    default:
      return null;
  }
}
