import { BASE, MANAGER, acme, expect, expectEqual, shot, signIn, sql, sqlValue } from "./harness.mjs";

// The calls list pages by keyset cursors. A cursor the page got before a deploy changed their
// format (v1 until session 21) is refused by the server; the list starts again from page one and
// says why, instead of an error that Retry cannot get past.
export const scenarios = [
  {
    name: "calls list: pages forward and back, and starts again from page one when its cursor is refused",
    // The browser logs the refused request (the 400 this scenario provokes).
    allowConsole: [/status of 400/],
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const tenant = acme();
      // 30 calls of their own month, long ago: two pages of 25, whatever the stack simulated.
      sql(`insert into calls (tenant_id, call_sid, from_number, to_number, direction, started_at, pipeline_status)
           select '${tenant}', 'CAe2epaging' || lpad(n::text, 24, '0'), '+13125550123', '+13125550100', 'inbound',
                  timestamptz '2020-02-01 09:00+00' + n * interval '1 hour', 'received'
             from generate_series(1, 30) n
           on conflict (call_sid) do nothing`);
      try {
        expectEqual(sqlValue(`select count(*) from calls where call_sid like 'CAe2epaging%'`), "30", "30 calls");
        await page.goto(`${BASE}/calls?from=2020-02-01&to=2020-02-29`);
        await page.getByTestId("call-row").first().waitFor();
        const rows = page.getByTestId("call-row");
        expectEqual(await rows.count(), 25, "page one holds 25");
        const first = await rows.first().textContent();
        await page.getByRole("button", { name: "Next" }).click();
        await page.getByText("Page 2").waitFor();
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="call-row"]').length === 5);
        await page.getByRole("button", { name: "Previous" }).click();
        await page.getByText("Page 1").waitFor();
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="call-row"]').length === 25);

        const withCursor = /\/api\/v1\/calls\?.*cursor=/;
        let refused = 0;
        await page.route(withCursor, async (route) => {
          const url = new URL(route.request().url());
          url.searchParams.set("cursor", "v1|started_at|desc|2020-02-01T20:00:00.000000Z|00000000-0000-4000-8000-000000000000");
          const response = await route.fetch({ url: url.toString() });
          if (response.status() === 400) refused++;
          await route.fulfill({ response });
        });
        await page.getByRole("button", { name: "Next" }).click();
        await page.getByTestId("calls-restarted").waitFor();
        await page.unroute(withCursor);
        expectEqual(refused, 1, "the server refused the old cursor");
        await page.getByText("Page 1").waitFor();
        expectEqual(await rows.first().textContent(), first, "page one's first call");
        expectEqual(await page.getByText("Could not load calls").count(), 0, "no error");
        await shot(page, "24-calls-cursor-refused");

        await page.getByRole("button", { name: "Next" }).click();
        await page.getByText("Page 2").waitFor();
        expect((await page.getByTestId("calls-restarted").count()) === 0, "the note goes once the list moves on");
      } finally {
        sql(`delete from calls where call_sid like 'CAe2epaging%'`);
      }
    },
  },
];
