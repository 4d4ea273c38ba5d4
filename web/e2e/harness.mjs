// A small end-to-end harness on playwright-core: Debian's chromium, headless, one browser for the
// whole run, a fresh context per scenario, console errors fail the scenario, and every page the
// scenarios visit is screenshotted to e2e/screenshots/ (not committed).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

export const BASE = process.env.CONVERZA_URL ?? "http://127.0.0.1:18080";
export const PASSWORD = process.env.DEMO_PASSWORD ?? "converza-demo";
export const MANAGER = process.env.DEMO_EMAIL ?? "manager@acme.test";
export const ADMIN = process.env.DEMO_ADMIN_EMAIL ?? "admin@converza.test";
const SHOTS = path.join(import.meta.dirname, "screenshots");
mkdirSync(SHOTS, { recursive: true });
for (const f of readdirSync(SHOTS)) if (f.startsWith("FAILED-")) rmSync(path.join(SHOTS, f)); // from an earlier run

/** One SQL query against the stack's database (as the owner, bypassing RLS); rows of columns. */
export function sql(query) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run through scripts/test-stack)");
  const out = execFileSync("psql", ["-X", "-q", "-At", "-F", "\t", url, "-c", query], { encoding: "utf8" });
  return out.trim() === ""
    ? []
    : out
        .trim()
        .split("\n")
        .map((l) => l.split("\t"));
}
export const sqlValue = (q) => sql(q)[0]?.[0];

/** The demo manager's tenant id. */
export function acme() {
  return sqlValue(`select m.tenant_id from members m join auth.users u on u.id = m.user_id where u.email = '${MANAGER}'`);
}

/** A second tenant with one call and one dead-lettered job, for isolation and admin tests. */
export function otherTenant() {
  sql(`insert into tenants (name, slug, plan, plan_price_cents) values ('Globex E2E', 'globex-e2e', 'growth', 29900) on conflict (slug) do nothing`);
  const tenant = sqlValue(`select id from tenants where slug = 'globex-e2e'`);
  sql(`insert into calls (tenant_id, call_sid, from_number, to_number, direction, started_at, pipeline_status)
       values ('${tenant}', 'CAe2eglobex00000000000000000000001', '+13125550111', '+13125550100', 'inbound', now() - interval '1 hour', 'failed')
       on conflict (call_sid) do nothing`);
  const call = sqlValue(`select id from calls where call_sid = 'CAe2eglobex00000000000000000000001'`);
  sql(`insert into jobs (tenant_id, kind, call_id, state, attempts, last_error)
       values ('${tenant}', 'analyze', '${call}', 'dead', 5, 'e2e: simulated provider failure')
       on conflict (tenant_id, kind, call_id) do update set state = 'dead', attempts = 5, last_error = excluded.last_error`);
  return { tenant, call };
}

export class AssertionError extends Error {}
export function expect(cond, message) {
  if (!cond) throw new AssertionError(message);
}
export function expectEqual(actual, expected, what) {
  if (actual !== expected) throw new AssertionError(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Poll `fn` until it returns a truthy value (or throw with `what`). */
export async function until(fn, what, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new AssertionError(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
}

export async function signIn(page, email, password = PASSWORD) {
  await page.goto(`${BASE}/sign-in`);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"), { timeout: 15_000 });
}

export async function shot(page, name, { idle = true } = {}) {
  // idle: false for a page held on purpose (a request a scenario keeps waiting never goes idle).
  if (idle) await page.waitForLoadState("networkidle").catch(() => {});
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Debian's chromium, headless, as every scenario (and bench/player) runs it. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--disable-dev-shm-usage"],
  });
}

/** Runs one scenario in a fresh context; true when it passed (a failure is printed). */
async function runScenario(browser, s) {
  const context = await browser.newContext({ viewport: s.viewport ?? { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors = [];
  const allowed = s.allowConsole ?? [];
  page.on("console", (m) => {
    if (m.type() === "error" && !allowed.some((re) => re.test(m.text()))) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  // Chromium's "Failed to load resource" does not name the resource: the failure message does.
  const failedResponses = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failedResponses.push(`HTTP ${r.status()} from ${r.request().method()} ${r.url()}`);
  });
  const t0 = Date.now();
  try {
    await s.fn({ page, context });
    expect(errors.length === 0, `console errors:\n  ${errors.join("\n  ")}\n  failed requests:\n  ${failedResponses.join("\n  ")}`);
    console.log(`ok   ${s.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return true;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.log(`FAIL ${s.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n     ${message}`);
    if (!(e instanceof AssertionError) && e instanceof Error) console.log(e.stack);
    await page.screenshot({ path: path.join(SHOTS, `FAILED-${s.name.replace(/\W+/g, "-")}.png`), fullPage: true }).catch(() => {});
    return false;
  } finally {
    await context.close();
  }
}

export async function run(scenarios) {
  const only = process.env.E2E_ONLY;
  const probe = await fetch(`${BASE}/sign-in`).catch((e) => ({ status: String(e) }));
  if (probe.status !== 200) {
    console.log(`FAIL ${BASE}/sign-in answered ${probe.status}: is the web export built (make build) and STATIC_DIR=web/out?`);
    return 1;
  }
  const browser = await launchBrowser();
  let failed = 0;
  const started = Date.now();
  const selected = scenarios.filter((s) => !only || s.name.includes(only));
  for (const s of selected) {
    if (!(await runScenario(browser, s))) failed++;
  }
  await browser.close();
  console.log(`${selected.length - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${SHOTS}`);
  return failed;
}
