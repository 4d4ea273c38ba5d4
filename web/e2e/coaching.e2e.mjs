import { BASE, MANAGER, acme, expect, expectEqual, shot, signIn, sql, sqlValue, until } from "./harness.mjs";

const audioTime = (page) => page.getByTestId("audio").evaluate((a) => a.currentTime);
/**
 * The tenant's newest finished call with an insight: the first row of the calls list from its day.
 * The scenarios below change it for a moment and put it back.
 */
const newestAnalysedCall = (tenant) =>
  sqlValue(`select c.id from calls c join insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
             where c.tenant_id = '${tenant}' and c.pipeline_status = 'done' order by c.started_at desc, c.id limit 1`);

/** The call's row in the calls list (opened from the call's own day, newest first). */
async function callRow(page, id) {
  const day = sqlValue(`select (started_at at time zone 'UTC')::date from calls where id = '${id}'`);
  await page.goto(`${BASE}/calls?from=${day}`);
  const row = page.getByTestId("call-row").filter({ has: page.locator(`a[href$="id=${id}"]`) });
  await row.waitFor();
  return row;
}

const activeSeq = (page) =>
  page
    .locator('[data-testid="turn"][data-active]')
    .getAttribute("data-seq", { timeout: 1000 })
    .catch(() => null);

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
      // The recording is only ever read by the <audio> element, through Range requests; the
      // waveform is drawn from the stored peaks (/waveform), never from the whole recording.
      const recordingRanges = [];
      const waveforms = [];
      page.on("request", (r) => {
        if (r.url().includes(`/calls/${id}/recording`)) recordingRanges.push(r.headers()["range"] ?? "(none)");
      });
      page.on("response", (r) => {
        if (r.url().includes(`/calls/${id}/waveform`)) waveforms.push(r.status());
      });
      await page.goto(`${BASE}/calls/view?id=${id}`);
      const turns = page.getByTestId("turn");
      await turns.nth(3).waitFor();
      await page.getByTestId("ai-score").waitFor();
      await until(() => page.getByTestId("audio").evaluate((a) => a.readyState >= 1), "recording metadata");
      await page.getByTestId("waveform").locator("canvas").first().waitFor();
      expectEqual(waveforms.join(), "200", "the waveform's peaks were fetched once");
      expect(recordingRanges.length > 0, "the player read the recording");
      expect(
        recordingRanges.every((r) => r.startsWith("bytes=")),
        `every read of the recording is a Range request (${recordingRanges.join(", ")})`,
      );
      // The audio must reach the sentences played below: a call simulated with `--audio none` has
      // a transcript but an empty WAV (Chromium reports its duration as Infinity) whose playhead
      // never moves; picking one made this scenario fail in about 2 of 5 runs.
      const seconds = await page.getByTestId("audio").evaluate((a) => a.duration);
      const lastStart = Number(await turns.nth(3).getAttribute("data-start"));
      expect(
        Number.isFinite(seconds) && seconds * 1000 > lastStart + 1000,
        `the recording reaches the 4th sentence (${seconds} s of audio, sentence at ${lastStart} ms)`,
      );
      await shot(page, "40-call-view");
      const redacted = Number(sqlValue(`select count(*) from transcripts where tenant_id = '${tenant}' and call_id = '${id}' and redactions <> '[]'`));
      if (redacted > 0) expect((await page.getByTestId("redaction").count()) > 0, "redactions are shown as chips");

      // Click a sentence: the audio seeks to its start and it becomes the highlighted one.
      const third = turns.nth(2);
      const startMs = Number(await third.getAttribute("data-start"));
      await third.click();
      await until(async () => Math.abs((await audioTime(page)) - startMs / 1000) < 0.05, `audio at ${startMs} ms`);
      // The seek completes and stays (the element is never reloaded under it, e.g. by the waveform).
      await until(
        () => page.getByTestId("audio").evaluate((a, t) => !a.seeking && a.readyState >= 2 && Math.abs(a.currentTime - t) < 0.05, startMs / 1000),
        "the seek completed",
      );
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
      // Seeking and playing never made anything fetch the whole recording or the peaks again.
      expect(
        recordingRanges.every((r) => r.startsWith("bytes=")),
        `after seeks, every read of the recording is still a Range request (${recordingRanges.join(", ")})`,
      );
      expectEqual(waveforms.join(), "200", "the peaks were not fetched again");
    },
  },
  {
    name: "coaching view: on a page load the early Play button plays before the view shows, and the player takes it over",
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const id = sqlValue(
        `select c.id from calls c join insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
          where c.tenant_id = '${acme()}' and c.recording_sid is not null order by c.started_at, c.id limit 1`,
      );
      const ranges = [];
      page.on("request", (r) => {
        if (r.url().includes(`/calls/${id}/recording`)) ranges.push(r.headers()["range"] ?? "(none)");
      });
      // The view cannot show until /me answers: held here, as a slow first visit holds it.
      let release;
      const held = new Promise((r) => (release = r));
      await page.route("**/api/v1/me", async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${BASE}/calls/view?id=${id}`, { waitUntil: "domcontentloaded" });
      const early = page.getByTestId("early-play");
      await early.waitFor({ state: "visible" });
      expectEqual(await page.getByTestId("play").count(), 0, "the view's player is not there yet");
      await shot(page, "40-call-view-early-play", { idle: false });
      await early.click();
      const earlyTime = () => page.evaluate(() => window.__converzaEarly?.audio?.currentTime ?? -1);
      await until(async () => (await earlyTime()) > 0.3, "the recording plays before the view shows");

      release();
      await page.getByRole("button", { name: "Pause" }).waitFor();
      await early.waitFor({ state: "hidden" });
      expectEqual(await page.locator("audio").count(), 1, "the player took the early element: one <audio> in the page");
      const t0 = await audioTime(page);
      await until(async () => (await audioTime(page)) > t0 + 0.2, "it plays on in the player");
      await page.getByRole("button", { name: "Pause" }).click();
      await until(() => page.getByTestId("audio").evaluate((a) => a.paused), "the player's Pause pauses it");
      expect(ranges.length > 0 && ranges.every((r) => r.startsWith("bytes=")), `every read of the recording is a Range request (${ranges.join(", ")})`);
      await page.unroute("**/api/v1/me");
    },
  },
  {
    name: "coaching view at tablet width",
    viewport: { width: 820, height: 1180 },
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const id = sqlValue(
        `select c.id from calls c join insights i on i.tenant_id = c.tenant_id and i.call_id = c.id where c.tenant_id = '${acme()}' order by c.started_at desc limit 1`,
      );
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
  {
    name: "coaching view: a call the AI model refused reads Not analysed, in the call and in the list",
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const tenant = acme();
      const id = newestAnalysedCall(tenant);
      expect(id, "a finished call exists");
      const detail = "I am sorry, but I cannot help with analysing this conversation.";
      sql(`update calls set pipeline_status = 'not_analysed', not_analysed_reason = 'refused', not_analysed_detail = '${detail}'
            where tenant_id = '${tenant}' and id = '${id}'`);
      try {
        await page.goto(`${BASE}/calls/view?id=${id}`);
        const state = page.getByTestId("not-analysed");
        await state.waitFor();
        const text = await state.textContent();
        expect(text.includes("Not analysed") && text.includes("The AI model refused to analyse this call"), `the state says the model refused: ${text}`);
        expectEqual((await page.getByTestId("not-analysed-detail").textContent()).trim(), detail, "the model's refusal is quoted");
        expectEqual((await page.getByTestId("call-status").textContent()).trim(), "Not analysed", "status badge of the call");
        expectEqual(await page.getByText("Analysis in progress").count(), 0, "'Analysis in progress' on a call that was not analysed");
        await shot(page, "43-call-view-not-analysed");

        const row = await callRow(page, id);
        expectEqual((await row.getByTestId("call-status").textContent()).trim(), "Not analysed", "the call's status in the calls list");
        await shot(page, "23-calls-not-analysed");
      } finally {
        sql(`update calls set pipeline_status = 'done', not_analysed_reason = null, not_analysed_detail = null where tenant_id = '${tenant}' and id = '${id}'`);
      }
    },
  },
  {
    name: "coaching view: fields of the analysis that need review are listed and marked, and its flags explained",
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const tenant = acme();
      const id = newestAnalysedCall(tenant);
      expect(id, "a finished call with an insight exists");
      const reason = "The upsell total did not match its items, so it was left out.";
      sql(`update insights set review = '[{"field": "upsell_cents", "reason": "${reason}"}]', flags = '{trimmed}'
            where tenant_id = '${tenant}' and call_id = '${id}'`);
      try {
        await page.goto(`${BASE}/calls/view?id=${id}`);
        const notice = page.getByTestId("review-notice");
        await notice.waitFor();
        const text = await notice.textContent();
        expect(text.includes("Needs review") && text.includes("Upsell total") && text.includes(reason), `the notice lists the field and the reason: ${text}`);
        const marks = page.getByTestId("review-badge");
        expectEqual(await marks.count(), 1, "fields marked 'needs review'");
        expectEqual(await marks.getAttribute("title"), reason, "the mark's tooltip is the reason");
        await page.locator("dt", { hasText: "Upsell" }).getByTestId("review-badge").waitFor(); // the upsell is the marked field
        const flag = page.locator('[data-testid="insight-flag"][data-flag="trimmed"]');
        await flag.waitFor();
        expect((await flag.textContent()).includes("middle of the transcript was left out"), "the trimmed flag is explained");
        await shot(page, "44-call-view-needs-review");

        const row = await callRow(page, id);
        await row.getByTestId("review-badge").waitFor();
        expectEqual((await row.getByTestId("review-badge").textContent()).trim(), "Review", "the call's row carries the Review badge");
      } finally {
        sql(`update insights set review = '[]', flags = '{}' where tenant_id = '${tenant}' and call_id = '${id}'`);
      }
    },
  },
];
