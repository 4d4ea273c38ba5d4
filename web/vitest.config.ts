import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  // tsconfig keeps JSX for Next ("preserve"); component tests need it compiled.
  oxc: { jsx: { runtime: "automatic" } },
  test: { environment: "jsdom", include: ["lib/**/*.test.ts", "lib/**/*.test.tsx", "components/**/*.test.tsx"] },
});
