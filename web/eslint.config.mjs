// ESLint: typescript-eslint's recommended rules and React's hooks rules (`npm run lint`, which
// fails on any warning). Generated files and build output are not linted.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["node_modules/", ".next/", "out/", "e2e/results/", "e2e/screenshots/", "lib/api-schema.d.ts", "next-env.d.ts"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat["recommended-latest"],
  // End-to-end scripts run in Node and hand some functions to the browser.
  { files: ["e2e/**", "*.mjs"], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
);
