import { BASE, expect, shot } from "./harness.mjs";

export const scenarios = [
  {
    name: "public pages render and link to sign-in / sign-up",
    fn: async ({ page }) => {
      await page.goto(`${BASE}/`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await shot(page, "01-landing");
      await page.getByRole("link", { name: "Start free" }).click();
      await page.waitForURL(/\/sign-up/);
      await page.getByRole("heading", { name: /Create your Converza workspace/ }).waitFor();
      await shot(page, "02-sign-up");
      await page.goto(`${BASE}/sign-in`);
      await page.getByLabel("Work email").fill("nobody@example.test");
      await page.getByLabel("Password").fill("wrong-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      const alert = page.locator("main").getByRole("alert"); // (Next also renders an empty route-announcer alert)
      await alert.waitFor();
      expect((await alert.textContent()).length > 0, "a failed sign-in shows an error");
      await shot(page, "03-sign-in-error");
    },
    // The failed login's 400 is logged by the browser as a failed resource load.
    allowConsole: [/status of 400/],
  },
  {
    name: "protected pages send signed-out visitors to sign-in",
    fn: async ({ page }) => {
      await page.goto(`${BASE}/calls?sentiment=negative`);
      await page.waitForURL(/\/sign-in\?next=/);
      expect(decodeURIComponent(page.url()).includes("/calls?sentiment=negative"), "next= keeps the requested page and its filters");
    },
  },
];
