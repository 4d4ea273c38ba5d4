import { BASE, MANAGER, acme, expect, shot, signIn, sql, sqlValue } from "./harness.mjs";

// Calls not worth scoring (voicemail, under 15 s, silent, no answer) carry their reason instead of
// a score, in the calls list and on the call page.
export const scenarios = [
  {
    name: "calls list and call page: a voicemail is labelled, not scored",
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const tenant = acme();
      const sid = "CAe2evoicemail000000000000000000001";
      sql(`insert into calls (tenant_id, call_sid, from_number, to_number, direction, started_at, duration_s,
                              pipeline_status, not_analysed_reason)
           values ('${tenant}', '${sid}', '+13125550123', '+13125550100', 'outbound-api', now(), 31,
                   'not_analysed', 'voicemail')
           on conflict (call_sid) do nothing`);
      const id = sqlValue(`select id from calls where call_sid = '${sid}'`);
      sql(`insert into transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text) values
             ('${tenant}', '${id}', 0, 'customer', 0, 8000, 'Hi, you''ve reached Dana. Please leave a message after the beep.'),
             ('${tenant}', '${id}', 1, 'agent', 9000, 30000, 'Hi Dana, it''s Sam from Acme about your quote. Call me back!')
           on conflict do nothing`);
      try {
        const day = sqlValue(`select (started_at at time zone 'UTC')::date from calls where id = '${id}'`);
        await page.goto(`${BASE}/calls?from=${day}`);
        const row = page.getByTestId("call-row").filter({ has: page.locator(`a[href$="id=${id}"]`) });
        await row.waitFor();
        expect((await row.innerText()).includes("Voicemail"), "the row says Voicemail");
        await shot(page, "70-calls-voicemail");

        await row.locator(`a[href$="id=${id}"]`).first().click();
        const card = page.getByTestId("not-analysed");
        await card.waitFor();
        expect((await card.getAttribute("data-reason")) === "voicemail", "the reason is voicemail");
        expect((await card.innerText()).includes("voicemail greeting"), "the page explains why there is no score");
        expect((await page.getByTestId("ai-score").count()) === 0, "no AI score is shown");
        await page.getByTestId("turn").nth(1).waitFor(); // the transcript is still there to read
        await shot(page, "71-call-view-voicemail");
      } finally {
        sql(`delete from calls where id = '${id}'`);
      }
    },
  },
];
