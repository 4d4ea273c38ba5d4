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
      // Re-queued in the database. The row may come back to the list: the test's job has no
      // transcript, so a worker dead-letters it again at once; look at the write, not the state.
      await until(
        () => Number(sqlValue(`select extract(epoch from updated_at) from jobs where tenant_id = '${tenant}' and kind = 'analyze'`)) > Number(before),
        "the retry re-queued the job in the database",
      );
      await shot(page, "71-admin-after-retry");
    },
  },
];
