import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { ApiKeyGate } from "./components/api-key-gate.tsx";
import { applyTheme, themePreference } from "./lib/preferences.ts";
import { queryClient } from "./lib/query-client.ts";
import { stateCssVariables } from "./lib/states.ts";
import { router } from "./router.tsx";
import "./styles.css";

for (const [name, value] of Object.entries(stateCssVariables())) document.documentElement.style.setProperty(name, value);
applyTheme(themePreference.get());

/** After a key is accepted: what failed without it loads again, and the route loaders run again. */
function refetchWithNewKey() {
  void queryClient.invalidateQueries();
  void router.revalidate();
}

// useTransitions={false}: a new page commits as soon as it has rendered. Inside a transition its render
// yields every few ms and starts over whenever the page it replaces gets a live update; after a Quick
// Run the flow page's live queries change with the new run, and the run page's first render (its
// code's first run in the tab, the slowest) was held back until the run had finished (~80 ms after
// the move, measured in the page). The app has no Suspense boundaries that a transition would keep.
createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ApiKeyGate onAccepted={refetchWithNewKey} />
      <RouterProvider router={router} useTransitions={false} />
    </QueryClientProvider>
  </StrictMode>,
);
