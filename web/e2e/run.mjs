// npm run e2e: every scenario in *.e2e.mjs against the stack at $CONVERZA_URL (scripts/test-stack
// exports it, DATABASE_URL and the demo logins). Exit status = number of failed scenarios.
import { run } from "./harness.mjs";
import { scenarios as publicPages } from "./public.e2e.mjs";
import { scenarios as manager } from "./manager.e2e.mjs";
import { scenarios as coaching } from "./coaching.e2e.mjs";
import { scenarios as access } from "./access.e2e.mjs";
import { scenarios as onboarding } from "./onboarding.e2e.mjs";
import { scenarios as admin } from "./admin.e2e.mjs";
import { scenarios as unscored } from "./unscored.e2e.mjs";

const failed = await run([...publicPages, ...manager, ...coaching, ...access, ...onboarding, ...admin, ...unscored]);
process.exit(failed ? 1 : 0);
