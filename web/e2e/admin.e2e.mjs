import { ADMIN, acme, expect, expectEqual, otherTenant, shot, signIn, sql, sqlValue, until } from "./harness.mjs";

const int = (n) => new Intl.NumberFormat("en-US").format(n);
/** Insights the rules analyzer wrote this month (UTC, as the admin page's default month). */
const rulesThisMonth = () =>
  Number(sqlValue(`select count(*) from insights where analyzer = 'rules' and created_at >= date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'`));

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
      await page.getByTestId("total-margin").getByText(/%|—/).first().waitFor();
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

      // On a phone the console fits the screen: wide tables scroll inside their cards. The charts
      // redraw at the new width after ResizeObserver fires, so wait for the layout to settle.
      await page.setViewportSize({ width: 390, height: 844 });
      const measure = () =>
        page.evaluate(() => {
          let worst = { w: 0, what: "" };
          for (const el of document.querySelectorAll("body *")) {
            const r = el.getBoundingClientRect();
            const cls = typeof el.className === "string" ? el.className : el.getAttribute("class");
            if (r.right > worst.w && !el.closest(".overflow-x-auto")) worst = { w: Math.round(r.right), what: `${el.tagName}.${cls}`.slice(0, 120) };
          }
          return { overflow: document.scrollingElement.scrollWidth - window.innerWidth, worst };
        });
      let last = await measure();
      await until(async () => (last = await measure()).overflow <= 1, "the console to fit 390 px", 5_000).catch(() => {});
      await shot(page, "74-admin-phone");
      expect(last.overflow <= 1, `no page-level horizontal overflow at 390 px (${last.overflow} px; widest: ${last.worst.what} to ${last.worst.w} px)`);
      await page.setViewportSize({ width: 1440, height: 900 });
    },
  },
  {
    name: "admin sees how this month's calls were analysed: the rules analyzer, no AI usage",
    fn: async ({ page }) => {
      await signIn(page, ADMIN);
      await page.waitForURL(/\/admin/);
      const section = page.getByTestId("ai-analysis");
      await section.getByRole("heading", { name: "AI analysis" }).waitFor();
      const tile = (key) => section.getByTestId(`llm-${key}`).getByTestId("stat-value");
      await tile("rules").waitFor();
      // The test stack has no OpenAI key: every call went to the rules analyzer. Reload until the
      // page and the database agree (a worker may still be finishing the last simulated call).
      await until(
        async () => {
          if ((await tile("rules").textContent()).trim() === int(rulesThisMonth())) return true;
          await page.reload();
          await tile("rules").waitFor();
          return false;
        },
        `the "Rules analyzer" tile shows the month's rules insights in the database (${rulesThisMonth()})`,
        20_000,
      );
      expect(rulesThisMonth() > 0, "the stack's calls were analysed this month");
      expectEqual((await tile("analysed").textContent()).trim(), "0", "calls analysed by an AI model");
      const empty = section.getByTestId("llm-empty");
      await empty.waitFor();
      const text = await empty.textContent();
      expect(
        text.includes("No AI usage in") && text.includes("the rules analyzer handled every call"),
        `the empty state says the rules analyzer handled every call: ${text}`,
      );
      expectEqual(await section.getByTestId("llm-models").count(), 0, "per-model cost rows without AI usage");
      await section.getByTestId("llm-budgets").locator("tr", { hasText: "Acme" }).waitFor();
      await shot(page, "72-admin-ai-analysis");

      // One call of Acme's analysed by gpt-4o this month, metered as the worker meters it: the
      // per-model table shows its cost per call and the margin it implies.
      const call = sqlValue(`select call_id from insights where tenant_id = '${acme()}' order by created_at desc limit 1`);
      sql(`insert into usage_events (tenant_id, provider, unit, quantity, cost_micros, call_id, meta) values
             ('${acme()}', 'openai', 'prompt_tokens', 2000, 5000, '${call}', '{"model": "gpt-4o", "cached_tokens": 1024}'),
             ('${acme()}', 'openai', 'completion_tokens', 300, 3000, '${call}', '{"model": "gpt-4o"}')`);
      try {
        await page.reload();
        const row = section.getByTestId("llm-models").locator("tr", { hasText: "gpt-4o" });
        await row.waitFor();
        const text = await row.textContent();
        expect(text.includes("Acme") && text.includes("$0.008"), `the gpt-4o row shows Acme's cost per call of $0.008: ${text}`);
        expect(/\d+\.\d%/.test(await row.getByTestId("implied-margin").textContent()), "the implied margin is a percentage");
        await shot(page, "73-admin-ai-cost-per-call");
      } finally {
        sql(`delete from usage_events where provider = 'openai' and call_id = '${call}'`);
      }
    },
  },
];
