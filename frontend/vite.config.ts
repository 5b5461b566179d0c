/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API the dev and preview servers forward `/graphql` and `/api` to.
const backend = process.env.BACKEND_URL ?? `http://127.0.0.1:${process.env.PORT ?? "8000"}`;
const proxy = {
  "/graphql": { target: backend, changeOrigin: false },
  "/api": { target: backend, changeOrigin: false },
};

export default defineConfig({
  plugins: [react()],
  server: { host: "127.0.0.1", port: 5173, proxy },
  preview: { host: "127.0.0.1", port: 4173, proxy },
  build: { outDir: "dist" },
  test: {
    environment: "node",
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    unstubGlobals: true,
    setupFiles: ["src/test/setup.ts"],
  },
});
