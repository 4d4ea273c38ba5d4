import { BASE, MANAGER, expect, otherTenant, shot, signIn, until } from "./harness.mjs";

export const scenarios = [
  {
    name: "a manager cannot open admin pages or another tenant's call",
    fn: async ({ page }) => {
      const { call } = otherTenant();
      await signIn(page, MANAGER);
      await page.goto(`${BASE}/admin`);
      await page.getByTestId("forbidden").waitFor();
      expect((await page.getByTestId("margin-table").count()) === 0, "no admin data rendered");
      expect((await page.getByRole("link", { name: "Admin console" }).count()) === 0, "no admin link in the navigation");
      await shot(page, "50-manager-admin-forbidden");
      // The API itself refuses, not just the page.
      const status = await page.evaluate(async () => {
        const raw = localStorage.getItem("converza-auth");
        const token = raw ? JSON.parse(raw).access_token : "";
        const r = await fetch("/api/v1/admin/tenants", { headers: { Authorization: `Bearer ${token}` } });
        return r.status;
      });
      expect(status === 403, `GET /api/v1/admin/tenants as a manager: expected 403, got ${status}`);

      await page.goto(`${BASE}/calls/view?id=${call}`);
      await page.getByTestId("call-error").waitFor();
      await until(async () => (await page.getByTestId("call-error").textContent()).includes("Call not found"), "not-found message");
      expect((await page.getByTestId("turn").count()) === 0, "nothing of the other tenant's call is shown");
      await shot(page, "51-manager-foreign-call");
    },
    allowConsole: [/status of 40[34]/],
  },
  {
    name: "a page load with a stored session the API refuses signs out and asks to sign in again",
    fn: async ({ page }) => {
      const { call } = otherTenant();
      await signIn(page, MANAGER);
      // The token is sent from storage before supabase-js loads (lib/early.ts, storedSession):
      // the API still decides. A token it refuses (here: a forged one, not yet "expired").
      await page.evaluate(() => {
        const s = JSON.parse(localStorage.getItem("converza-auth"));
        localStorage.setItem("converza-auth", JSON.stringify({ ...s, access_token: "forged.not.valid" }));
      });
      await page.goto(`${BASE}/calls/view?id=${call}`);
      await page.waitForURL(/\/sign-in\?next=/);
      await until(async () => (await page.evaluate(() => localStorage.getItem("converza-auth"))) === null, "the stored session removed");
      expect((await page.getByTestId("turn").count()) === 0, "nothing of a call is shown");
    },
    // 401: the API refusing the token; 403: the auth server refusing it on sign-out.
    allowConsole: [/status of 40[13]/],
  },
];
