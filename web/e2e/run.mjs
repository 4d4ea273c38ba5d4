// npm run e2e: every scenario in *.e2e.mjs against the stack at $CONVERZA_URL (scripts/test-stack
// exports it, DATABASE_URL and the demo logins). Exit status = number of failed scenarios.
// Scenario files are found by name, so adding one needs no edit here; they run in name order.
import { readdirSync } from "node:fs";
import { run } from "./harness.mjs";

const dir = new URL(".", import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".e2e.mjs"))
  .sort();
const scenarios = [];
for (const f of files) scenarios.push(...(await import(new URL(f, dir).href)).scenarios);

const failed = await run(scenarios);
process.exit(failed ? 1 : 0);
