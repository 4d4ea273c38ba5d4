import { ADMIN, BASE, expect, otherTenant, shot, signIn, sqlValue, until } from "./harness.mjs";

export const scenarios = [
  {
    name: "admin sees margin per tenant against the 80% line and retries a dead letter",
    fn: async ({ page }) => {
      const { tenant } = otherTenant();
      await signIn(page, ADMIN);
      await page.waitForURL(/\/admin/);
      const table = page.getByTestId("margin-table");
      await table.locator("tbody tr").first().waitFor();
      const acmeRow = table.locator("tr", { hasText: "Acme" });
      await acmeRow.waitFor();
      expect(/\d+\.\d%/.test(await acmeRow.locator("td").last().textContent()), "Acme's gross margin is shown as a percentage");
      await page.getByText("80% target").first().waitFor();
      await page.getByTestId("total-margin").getByText(/%|—/).waitFor();
      await page.getByTestId("tenants-table").getByText("Globex E2E").waitFor();
      await page.getByTestId("pipeline").waitFor();
      await shot(page, "70-admin-console");

      const dead = page.getByTestId("dead-jobs").locator("tr", { hasText: "Globex E2E" });
      await dead.waitFor();
      const before = sqlValue(`select extract(epoch from updated_at) from jobs where tenant_id = '${tenant}' and kind = 'analyze'`);
      await dead.getByRole("button", { name: "Retry" }).click();
      await until(async () => (await page.getByTestId("dead-jobs").locator("tr", { hasText: "Globex E2E" }).count()) === 0 || (await page.getByText("No dead letters").count()) > 0, "retried job leaves the list");
      // Re-queued (a worker may already have failed it again, so look at the write, not the state).
      const after = sqlValue(`select extract(epoch from updated_at) from jobs where tenant_id = '${tenant}' and kind = 'analyze'`);
      expect(Number(after) > Number(before), "the retry re-queued the job in the database");
      await shot(page, "71-admin-after-retry");
    },
  },
];
