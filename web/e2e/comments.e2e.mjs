import { BASE, MANAGER, acme, expect, expectEqual, shot, signIn, sql, sqlValue, until } from "./harness.mjs";

const audioTime = (page) => page.getByTestId("audio").evaluate((a) => a.currentTime);

export const scenarios = [
  {
    name: "comments: a manager comments at a moment, it shows on the transcript and waveform, and its link opens the call there",
    fn: async ({ page, context }) => {
      await signIn(page, MANAGER);
      const tenant = acme();
      // A finished call whose recording lasts past its third sentence (see coaching.e2e.mjs).
      const id = sqlValue(`
        select c.id from calls c join insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
         where c.tenant_id = '${tenant}' and c.recording_sid is not null and c.duration_s >= 20
           and (select count(*) from transcripts t where t.tenant_id = c.tenant_id and t.call_id = c.id) >= 4
         order by c.started_at, c.id limit 1`);
      expect(id, "a finished call with a transcript exists");
      sql(`delete from call_comments where call_id = '${id}'`);
      await page.goto(`${BASE}/calls/view?id=${id}`);
      const turns = page.getByTestId("turn");
      await turns.nth(3).waitFor();
      await page.getByText("No comments yet").waitFor();
      await until(() => page.getByTestId("audio").evaluate((a) => a.readyState >= 1 && Number.isFinite(a.duration)), "recording metadata");

      // Select the third sentence: the form offers to comment at its moment.
      const third = turns.nth(2);
      const startMs = Number(await third.getAttribute("data-start"));
      await third.click();
      await until(async () => Math.abs((await audioTime(page)) - startMs / 1000) < 0.05, `audio at ${startMs} ms`);
      const seconds = Math.floor(startMs / 1000);
      const label = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
      await page.getByLabel(`Comment at ${label}`).fill("Listen to how the price question is handled here");
      await page.getByTestId("comment-add").click();

      const comment = page.getByTestId("comment");
      await comment.first().waitFor();
      expectEqual(await comment.count(), 1, "one comment listed");
      expectEqual(Number(await comment.first().getAttribute("data-at")), startMs, "the comment is at the sentence's moment");
      expectEqual(
        sqlValue(`select at_ms || ' ' || body from call_comments where call_id = '${id}'`),
        `${startMs} Listen to how the price question is handled here`,
        "stored with its moment",
      );
      // Marked on the sentence it falls in and on the waveform.
      await third.getByTestId("turn-comments").waitFor();
      expectEqual(await page.getByTestId("turn-comments").count(), 1, "only that sentence carries the mark");
      await page.getByTestId("waveform-marker").first().waitFor();
      await shot(page, "85-comments");

      // Empty comments are not sent.
      await page.getByTestId("comment-body").fill("   ");
      expect(await page.getByTestId("comment-add").isDisabled(), "an empty comment cannot be added");

      // Its link opens the call at that moment in another tab.
      const url = await comment.first().getByTestId("copy-moment").getAttribute("data-url");
      expectEqual(new URL(url).searchParams.get("t"), String(seconds), "the link names the moment in seconds");
      const other = await context.newPage();
      await other.goto(url);
      await other.getByTestId("comment").first().waitFor();
      await until(async () => Math.abs((await audioTime(other)) - seconds) < 0.5, `shared link starts at ${seconds} s`);
      await until(async () => (await other.locator('[data-testid="turn"][data-active]').count()) === 1, "a sentence is highlighted at the moment");
      await other.close();

      // Clicking the comment's time seeks there; then the author deletes it.
      await page.getByTestId("audio").evaluate((a) => (a.currentTime = 0));
      await comment
        .first()
        .getByRole("button", { name: /Play from/ })
        .click();
      await until(async () => Math.abs((await audioTime(page)) - startMs / 1000) < 0.05, "the comment's time seeks");
      await comment.first().getByRole("button", { name: "Delete" }).click();
      await page.getByText("No comments yet").waitFor();
      expectEqual(sqlValue(`select count(*) from call_comments where call_id = '${id}'`), "0", "deleted");
    },
  },
  {
    name: "comments at 390 px: the card fits the phone screen",
    viewport: { width: 390, height: 844 },
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const id = sqlValue(`select c.id from calls c where c.tenant_id = '${acme()}' and c.pipeline_status = 'done' order by c.started_at, c.id limit 1`);
      await page.goto(`${BASE}/calls/view?id=${id}`);
      await page.getByTestId("comments").waitFor();
      await page.getByTestId("comments").scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
      expect(overflow <= 0, `no horizontal scroll (${overflow} px too wide)`);
      await shot(page, "86-comments-phone");
    },
  },
];
