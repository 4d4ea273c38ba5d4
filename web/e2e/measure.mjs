// Bundle size and first-load time of the dashboard (docs/benchmarks.md, "Dashboard").
//   node e2e/measure.mjs            bundle sizes of out/ only
//   scripts/test-stack --calls 30 --worker -- node web/e2e/measure.mjs   plus load times
// Load times: headless chromium, cold cache (disabled through CDP) on loopback, median of 5.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const out = path.join(import.meta.dirname, "..", "out");
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

function pageAssets(html) {
  const refs = new Set();
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="(\/_next\/static\/[^"]+\.(?:js|css))"[^>]*>/g)) {
    if (!/noModule/i.test(m[0])) refs.add(m[1]); // polyfills: only legacy browsers fetch them
  }
  return [...refs];
}

const pages = {
  "/": "index.html",
  "/sign-in": "sign-in.html",
  "/dashboard": "dashboard.html",
  "/calls": "calls.html",
  "/calls/view": "calls/view.html",
  "/admin": "admin.html",
};
console.log("| page | HTML gz | JS + CSS raw | JS + CSS gzip |\n|---|---:|---:|---:|");
for (const [route, file] of Object.entries(pages)) {
  const html = readFileSync(path.join(out, file), "utf8");
  let raw = 0,
    gz = 0;
  for (const a of pageAssets(html)) {
    const buf = readFileSync(path.join(out, a));
    raw += buf.length;
    gz += gzipSync(buf).length;
  }
  console.log(`| ${route} | ${kb(gzipSync(html).length)} | ${kb(raw)} | ${kb(gz)} |`);
}
let total = 0;
const walk = (d) =>
  readdirSync(d).forEach((f) => {
    const p = path.join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else total += statSync(p).size;
  });
walk(path.join(out, "_next", "static"));
console.log(`\nAll of out/_next/static: ${kb(total)} raw`);

const BASE = process.env.CONVERZA_URL;
if (BASE) {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  async function timeIt(url, ready, signedIn) {
    const fcp = [],
      loaded = [],
      usable = [];
    for (let i = 0; i < 5; i++) {
      const ctx = await browser.newContext();
      if (signedIn) await signedIn(ctx);
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      const t0 = Date.now();
      await page.goto(BASE + url);
      await page.locator(ready).first().waitFor({ timeout: 20_000 });
      usable.push(Date.now() - t0);
      const t = await page.evaluate(() => ({
        fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0,
        load: performance.getEntriesByType("navigation")[0].loadEventEnd,
      }));
      fcp.push(t.fcp);
      loaded.push(t.load);
      await ctx.close();
    }
    console.log(`| ${url} | ${median(fcp).toFixed(0)} ms | ${median(loaded).toFixed(0)} ms | ${median(usable).toFixed(0)} ms |`);
  }
  const signIn = async (ctx) => {
    const page = await ctx.newPage();
    await page.goto(`${BASE}/sign-in`);
    await page.getByLabel("Work email").fill(process.env.DEMO_EMAIL ?? "manager@acme.test");
    await page.getByLabel("Password").fill(process.env.DEMO_PASSWORD ?? "converza-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/dashboard/);
    await page.close();
  };
  console.log("\n| page (cold cache) | first contentful paint | load event | data on screen |\n|---|---:|---:|---:|");
  await timeIt("/", "h1", null);
  await timeIt("/sign-in", "form", null);
  await timeIt("/dashboard", '[data-testid="kpi-calls"] [data-testid="kpi-value"]', signIn);
  await timeIt("/calls", '[data-testid="call-row"]', signIn);
  await browser.close();
}
