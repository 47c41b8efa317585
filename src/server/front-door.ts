import { networkInterfaces } from "node:os";
import type { ServerConfig } from "./config.ts";

/**
 * Who may knock: the `Host` and `Origin` rules every request passes before any route runs.
 *
 * `Host` must name this server (an address it is bound to, a loopback name, or the public URL's
 * host), so a page whose DNS name was rebound to 127.0.0.1 is turned away. `Origin` is what
 * browsers attach to cross-site requests; when present it must be the server's own origin (its
 * host equal to the checked `Host`), the public URL's, or one on the allow-list. Requests without
 * an `Origin` are not from a cross-site page (the CLI, SDK, agent, engine, the Prefect client), so
 * they pass.
 */

export interface Refusal {
  status: number;
  code: "HOST_NOT_ALLOWED" | "ORIGIN_NOT_ALLOWED";
  message: string;
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];
const WILDCARD_HOSTS = new Set(["", "0.0.0.0", "::", "[::]"]);

/** `::1` → `[::1]`, the form a hostname takes in a URL and in `Host`. */
function urlHostname(address: string): string {
  const lower = address.toLowerCase();
  return lower.includes(":") && !lower.startsWith("[") ? `[${lower}]` : lower;
}

/** Every address a wildcard-bound server is reachable at on this machine (zone-scoped ones have no URL form). */
function interfaceHostnames(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((a) => !a.address.includes("%"))
    .map((a) => urlHostname(a.address));
}

/** A `Host` header's hostname, or undefined when it is not a plain `name[:port]` (no userinfo, no path). */
function hostnameOf(host: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.exec(host);
  return match?.[1]?.toLowerCase();
}

export function allowedHostnames(config: Pick<ServerConfig, "host" | "publicUrl">): Set<string> {
  const bound = WILDCARD_HOSTS.has(config.host) ? interfaceHostnames() : [urlHostname(config.host)];
  const names = new Set([...LOOPBACK_NAMES, ...bound]);
  if (config.publicUrl) names.add(new URL(config.publicUrl).hostname);
  return names;
}

const preview = (value: string) => JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);

export function createFrontDoor(config: Pick<ServerConfig, "host" | "publicUrl" | "allowedOrigins">) {
  const hostnames = allowedHostnames(config);
  const origins = new Set(config.allowedOrigins);
  if (config.publicUrl) origins.add(new URL(config.publicUrl).origin);

  function hostAllowed(host: string | null | undefined): boolean {
    const name = host ? hostnameOf(host) : undefined;
    return name !== undefined && hostnames.has(name);
  }

  /** Whether a browser page at `origin` may call this server when it was reached as `host` (already checked). */
  function originAllowed(origin: string | null | undefined, host: string | null | undefined): boolean {
    if (origin === undefined || origin === null) return true;
    if (origins.has(origin)) return true;
    if (!URL.canParse(origin)) return false;
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === origin && url.host === host?.toLowerCase();
  }

  return {
    hostAllowed,
    originAllowed,
    /** Why a request must be turned away before any route sees it, or null when it may pass. */
    refusal(host: string | null | undefined, origin: string | null | undefined): Refusal | null {
      if (!hostAllowed(host)) {
        return {
          status: 403,
          code: "HOST_NOT_ALLOWED",
          message: `This server does not answer to the host ${preview(host ?? "")}. If it is reached through that name, start it with --public-url (TERN_PUBLIC_URL).`,
        };
      }
      if (!originAllowed(origin, host)) {
        return {
          status: 403,
          code: "ORIGIN_NOT_ALLOWED",
          message: `Requests from the web page at ${preview(origin ?? "")} are refused. To let a dashboard served elsewhere call this server, add its origin to --allowed-origins (TERN_ALLOWED_ORIGINS).`,
        };
      }
      return null;
    },
  };
}

export type FrontDoor = ReturnType<typeof createFrontDoor>;
