// Re-analyse (issue 15 item 6): after editing the script, a manager estimates a date range's
// re-analysis (the count matches SQL), confirms, watches the progress reach 100% and finds the
// new script version on a call's analysis; a viewer sees the card without the Confirm button.
import { BASE, MANAGER, acme, expect, expectEqual, shot, signIn, sql, sqlValue, until } from "./harness.mjs";

const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

/** Calls of the tenant with a transcript in the UTC days from..to: what the estimate counts. */
const callsInRange = (tenant, from, to) =>
  sqlValue(`select count(*) from calls c where c.tenant_id = '${tenant}'
              and c.started_at >= '${from}'::date at time zone 'UTC' and c.started_at < ('${to}'::date + 1) at time zone 'UTC'
              and exists (select 1 from transcripts t where t.tenant_id = c.tenant_id and t.call_id = c.id)`);

export const scenarios = [
  {
    name: "reanalyse: a manager edits the script, sees the count and cost, confirms, watches progress to 100% and finds the new script version on a call",
    viewport: desktop,
    fn: async ({ page }) => {
      const tenant = acme();
      await signIn(page, MANAGER);
      await page.goto(`${BASE}/script`);
      const last = page.getByTestId("script-item").last();
      await last.waitFor();

      // Edit the script: a new version.
      const what = last.getByLabel("What counts as met");
      await what.fill(`${(await what.inputValue()).replace(/ \(checked again\)$/, "")} (checked again)`);
      await page.getByRole("button", { name: "Save new version" }).click();
      await page.getByText(/Saved as version \d+/).waitFor();
      const version = sqlValue(`select max(version) from scripts where tenant_id = '${tenant}'`);

      // The range: from the first call's day to today (UTC).
      const from = sqlValue(`select (min(started_at) at time zone 'UTC')::date from calls where tenant_id = '${tenant}'`);
      const to = sqlValue(`select (now() at time zone 'UTC')::date`);
      const card = page.getByTestId("reanalyse-card");
      await card.getByTestId("reanalyse-from").fill(from);
      await card.getByTestId("reanalyse-to").fill(to);
      const expected = callsInRange(tenant, from, to);
      expect(Number(expected) > 0, "the stack has calls with a transcript");
      const estimate = card.getByTestId("reanalysis-estimate");
      await until(async () => (await estimate.getAttribute("data-calls")) === expected, `the estimate counts ${expected} calls`);
      expect((await estimate.textContent()).includes(`${expected} calls, est. $`), `"N calls, est. $X OpenAI cost": ${await estimate.textContent()}`);
      await card.scrollIntoViewIfNeeded();
      await shot(page, "95-reanalyse-estimate");

      // A bad range is refused in the form, with nothing to confirm.
      await card.getByTestId("reanalyse-from").fill("2026-12-31");
      await card.getByTestId("reanalyse-to").fill("2026-01-01");
      await card.getByText("The first day must not be after the last.").waitFor();
      expect(await card.getByTestId("reanalyse-confirm").isDisabled(), "no Confirm for a reversed range");
      await card.getByTestId("reanalyse-from").fill(from);
      await card.getByTestId("reanalyse-to").fill(to);
      await until(async () => (await estimate.getAttribute("data-calls")) === expected, "the estimate again");

      const before = sqlValue(`select now()`);
      await card.getByTestId("reanalyse-confirm").click();
      const run = card.getByTestId("reanalysis-run");
      await run.waitFor();
      await page.locator('[data-testid="reanalysis-run"][data-finished="true"]').waitFor({ timeout: 90_000 });
      expectEqual(await run.getByTestId("reanalysis-percent").textContent(), "100%", "progress at the end");
      expectEqual(await run.getByRole("progressbar").getAttribute("aria-valuenow"), "100", "the bar is full");
      expectEqual(
        sqlValue(`select total from reanalysis_runs where tenant_id = '${tenant}' order by requested_at desc limit 1`),
        expected,
        "the run queued every call of the estimate",
      );
      // Every call of the range was scored again against the new version.
      expectEqual(
        sqlValue(`select count(*) from insights i join calls c on c.tenant_id = i.tenant_id and c.id = i.call_id
                   where i.tenant_id = '${tenant}' and i.script_version = ${version} and i.analyzed_at >= '${before}'
                     and c.started_at >= '${from}'::date at time zone 'UTC'`),
        expected,
        "insights re-analysed with the new script version",
      );
      await card.scrollIntoViewIfNeeded();
      await shot(page, "96-reanalyse-done");

      await page.setViewportSize(phone);
      await page.goto(`${BASE}/script`);
      await page.getByTestId("reanalyse-card").scrollIntoViewIfNeeded();
      await page.getByTestId("reanalysis-run").waitFor();
      await shot(page, "97-reanalyse-phone");

      // The coaching view names the analyzer, the model and the script version.
      const id = sqlValue(`select call_id from insights where tenant_id = '${tenant}' and script_version = ${version} order by analyzed_at desc limit 1`);
      await page.setViewportSize(desktop);
      await page.goto(`${BASE}/calls/view?id=${id}`);
      const line = page.getByTestId("analyzer");
      await line.waitFor();
      const text = await line.textContent();
      expect(text.includes(`script v${version}`), `the analyzer line names script v${version}: ${text}`);
      expect(/Analysed by (the built-in rules|AI)/.test(text), `the analyzer line names the analyzer: ${text}`);
      await line.scrollIntoViewIfNeeded();
      await shot(page, "98-reanalysed-call");
      await page.setViewportSize(phone);
      await page.reload();
      await page.getByTestId("analyzer").scrollIntoViewIfNeeded();
      await shot(page, "99-reanalysed-call-phone");
    },
  },
  {
    name: "reanalyse: a viewer sees the estimate and the runs but no Confirm button",
    viewport: desktop,
    fn: async ({ page }) => {
      const tenant = acme();
      const viewer = "viewer-reanalyse@acme.test";
      sql(`insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
           select gen_random_uuid(), 'authenticated', 'authenticated', '${viewer}', u.encrypted_password, now(),
                  jsonb_build_object('provider', 'email', 'providers', jsonb_build_array('email'), 'tenant_id', '${tenant}'), '{}', now(), now()
             from auth.users u where u.email = '${MANAGER}'
              and not exists (select 1 from auth.users where email = '${viewer}')`);
      sql(`insert into members (tenant_id, user_id, role) select '${tenant}', id, 'viewer' from auth.users where email = '${viewer}'
           on conflict do nothing`);
      await signIn(page, viewer);
      await page.goto(`${BASE}/script`);
      const card = page.getByTestId("reanalyse-card");
      await card.getByTestId("reanalyse-view-only").waitFor();
      await until(async () => (await card.getByTestId("reanalysis-estimate").getAttribute("data-calls")) !== null, "the viewer sees the estimate");
      expectEqual(await page.getByTestId("reanalyse-confirm").count(), 0, "no Confirm button for a viewer");
      await card.scrollIntoViewIfNeeded();
      await shot(page, "99-reanalyse-viewer");
    },
  },
];
