import { BASE, MANAGER, acme, expect, shot, signIn, sql, sqlValue } from "./harness.mjs";

// A manager's first week (issue 17): from the dashboard's "Needs coaching" card to the worst call
// in one click, why each call is flagged (reason chips), how many calls the list holds, which
// period a search covers, and why a lost call was lost (the objection, quoted, at its moment).

const desktop = { width: 1440, height: 900 };

/** A lost call of today, scored lower than any the stack makes, with an objection and a missed item. */
function addLostCall(tenant) {
  const sid = "CAe2einsightlost0000000000000000001";
  sql(`insert into calls (tenant_id, call_sid, from_number, to_number, direction, started_at, duration_s, pipeline_status)
       values ('${tenant}', '${sid}', '+13125550177', '+13125550100', 'inbound', now() - interval '1 minute', 140, 'done')
       on conflict (call_sid) do nothing`);
  const id = sqlValue(`select id from calls where call_sid = '${sid}'`);
  sql(`insert into transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text) values
         ('${tenant}', '${id}', 0, 'agent', 0, 4000, 'Thanks for calling Acme, this is Sam.'),
         ('${tenant}', '${id}', 1, 'customer', 5000, 12000, 'Hi, I want a price for the premium plan.'),
         ('${tenant}', '${id}', 2, 'agent', 13000, 30000, 'Premium is ninety nine dollars a month.'),
         ('${tenant}', '${id}', 3, 'customer', 95000, 101000, 'That is too expensive for us, Bluewave is cheaper.')
       on conflict do nothing`);
  sql(`insert into insights (tenant_id, call_id, sentiment_score, sentiment_label, converted, converted_evidence,
                             converted_at_ms, upsell_cents, script, script_met, script_total, ai_score, summary,
                             coaching, analyzer, objection)
       values ('${tenant}', '${id}', -0.1, 'neutral', false, 'That is too expensive for us, Bluewave is cheaper.', 95000, 0,
               '{"greeting": {"met": true, "evidence": "Thanks for calling Acme", "at_ms": 0},
                 "needs_discovery": {"met": false, "evidence": null, "at_ms": null},
                 "recap": {"met": false, "evidence": null, "at_ms": null}}',
               1, 3, 3,
               'The agent made a priced offer; the call ended without a sale: the customer preferred a competitor (1:35).',
               '[{"note": "Ask about the customer''s needs before proposing anything.", "at_ms": null},
                 {"note": "The customer preferred a competitor at 1:35: answer the objection.", "at_ms": 95000}]',
               'rules', '{"kind": "competitor", "quote": "That is too expensive for us, Bluewave is cheaper.", "at_ms": 95000}')
       on conflict do nothing`);
  return id;
}

export const scenarios = [
  {
    name: "insight: dashboard card to the worst call in one click, its objection quoted at its moment",
    viewport: desktop,
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const id = addLostCall(acme());
      try {
        await page.goto(`${BASE}/dashboard`);
        const card = page.getByTestId("needs-coaching");
        const first = card.getByTestId("coaching-call").first();
        await first.waitFor();
        expect((await first.locator("a").getAttribute("href")).endsWith(`id=${id}`), "the lowest-scored flagged call comes first");
        const reasons = (await first.getByTestId("coaching-reason").allInnerTexts()).join(" | ");
        expect(reasons.includes("Missed 2 of 3 script items") && reasons.includes("Lost: prefers a competitor"), `reasons shown: ${reasons}`);
        await card.scrollIntoViewIfNeeded();
        await shot(page, "80-dashboard-needs-coaching");

        await first.locator("a").click(); // one click
        await page.waitForURL((u) => u.pathname.startsWith("/calls/view") && u.search.includes(id));
        const objection = page.getByTestId("objection");
        await objection.waitFor();
        expect((await objection.innerText()).includes("Why it was lost"), "the outcome says why the call was lost");
        expect((await page.getByTestId("objection-kind").innerText()) === "Prefers a competitor", "the objection is named");
        expect((await page.getByTestId("objection-quote").innerText()).includes("Bluewave is cheaper"), "the customer's words are quoted");
        expect((await page.getByTestId("objection-jump").innerText()) === "at 1:35", "with the moment they said them");
        expect((await page.getByTestId("no-evidence").innerText()).includes("too expensive for us"), "the No quotes its deciding line");
        expect((await page.getByTestId("coaching-no-moment").first().innerText()) === "missed — no moment in the call", "a missed item has no invented moment");
        await shot(page, "81-call-view-lost");
      } finally {
        sql(`delete from calls where id = '${id}'`);
      }
    },
  },
  {
    name: "insight: calls list shows why each call is flagged, the total, and the search's period",
    viewport: desktop,
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const id = addLostCall(acme());
      try {
        await page.goto(`${BASE}/calls`);
        const row = page.getByTestId("call-row").filter({ has: page.locator(`a[href$="id=${id}"]`) });
        await row.waitFor();
        const chips = (await row.getByTestId("coaching-reason").allInnerTexts()).join(" | ");
        expect(chips.includes("Missed 2 of 3 script items") && chips.includes("Lost: prefers a competitor"), `chips: ${chips}`);
        const total = await page.getByTestId("calls-total").innerText();
        expect(/^[\d,]+\+? calls?$/.test(total), `a total count above the list: ${total}`);
        await shot(page, "82-calls-list-reasons");

        await page.getByLabel("Search transcripts").fill("Bluewave");
        await page.getByRole("button", { name: "Search" }).click();
        await page.waitForURL((u) => u.search.includes("q=Bluewave"));
        const period = page.getByTestId("search-period");
        await period.waitFor();
        expect((await period.innerText()).includes("from "), "the search says which period it covers");
        await page.getByTestId("search-all-time").click();
        await page.waitForURL((u) => /from=20[01]\d-/.test(u.search));
        await row.waitFor();
        expect((await page.getByTestId("search-all-time").count()) === 0, "all time offered no more once chosen");
      } finally {
        sql(`delete from calls where id = '${id}'`);
      }
    },
  },
];
