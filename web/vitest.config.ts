import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: { environment: "jsdom", include: ["lib/**/*.test.ts", "lib/**/*.test.tsx", "components/**/*.test.tsx"] },
});
