import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The SPA lives in src/ui; `npm run build` writes dist/, which the Tern server serves at `/`.
export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  server: {
    port: 5173,
    proxy: { "/graphql": { target: process.env.TERN_API_ORIGIN ?? "http://127.0.0.1:4200", changeOrigin: true } },
  },
});
