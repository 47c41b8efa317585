import { NavLink, Outlet, useNavigation } from "react-router";
import { startTransition, useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { apiKey, useApiKeyState } from "../lib/api-key.ts";
import { useConnectionLive } from "../lib/connection.ts";
import { cn } from "../lib/cn.ts";
import { applyTheme, type Theme, themePreference, timePreference } from "../lib/preferences.ts";
import { Button } from "./ui/button.tsx";
import { Select } from "./ui/field.tsx";

const nav = [
  { to: "/", label: "Dashboard", end: true },
  { to: "/settings/projects", label: "Projects", end: false },
  { to: "/agents", label: "Agents", end: false },
];

export function AppShell() {
  const theme = themePreference.use();
  const live = useConnectionLive();
  const navigation = useNavigation();
  useEffect(() => {
    applyTheme(theme);
    if (theme !== "system") return;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => applyTheme("system");
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, [theme]);
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only rounded-md bg-card px-3 py-2 text-sm font-medium focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50">
        Skip to main content
      </a>
      <header className="flex flex-wrap items-center gap-4 border-b px-4 py-2">
        <NavLink to="/" className="flex items-center gap-2 font-semibold">
          <img src="/favicon.svg" alt="" className="size-5" /> Tern
        </NavLink>
        <nav aria-label="Main" className="flex gap-1">
          {nav.map((n) => (
            <NavLink key={n.to} to={n.to} end={n.end} className={({ isActive }) => cn("rounded-md px-2.5 py-1 text-sm", isActive ? "bg-muted font-medium" : "text-muted-foreground hover:text-foreground")}>
              {n.label}
            </NavLink>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <TimeControls />
          <Select aria-label="Theme" value={theme} onChange={(e) => themePreference.set(e.target.value as Theme)}>
            <option value="system">System theme</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </Select>
          <ForgetKeyButton />
        </div>
      </header>
      {!live ? (
        <div role="status" className="bg-warning/15 px-4 py-2 text-sm text-warning">
          Lost the live connection to the server. Checking every few seconds; updates resume on reconnect.
        </div>
      ) : null}
      {navigation.state === "loading" ? <div aria-hidden className="h-0.5 animate-pulse bg-primary" /> : null}
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl p-4 focus:outline-none">
        <Outlet />
      </main>
    </div>
  );
}

/**
 * Every IANA zone the browser knows, read once; "UTC" has its own option above the list. A saved zone
 * the list names differently (an alias such as Asia/Kolkata for Asia/Calcutta) is listed as well.
 */
let zones: string[] | undefined;
const ianaZones = () => (zones ??= typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC") : []);

/**
 * False for the app's first render, true soon after it has painted (as a transition, which input
 * interrupts). For what no one can see or use before then: the zone list is ~430 options, hidden until
 * the select opens, and on a cold load they were three quarters of the elements the first paint made.
 */
function useAfterFirstPaint(): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => startTransition(() => setAfter(true)));
    return () => clearTimeout(timer);
  }, []);
  return after;
}

/** The zones the select lists: the chosen one alone until the full list is wanted, else every known zone (with the chosen one). */
function listedZones(zone: string, all: boolean): string[] {
  const chosen = zone === "local" || zone === "utc" ? [] : [zone];
  if (!all) return chosen;
  return chosen.length === 0 || ianaZones().includes(zone) ? ianaZones() : [zone, ...ianaZones()];
}

/** Zone (local, UTC or any IANA zone) and 12/24-hour clock: every time in the app follows them. */
function TimeControls() {
  const time = timePreference.use();
  const allZones = useAfterFirstPaint();
  return (
    <>
      <Select aria-label="Time zone" value={time.zone} onChange={(e) => timePreference.set({ zone: e.target.value })} className="max-w-44">
        <option value="local">Local time</option>
        <option value="utc">UTC</option>
        <optgroup label="Time zones">
          {listedZones(time.zone, allZones).map((z) => (
            <option key={z} value={z}>
              {z.replaceAll("_", " ")}
            </option>
          ))}
        </optgroup>
      </Select>
      <Select aria-label="Clock" value={String(time.hourCycle)} onChange={(e) => timePreference.set({ hourCycle: e.target.value === "12" ? 12 : 24 })}>
        <option value="24">24-hour</option>
        <option value="12">12-hour</option>
      </Select>
    </>
  );
}

/** Only while a key is saved: forgetting it makes the next request ask again (on a server with --auth). */
function ForgetKeyButton() {
  const { key } = useApiKeyState();
  const client = useQueryClient();
  if (!key) return null;
  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={() => {
        apiKey.forget();
        void client.invalidateQueries();
      }}
    >
      Forget API key
    </Button>
  );
}
