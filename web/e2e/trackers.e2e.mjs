import { BASE, MANAGER, acme, expect, expectEqual, shot, signIn, sql, sqlValue, until } from "./harness.mjs";

const audioTime = (page) => page.getByTestId("audio").evaluate((a) => a.currentTime);

export const scenarios = [
  {
    name: "trackers: a manager adds a tracker, re-runs it over past calls with progress, filters calls by it, seeks to a hit and sees it on the dashboard",
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const tenant = acme();
      sql(`delete from trackers where tenant_id = '${tenant}'`);
      sql(`delete from tracker_runs where tenant_id = '${tenant}'`);
      await page.goto(`${BASE}/trackers`);
      await page.getByText("No trackers yet").waitFor();

      // A tracker without phrases is refused in the form (nothing sent).
      await page.getByTestId("tracker-name").fill("Greeting");
      await page.getByTestId("tracker-save").click();
      await page.getByText("Add at least one phrase").waitFor();
      expectEqual(sqlValue(`select count(*) from trackers where tenant_id = '${tenant}'`), "0", "nothing stored");

      // Every simulated agent greets "Thank you for calling <company>".
      await page.getByTestId("tracker-phrases").fill("Thank you for calling\nthanks for calling");
      await page.getByTestId("tracker-save").click();
      const row = page.locator('[data-testid="tracker"][data-name="Greeting"]');
      await row.waitFor();
      expectEqual(await row.getByTestId("tracker-calls").textContent(), "0 calls", "no calls hit before a re-run");

      // Re-run over the past calls: progress until every analysed call is matched again.
      const analysed = Number(sqlValue(`select count(*) from calls where tenant_id = '${tenant}' and pipeline_status = 'done'`));
      expect(analysed > 0, "the stack has analysed calls");
      await page.getByTestId("rerun").click();
      await page.getByTestId("rerun-status").waitFor();
      await page.locator('[data-testid="rerun-status"][data-done="true"]').waitFor({ timeout: 60_000 });
      const hits = Number(
        sqlValue(
          `select count(*) from tracker_hits h join trackers t on t.tenant_id = h.tenant_id and t.id = h.tracker_id where t.tenant_id = '${tenant}' and t.name = 'Greeting'`,
        ),
      );
      expect(hits > 0, "the greeting was heard in past calls");
      await until(
        async () => (await row.getByTestId("tracker-calls").textContent()) === `${hits} ${hits === 1 ? "call" : "calls"}`,
        "the list counts the calls hit",
      );
      await page.getByText(`${analysed.toLocaleString("en-US")} calls matched again`).waitFor();
      await shot(page, "90-trackers");

      // The calls list, filtered by the tracker: every row carries its chip.
      await row.getByTestId("tracker-calls").click();
      await page.waitForURL(/\/calls\?/);
      await page.getByTestId("call-row").first().waitFor();
      await until(async () => (await page.getByTestId("calls-total").textContent()).startsWith(String(hits)), `${hits} calls listed`);
      const rows = await page.getByTestId("call-row").count();
      for (let i = 0; i < rows; i++) {
        await page.getByTestId("call-row").nth(i).getByTestId("tracker-chip").filter({ hasText: "Greeting" }).waitFor();
      }
      await shot(page, "91-calls-by-tracker");

      // The filter is a select in the toolbar too: "Any tracker" lists every call again.
      await page.getByTestId("tracker-filter").selectOption("");
      await until(async () => !new URL(page.url()).searchParams.get("tracker"), "filter cleared");

      // In the coaching view the chip seeks to the first hit.
      const hit = sql(`select h.call_id, h.first_ms from tracker_hits h join trackers t on t.tenant_id = h.tenant_id and t.id = h.tracker_id
                        join calls c on c.tenant_id = h.tenant_id and c.id = h.call_id
                       where t.tenant_id = '${tenant}' and t.name = 'Greeting' and c.recording_sid is not null order by h.first_ms desc limit 1`)[0];
      await page.goto(`${BASE}/calls/view?id=${hit[0]}`);
      const chip = page.getByTestId("call-trackers").getByTestId("tracker-chip");
      await chip.waitFor();
      await until(() => page.getByTestId("audio").evaluate((a) => a.readyState >= 1 && Number.isFinite(a.duration)), "recording metadata");
      await chip.click();
      await until(async () => Math.abs((await audioTime(page)) - Number(hit[1]) / 1000) < 0.05, `audio at the first hit (${hit[1]} ms)`);
      await shot(page, "92-call-tracker-chip");

      // The dashboard's card counts the calls per tracker.
      await page.goto(`${BASE}/dashboard`);
      const card = page.getByTestId("trackers-card");
      await card.getByTestId("tracker-total").first().waitFor();
      expect((await card.getByTestId("tracker-total").first().textContent()).startsWith("Greeting:"), "the card names the tracker");
      await card.scrollIntoViewIfNeeded();
      await shot(page, "93-dashboard-trackers");

      // Edit, then delete.
      await page.goto(`${BASE}/trackers`);
      await row.getByRole("button", { name: "Edit" }).click();
      await page.getByTestId("tracker-name").last().fill("Warm greeting");
      await page.getByTestId("tracker-save").last().click();
      await page.locator('[data-testid="tracker"][data-name="Warm greeting"]').waitFor();
      page.once("dialog", (d) => d.accept());
      await page.locator('[data-testid="tracker"][data-name="Warm greeting"]').getByTestId("tracker-delete").click();
      await page.getByText("No trackers yet").waitFor();
      expectEqual(sqlValue(`select count(*) from tracker_hits where tenant_id = '${tenant}'`), "0", "its hits went with it");
    },
  },
];
