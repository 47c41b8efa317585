import { createBrowserRouter } from "react-router";
import { AppShell } from "./components/app-shell.tsx";
import { RouteError } from "./components/error-state.tsx";

/** Every view is a lazy route module exporting loader, Component and ErrorBoundary. */
export const router = createBrowserRouter([
  {
    path: "/",
    Component: AppShell,
    ErrorBoundary: RouteError,
    HydrateFallback: () => null,
    children: [
      { index: true, lazy: () => import("./routes/dashboard/route.tsx") },
      { path: "settings/projects", lazy: () => import("./routes/projects/route.tsx") },
      { path: "agents", lazy: () => import("./routes/agents/route.tsx") },
      { path: "flow/:flowGroupId", lazy: () => import("./routes/flow/route.tsx") },
      { path: "flow-run/:id", lazy: () => import("./routes/flow-run/route.tsx") },
      { path: "task-run/:id", lazy: () => import("./routes/task-run/route.tsx") },
      // The Prefect client prints /<tenant slug>/flow/<flow group id>: same pages.
      { path: ":tenant/flow/:flowGroupId", lazy: () => import("./routes/flow/route.tsx") },
      { path: ":tenant/flow-run/:id", lazy: () => import("./routes/flow-run/route.tsx") },
      { path: "*", Component: NotFound },
    ],
  },
]);

function NotFound() {
  return <p className="p-6 text-sm">There is no page here.</p>;
}
