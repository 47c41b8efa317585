/** Where the node-side programs find the server: `--api`, else `TERN_API`, else the local default. */
export const DEFAULT_API = "http://127.0.0.1:4200/graphql";

export function apiUrl(explicit?: string): string {
  return explicit || process.env.TERN_API || DEFAULT_API;
}

/** The dashboard's base URL: `TERN_UI_URL`, else the server's `TERN_PUBLIC_URL`, else the API URL without `/graphql`. */
export function uiUrl(api: string): string {
  const explicit = process.env.TERN_UI_URL || process.env.TERN_PUBLIC_URL;
  if (explicit) return explicit.replace(/\/+$/, "");
  return api.replace(/\/graphql\/?$/, "").replace(/\/+$/, "");
}
