// Managers correct the AI on the coaching view: the corrected finding is marked as theirs with
// the AI's value beside it, the override history lists it, and the calls list, its filters and
// the dashboard count the corrected value (the server applies it everywhere at once).
import { BASE, MANAGER, acme, expect, expectEqual, shot, signIn, sql, sqlValue } from "./harness.mjs";

export const scenarios = [
  {
    name: "coaching loop, overrides: a manager corrects converted, upsell and a script item with reasons; every view follows",
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const tenant = acme();
      // An analysed call with script items that nobody corrected yet.
      const [id, converted, day] = sql(`
        select c.id, i.converted, (c.started_at at time zone 'UTC')::date from calls c
          join insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
         where c.tenant_id = '${tenant}' and i.overrides = '{}'::jsonb and i.converted is not null
           and jsonb_typeof(i.script) = 'object' and (select count(*) from jsonb_object_keys(i.script)) >= 2
         order by c.started_at desc, c.id limit 1`)[0];
      expect(id, "an analysed call exists");
      const aiConverted = converted === "t";
      const kpiBefore = Number(sqlValue(`select coalesce(sum(converted), 0) from kpi_daily where tenant_id = '${tenant}' and day = '${day}'`));

      await page.goto(`${BASE}/calls/view?id=${id}`);
      await page.getByTestId("override-history").getByText("No corrections yet").waitFor();

      // converted: the form starts at the other answer; a reason is required.
      await page.locator('[data-testid="override-edit"][data-field="converted"]').click();
      const form = page.locator('[data-testid="override-form"][data-field="converted"]');
      expectEqual(await form.getByTestId("override-value").inputValue(), String(!aiConverted), "the form offers the other answer");
      expect(await form.getByTestId("override-save").isDisabled(), "no reason, no save");
      await form.getByTestId("override-reason").fill("Listened to the end: the customer only asked for a quote");
      await form.scrollIntoViewIfNeeded();
      await page.screenshot({ path: new URL("screenshots/89-overrides-form.png", import.meta.url).pathname });
      await form.getByTestId("override-save").click();
      const mark = page.locator('[data-testid="edited-mark"][data-field="converted"]');
      await mark.waitFor();
      expect((await mark.textContent()).includes(`Edited by ${MANAGER}`), "marked as the manager's");
      expectEqual(
        await mark.getByTestId("ai-original").textContent(),
        `AI said: ${aiConverted ? "Converted" : "Not converted"}`,
        "the AI's value stays visible",
      );

      // upsell, in dollars.
      await page.locator('[data-testid="override-edit"][data-field="upsell_cents"]').click();
      const upsell = page.locator('[data-testid="override-form"][data-field="upsell_cents"]');
      await upsell.getByTestId("override-value").fill("42.50");
      await upsell.getByTestId("override-reason").fill("The warranty add-on was accepted too");
      await upsell.getByTestId("override-save").click();
      await page.locator('[data-testid="edited-mark"][data-field="upsell_cents"]').waitFor();

      // the first script item.
      const item = page.locator('[data-testid="override-edit"][data-field^="script."]').first();
      const itemField = await item.getAttribute("data-field");
      await item.click();
      const itemForm = page.locator(`[data-testid="override-form"][data-field="${itemField}"]`);
      await itemForm.getByTestId("override-reason").fill("Judged it again from the recording");
      await itemForm.getByTestId("override-save").click();
      await page.locator(`[data-testid="edited-mark"][data-field="${itemField}"]`).waitFor();

      const entries = page.getByTestId("override-entry");
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="override-entry"]').length === 3);
      expectEqual(await entries.first().getAttribute("data-field"), itemField, "the history is newest first");
      await page.getByTestId("override-history").scrollIntoViewIfNeeded();
      await shot(page, "90-overrides-call-view");

      // Stored once each, applied to the insight, and the day's KPIs recomputed already.
      expectEqual(sqlValue(`select count(*) from insight_overrides where call_id = '${id}'`), "3", "three overrides stored");
      expectEqual(
        sqlValue(`select converted::text || ' ' || upsell_cents || ' ' || (ai_values->>'converted') from insights where call_id = '${id}'`),
        `${!aiConverted} 4250 ${aiConverted}`,
        "the insight holds the manager's values and the AI's",
      );
      const kpiAfter = Number(sqlValue(`select coalesce(sum(converted), 0) from kpi_daily where tenant_id = '${tenant}' and day = '${day}'`));
      expectEqual(kpiAfter - kpiBefore, aiConverted ? -1 : 1, "the day's conversions follow at once");

      // The calls list shows the corrected outcome, marked, and its filter finds the call.
      await page.goto(`${BASE}/calls?from=${day}&to=${day}&converted=${!aiConverted}`);
      const row = page.locator(`[data-testid="call-row"]:has(a[href="/calls/view?id=${id}"])`);
      await row.waitFor();
      await row.locator('[data-testid="edited"][data-field="converted"]').waitFor();
      await row.locator('[data-testid="edited"][data-field="upsell_cents"]').waitFor();
      expect((await row.textContent()).includes("$43") || (await row.textContent()).includes("$42"), "the corrected upsell is listed");
      await shot(page, "91-overrides-calls-list");
    },
  },
  {
    name: "coaching loop, overrides: a viewer sees the corrections and the history, without Edit",
    fn: async ({ page }) => {
      const tenant = acme();
      // A viewer of the demo tenant, with the demo password (the manager's hash).
      const viewer = "viewer-overrides@acme.test";
      sql(`insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
           select gen_random_uuid(), 'authenticated', 'authenticated', '${viewer}', u.encrypted_password, now(),
                  jsonb_build_object('provider', 'email', 'providers', jsonb_build_array('email'), 'tenant_id', '${tenant}'), '{}', now(), now()
             from auth.users u where u.email = '${MANAGER}'
              and not exists (select 1 from auth.users where email = '${viewer}')`);
      sql(`insert into members (tenant_id, user_id, role) select '${tenant}', id, 'viewer' from auth.users where email = '${viewer}'
           on conflict do nothing`);
      // A call a manager corrected.
      const id = sqlValue(`select c.id from calls c join insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
                            where c.tenant_id = '${tenant}' order by c.started_at, c.id limit 1`);
      sql(`insert into insight_overrides (tenant_id, call_id, field, value, reason, author_id, author_email)
           select '${tenant}', '${id}', 'sentiment', '"negative"', 'The customer hung up angry', u.id, u.email
             from auth.users u where u.email = '${MANAGER}'`);

      await signIn(page, viewer);
      await page.goto(`${BASE}/calls/view?id=${id}`);
      const mark = page.locator('[data-testid="edited-mark"][data-field="sentiment"]');
      await mark.waitFor();
      expect((await mark.textContent()).includes(`Edited by ${MANAGER}`), "the viewer sees whose correction it is");
      expectEqual(
        await page.getByTestId("summary-corrections").textContent(),
        "Summary written by the AI before a manager's corrections: Customer sentiment Negative.",
        "the AI's summary says which of its findings were corrected since",
      );
      await page.getByTestId("override-entry").first().waitFor();
      expectEqual(await page.getByTestId("override-edit").count(), 0, "no Edit for a viewer");
      await page.getByTestId("override-history").scrollIntoViewIfNeeded();
      await shot(page, "94-overrides-viewer");
    },
  },
];
