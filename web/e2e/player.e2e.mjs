import { BASE, MANAGER, acme, expect, expectEqual, shot, signIn, sql, sqlValue, until } from "./harness.mjs";

export const scenarios = [
  {
    name: "player: a call without stored peaks plays and seeks with a plain seek bar",
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const tenant = acme();
      // A call with a recording long enough to seek in; its peaks are taken away for the scenario
      // (as for a call not transcribed yet) and put back after.
      const id = sqlValue(`select id from calls where tenant_id = '${tenant}' and recording_sid is not null
                             and recording_peaks is not null and recording_duration_s >= 20 order by started_at, id limit 1`);
      expect(id, "a call with a recording and peaks exists");
      const peaks = sqlValue(`select recording_peaks::text from calls where tenant_id = '${tenant}' and id = '${id}'`);
      sql(`update calls set recording_peaks = null where tenant_id = '${tenant}' and id = '${id}'`);
      try {
        const ranges = [];
        page.on("request", (r) => {
          if (r.url().includes(`/calls/${id}/recording`)) ranges.push(r.headers()["range"] ?? "(none)");
        });
        await page.goto(`${BASE}/calls/view?id=${id}`);
        const bar = page.getByTestId("seekbar");
        await bar.waitFor();
        await until(() => bar.isEnabled(), "the seek bar is enabled once the recording's length is known");
        expectEqual(await page.getByTestId("waveform").locator("canvas").count(), 0, "no waveform is drawn without peaks");
        await bar.fill("10");
        await until(
          () => page.getByTestId("audio").evaluate((a) => !a.seeking && a.readyState >= 2 && Math.abs(a.currentTime - 10) < 0.05),
          "the seek bar seeks the recording to 10 s",
        );
        await page.getByRole("button", { name: "Play" }).click();
        await until(() => page.getByTestId("audio").evaluate((a) => a.currentTime > 10.2), "the recording plays on from there");
        await page.getByRole("button", { name: "Pause" }).click();
        await shot(page, "45-call-view-no-waveform");
        expect(ranges.length > 0 && ranges.every((r) => r.startsWith("bytes=")), `every read of the recording is a Range request (${ranges.join(", ")})`);
      } finally {
        sql(`update calls set recording_peaks = '${peaks}' where tenant_id = '${tenant}' and id = '${id}'`);
      }
    },
  },
  {
    name: "player: opened from the calls list, Play pressed the moment it appears plays the recording",
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const tenant = acme();
      const id = sqlValue(`select id from calls where tenant_id = '${tenant}' and recording_sid is not null
                             and recording_duration_s >= 5 order by started_at desc, id desc limit 1`);
      expect(id, "a call with a recording exists");
      await page.goto(`${BASE}/calls`);
      const link = page.locator(`a[href="/calls/view?id=${id}"]`).first();
      await link.waitFor();
      // Presses Play in the same task as React inserts the button (a mutation observer runs
      // before the browser paints): the element must have its source by then.
      await page.evaluate(() => {
        const observer = new MutationObserver(() => {
          const play = document.querySelector('[data-testid="play"]');
          if (!play) return;
          observer.disconnect();
          window.__playSrcAtClick = document.querySelector('[data-testid="audio"]')?.src ?? "(no element)";
          play.click();
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
      await link.click();
      await until(() => page.evaluate(() => window.__playSrcAtClick !== undefined), "Play was pressed as soon as it appeared");
      const src = await page.evaluate(() => window.__playSrcAtClick);
      expect(src.includes(`/calls/${id}/recording`), `the element had the recording as its source when Play was pressed (${src})`);
      await until(() => page.getByTestId("audio").evaluate((a) => !a.paused && a.currentTime > 0.2), "the recording plays");
      expectEqual(await page.getByText("Playback was blocked").count(), 0, "no playback error is shown");
      await page.getByRole("button", { name: "Pause" }).click();
    },
  },
];
