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

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ApiKeyGate onAccepted={refetchWithNewKey} />
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
