import { BASE, MANAGER, acme, expect, expectEqual, shot, signIn, sqlValue, until } from "./harness.mjs";

const audioTime = (page) => page.getByTestId("audio").evaluate((a) => a.currentTime);
const activeSeq = (page) => page.locator('[data-testid="turn"][data-active]').getAttribute("data-seq", { timeout: 1000 }).catch(() => null);

export const scenarios = [
  {
    name: "coaching view: audio plays, the highlighted sentence follows it, clicks seek",
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const tenant = acme();
      // A finished call with a recording and a few sentences; prefer one with redactions. Oldest
      // first, so it is one of the stack's own calls, not one an earlier scenario added (manager's
      // live refresh): the pick then does not depend on which scenarios ran before this one.
      const id = sqlValue(`
        select c.id from calls c join insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
         where c.tenant_id = '${tenant}' and c.recording_sid is not null
           and (select count(*) from transcripts t where t.tenant_id = c.tenant_id and t.call_id = c.id) >= 4
         order by exists (select 1 from transcripts t where t.tenant_id = c.tenant_id and t.call_id = c.id and t.redactions <> '[]') desc,
                  c.started_at, c.id
         limit 1`);
      expect(id, "a finished call with a transcript exists");
      await page.goto(`${BASE}/calls/view?id=${id}`);
      const turns = page.getByTestId("turn");
      await turns.nth(3).waitFor();
      await page.getByTestId("ai-score").waitFor();
      await until(() => page.getByTestId("audio").evaluate((a) => a.readyState >= 1), "recording metadata");
      // The audio must reach the sentences played below: a call simulated with `--audio none` has
      // a transcript but an empty WAV (Chromium reports its duration as Infinity) whose playhead
      // never moves; picking one made this scenario fail in about 2 of 5 runs.
      const seconds = await page.getByTestId("audio").evaluate((a) => a.duration);
      const lastStart = Number(await turns.nth(3).getAttribute("data-start"));
      expect(Number.isFinite(seconds) && seconds * 1000 > lastStart + 1000, `the recording reaches the 4th sentence (${seconds} s of audio, sentence at ${lastStart} ms)`);
      await shot(page, "40-call-view");
      const redacted = Number(sqlValue(`select count(*) from transcripts where tenant_id = '${tenant}' and call_id = '${id}' and redactions <> '[]'`));
      if (redacted > 0) expect((await page.getByTestId("redaction").count()) > 0, "redactions are shown as chips");

      // Click a sentence: the audio seeks to its start and it becomes the highlighted one.
      const third = turns.nth(2);
      const startMs = Number(await third.getAttribute("data-start"));
      await third.click();
      await until(async () => Math.abs((await audioTime(page)) - startMs / 1000) < 0.05, `audio at ${startMs} ms`);
      expectEqual(await activeSeq(page), await third.getAttribute("data-seq"), "clicked sentence is highlighted");

      // Play from just before the next sentence: the highlight moves on to it by itself.
      const fourth = turns.nth(3);
      const nextStart = Number(await fourth.getAttribute("data-start"));
      await page.getByTestId("audio").evaluate((a, t) => (a.currentTime = t), Math.max(0, nextStart / 1000 - 0.4));
      await page.getByRole("button", { name: "Play" }).click();
      await until(async () => (await activeSeq(page)) === (await fourth.getAttribute("data-seq")), "highlight moves to the next sentence while playing", 8000);
      expect((await audioTime(page)) > nextStart / 1000, "audio advanced");
      await shot(page, "41-call-view-playing");
      await page.getByRole("button", { name: "Pause" }).click();

      // Keyboard: the player skips five seconds with the arrow keys.
      const before = await audioTime(page);
      await page.getByRole("group", { name: /Recording player/ }).focus();
      await page.keyboard.press("ArrowRight");
      await until(async () => Math.abs((await audioTime(page)) - (before + 5)) < 0.3, "ArrowRight skips 5 s");

      // A coaching note jumps to its moment.
      const jump = page.getByTestId("coaching-jump").first();
      if (await jump.count()) {
        const label = (await jump.textContent()).trim(); // m:ss
        const [m, s] = label.split(":").map(Number);
        await jump.click();
        await until(async () => Math.floor(await audioTime(page)) === m * 60 + s, `coaching note jumps to ${label}`);
      }
    },
  },
  {
    name: "coaching view at tablet width",
    viewport: { width: 820, height: 1180 },
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const id = sqlValue(`select c.id from calls c join insights i on i.tenant_id = c.tenant_id and i.call_id = c.id where c.tenant_id = '${acme()}' order by c.started_at desc limit 1`);
      await page.goto(`${BASE}/calls/view?id=${id}`);
      await page.getByTestId("turn").first().waitFor();
      await shot(page, "42-call-view-tablet");
      await page.goto(`${BASE}/dashboard`);
      await page.getByTestId("kpi-calls").getByTestId("kpi-value").waitFor();
      await shot(page, "13-dashboard-tablet");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow <= 0, `no horizontal scrolling at tablet width (overflow ${overflow}px)`);
    },
  },
];
