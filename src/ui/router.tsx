import { createBrowserRouter } from "react-router";
import { AppShell } from "./components/app-shell.tsx";
import { RouteError } from "./components/error-state.tsx";
import { lazyRoute } from "./lib/route-chunk.ts";
import { registerViewLoader } from "./lib/view-preload.ts";

/**
 * Every view is a lazy route module exporting loader and Component. Each view's error boundary is set
 * here rather than in its module: a module that fails to download must still fail inside the app's
 * frame (header, navigation), not in place of it.
 */
const runPage = () => import("./routes/flow-run/route.tsx");
registerViewLoader("flow-run", runPage);

const view = (load: () => Promise<object>) => ({ lazy: lazyRoute(load), ErrorBoundary: RouteError });

export const router = createBrowserRouter([
  {
    path: "/",
    Component: AppShell,
    ErrorBoundary: RouteError,
    HydrateFallback: () => null,
    children: [
      { index: true, ...view(() => import("./routes/dashboard/route.tsx")) },
      { path: "settings/projects", ...view(() => import("./routes/projects/route.tsx")) },
      { path: "agents", ...view(() => import("./routes/agents/route.tsx")) },
      { path: "flow/:flowGroupId", ...view(() => import("./routes/flow/route.tsx")) },
      { path: "flow-run/:id", ...view(runPage) },
      { path: "task-run/:id", ...view(() => import("./routes/task-run/route.tsx")) },
      // The Prefect client prints /<tenant slug>/flow/<flow group id>: same pages.
      { path: ":tenant/flow/:flowGroupId", ...view(() => import("./routes/flow/route.tsx")) },
      { path: ":tenant/flow-run/:id", ...view(runPage) },
      { path: "*", Component: NotFound },
    ],
  },
]);

function NotFound() {
  return (
    <div className="flex flex-col gap-4 p-6">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="text-sm">There is no page here.</p>
    </div>
  );
}
