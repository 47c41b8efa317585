import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig, type Plugin } from "vite";
import { DASHBOARD_HASH_FILE, dashboardSourcesHash } from "./src/cli/dashboard-build.ts";

const apiOrigin = process.env.TERN_API_ORIGIN ?? "http://127.0.0.1:4200";

/** Records what the build was made from, so `tern dev` rebuilds only when a source's content changed. */
const recordSourcesHash: Plugin = {
  name: "tern-record-sources-hash",
  apply: "build",
  writeBundle() {
    writeFileSync(join(import.meta.dirname, DASHBOARD_HASH_FILE), `${dashboardSourcesHash(import.meta.dirname)}\n`);
  },
};

// The SPA lives in src/ui; `npm run build` writes dist/, which the Tern server serves at `/`.
export default defineConfig({
  plugins: [react(), tailwindcss(), recordSourcesHash],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  server: {
    port: 5173,
    proxy: {
      "/graphql": {
        target: apiOrigin,
        changeOrigin: true,
        // The Tern server refuses browser requests from other origins. The dev server's own pages
        // are the dashboard, so their Origin becomes the API's; any other page's Origin is passed on
        // unchanged, to be refused there.
        configure(proxy) {
          proxy.on("proxyReq", (proxyReq, req) => {
            if (req.headers.origin && req.headers.origin === `http://${req.headers.host}`) proxyReq.setHeader("origin", apiOrigin);
          });
        },
      },
    },
  },
});
