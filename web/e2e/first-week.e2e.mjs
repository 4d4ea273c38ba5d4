// Issue 17, "a manager's first week": the admin numbers tell the truth (status labels, slugs,
// a missing cost source stated), one price list shown identically on the landing page, sign-up,
// onboarding and the admin console, and the manager's pages work on a 390 px phone.
import { ADMIN, BASE, MANAGER, expect, expectEqual, otherTenant, shot, signIn, sql, until } from "./harness.mjs";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** The price list as a page shows it: "Name $price" per card, in order. */
async function shownPlans(page) {
  const list = page.getByTestId("price-list").first();
  // The cards are plan-<key>; their prices (plan-price) share the prefix.
  const cards = list.locator("[data-testid^=plan-]:not([data-testid=plan-price])");
  await cards.first().waitFor();
  return cards.evaluateAll((cards) => cards.map((c) => `${c.querySelector("h3").textContent} ${c.querySelector("[data-testid=plan-price]").textContent}`));
}

/** No page-level horizontal scroll. */
async function noHorizontalOverflow(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll <= inner, `${what}: the page scrolls sideways (${scroll} px wide in a ${inner} px window)`);
}

const expectedPlans = () => sql("select name, price_cents from plans order by position").map(([n, c]) => `${n} $${Number(c) / 100}`);

export const scenarios = [
  {
    name: "first week: admin margin says no revenue, shows slugs and the missing OpenAI cost",
    viewport: DESKTOP,
    fn: async ({ page }) => {
      otherTenant();
      // A second "Globex E2E" that bills nothing: told apart by slug, labelled "No revenue".
      sql(`insert into tenants (name, slug, plan, plan_price_cents) values ('Globex E2E', 'globex-e2e-2', 'starter', 0) on conflict (slug) do nothing`);
      await signIn(page, ADMIN);
      await page.waitForURL(/\/admin/);
      const table = page.getByTestId("margin-table");
      const free = table.locator("tr", { hasText: "globex-e2e-2" });
      await free.waitFor();
      expectEqual((await free.getByTestId("margin-status").textContent()).trim(), "No revenue", "a tenant billing nothing");
      await table.locator("tr", { hasText: "globex-e2e" }).first().waitFor();
      // The stack runs the rules analyzer: no OpenAI spend, and the page says why.
      await page.getByTestId("missing-costs").getByText("no OpenAI spend: rules analyzer").waitFor();
      await table.getByText("no OpenAI spend: rules analyzer").first().waitFor();
      expect(
        /pts (above|below) the 80% target/.test(await page.getByTestId("total-margin-note").textContent()),
        "the headline margin states its distance to the target",
      );
      await shot(page, "90-first-week-admin-1440");
      await page.setViewportSize(PHONE);
      await shot(page, "90-first-week-admin-390");
    },
  },
  {
    name: "first week: one price list on the landing page, sign-up, onboarding and admin",
    viewport: DESKTOP,
    fn: async ({ page, context }) => {
      const want = expectedPlans();
      await page.goto(`${BASE}/`);
      expectEqual(JSON.stringify(await shownPlans(page)), JSON.stringify(want), "landing page prices");
      await shot(page, "91-first-week-landing-1440");
      await page.setViewportSize(PHONE);
      await noHorizontalOverflow(page, "landing page");
      await shot(page, "91-first-week-landing-390");
      await page.setViewportSize(DESKTOP);

      // Every card leads to sign-up with its plan, and sign-up says which.
      await page.getByTestId("plan-growth").getByRole("link").click();
      await page.waitForURL(/\/sign-up\?plan=growth/);
      await page.getByTestId("chosen-plan").getByText("Growth plan").waitFor();
      const email = `first-week-${Date.now()}@example.com`;
      await page.getByLabel("Work email").fill(email);
      await page.getByLabel("Password").fill("first-week-pass");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(/\/onboarding\?plan=growth/, { timeout: 15_000 });
      expectEqual(JSON.stringify(await shownPlans(page)), JSON.stringify(want), "onboarding prices");
      expectEqual(await page.getByTestId("plan-growth").getByRole("button").getAttribute("aria-pressed"), "true", "growth is chosen in onboarding");
      await page.getByLabel("Organisation name").fill(`First Week ${Date.now()}`);
      await page.getByRole("button", { name: "Continue" }).click();
      await until(
        () =>
          sql(`select t.plan from tenants t join members m on m.tenant_id = t.id join auth.users u on u.id = m.user_id where u.email = '${email}'`)[0]?.[0] ===
          "growth",
        "the organisation was created on the growth plan",
      );
      await shot(page, "92-first-week-onboarding-1440");

      // The admin signs in elsewhere (the session lives in this context's local storage).
      const elsewhere = await context.browser().newContext({ viewport: DESKTOP });
      try {
        const admin = await elsewhere.newPage();
        await signIn(admin, ADMIN);
        await admin.waitForURL(/\/admin/);
        expectEqual(JSON.stringify(await shownPlans(admin)), JSON.stringify(want), "admin price list");
      } finally {
        await elsewhere.close();
      }
    },
  },
  {
    name: "first week: dashboard, calls and a call fit a 390 px phone",
    viewport: PHONE,
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      await page.waitForURL(/\/dashboard/);
      await page.getByText("Agent leaderboard").waitFor();
      await noHorizontalOverflow(page, "dashboard");
      // The navigation is behind the menu button.
      const menu = page.getByTestId("menu-button");
      await menu.click();
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calls" }).click();
      await page.waitForURL(/\/calls/);
      await page.getByTestId("call-row").first().waitFor();
      await noHorizontalOverflow(page, "calls list");
      await shot(page, "93-first-week-calls-390");
      await page.getByTestId("call-row").first().getByRole("link").first().click();
      await page.waitForURL(/\/calls\/view/);
      await page.getByTestId("waveform").waitFor();
      await noHorizontalOverflow(page, "call view");
      // Scroll well into the transcript: the player stays on screen.
      // (the transcript's last sentence in the middle of the screen: further down the page come
      // the analysis and the comments, where the player is not meant to follow).
      await page
        .getByTestId("turn")
        .last()
        .evaluate((t) => t.scrollIntoView({ block: "center" }));
      await page.waitForTimeout(200);
      const box = await page.getByTestId("player-card").boundingBox();
      expect(box && box.y >= -1 && box.y < 844, `the player is on screen after scrolling the transcript (y = ${box?.y})`);
      await page.screenshot({ path: `${import.meta.dirname}/screenshots/94-first-week-call-scrolled-390.png` });
      await page.setViewportSize(DESKTOP);
      await shot(page, "94-first-week-call-1440");
    },
  },
];
