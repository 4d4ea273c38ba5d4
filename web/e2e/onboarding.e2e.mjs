import { BASE, expect, expectEqual, shot, sql, sqlValue } from "./harness.mjs";

export const scenarios = [
  {
    name: "a new user signs up, creates an organisation and provisions a number",
    fn: async ({ page }) => {
      const email = `owner-${Date.now()}@example.test`;
      await page.goto(`${BASE}/sign-up`);
      await page.getByLabel("Work email").fill(email);
      await page.getByLabel("Password").fill("correct-horse-battery");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(/\/onboarding/);
      await page.getByRole("heading", { name: "Name your organisation" }).waitFor();
      await shot(page, "60-onboarding-org");
      await page.getByLabel("Organisation name").fill("Initech E2E");
      await page.getByRole("button", { name: "Continue" }).click();

      await page.getByRole("heading", { name: "Choose a phone number" }).waitFor();
      await page.getByLabel("Area code").fill("41");
      await page.getByRole("button", { name: "Search numbers" }).click();
      await page.getByText("Enter a 3-digit US area code").waitFor();
      await page.getByLabel("Area code").fill("415");
      await page.getByRole("button", { name: "Search numbers" }).click();
      await page.getByTestId("available-number").first().waitFor();
      await shot(page, "61-onboarding-numbers");
      // The sandbox also offers numbers other tenants own (the demo's): pick one nobody has.
      const taken = new Set(sql("select e164 from phone_numbers").map((r) => r[0]));
      const offered = await page
        .getByTestId("available-number")
        .locator("input")
        .evaluateAll((els) => els.map((e) => e.value));
      const picked = offered.find((n) => !taken.has(n));
      expect(picked, "a free number is offered");
      await page
        .getByTestId("available-number")
        .filter({ has: page.locator(`input[value="${picked}"]`) })
        .click();
      await page.getByRole("button", { name: "Provision this number" }).click();
      await page.getByTestId("provision-progress").waitFor();
      await shot(page, "62-onboarding-provisioning");

      await page.getByRole("heading", { name: "Add your agents" }).waitFor({ timeout: 20_000 });
      await page.getByLabel("Name").fill("Peter Gibbons");
      await page.getByLabel("Phone").fill("+14155550142");
      await page.getByRole("button", { name: "Add agent" }).click();
      await page.getByRole("list", { name: "Agents added" }).getByText("Peter Gibbons").waitFor();
      await shot(page, "63-onboarding-agents");
      await page.getByRole("button", { name: "Continue" }).click();

      const ready = page.getByTestId("ready-number");
      await ready.waitFor();
      await page.getByRole("heading", { name: "You're ready for calls" }).waitFor();
      await shot(page, "64-onboarding-ready");

      const [tenantName, e164, agents] =
        sql(`
        select t.name, n.e164, (select count(*) from agents a where a.tenant_id = t.id)
          from auth.users u join members m on m.user_id = u.id join tenants t on t.id = m.tenant_id
          join phone_numbers n on n.tenant_id = t.id
         where u.email = '${email}'`)[0] ?? [];
      expectEqual(tenantName, "Initech E2E", "organisation in the database");
      expectEqual(e164, picked, "provisioned number in the database");
      expectEqual(agents, "1", "agents in the database");
      const digits = (await ready.textContent()).replace(/\D/g, "");
      expect(picked.endsWith(digits) && digits.length === 10, `ready page shows ${picked} (shows ${digits})`);
      expect(
        Number(sqlValue(`select count(*) from members m join auth.users u on u.id = m.user_id where u.email = '${email}' and m.role = 'owner'`)) === 1,
        "the user owns the organisation",
      );

      await page.getByRole("link", { name: "Go to your dashboard" }).click();
      await page.waitForURL(/\/dashboard/);
      await page.getByText("No calls in this period yet").waitFor();
      await shot(page, "65-new-tenant-empty-dashboard");
    },
  },
];
