// Alerts: a manager creates a rule in the browser (a bad webhook URL refused first, nothing
// stored), a call that matches it is analysed again by the running worker, and the alert arrives
// at a webhook receiver on loopback (its signature checked here with Node's crypto, not the
// server's code) and as an e-mail in the local SMTP sink (MAIL_SINK_DIR); the delivery log shows
// both sent, and a rule whose receiver answers 404 failed with the reason; analysing the call
// again sends nothing new; pausing and deleting the rules work.
import { createHmac, timingSafeEqual } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { BASE, MANAGER, acme, expect, expectEqual, shot, signIn, sql, sqlValue, until } from "./harness.mjs";

/** A webhook receiver on a free loopback port that records every request. */
async function receiver() {
  const got = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push({ path: req.url, headers: req.headers, body });
      const gone = req.url === "/gone";
      res.writeHead(gone ? 404 : 200, { "content-type": "application/json" }).end(gone ? "{}" : '{"ok":true}');
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { got, url: `${base}/hooks/converza`, gone: `${base}/gone`, close: () => server.close() };
}

function mailsTo(address) {
  const sink = process.env.MAIL_SINK_DIR;
  expect(sink, "MAIL_SINK_DIR is set (run through scripts/test-stack)");
  return readdirSync(sink)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => readFileSync(join(sink, f), "utf8"))
    .filter((m) => m.startsWith(`X-Envelope-To: ${address}\r\n`));
}

export const scenarios = [
  {
    name: "alerts: a manager adds a rule, a matching call is analysed, the signed webhook and the e-mail arrive and the log shows them sent",
    fn: async ({ page }) => {
      const hook = await receiver();
      try {
        await signIn(page, MANAGER);
        const tenant = acme();
        sql(`delete from alert_rules where tenant_id = '${tenant}'`);
        // The analysed call with the lowest AI score, and a threshold just above it.
        const [call, score] = sql(`select i.call_id, i.ai_score from insights i join calls c on c.tenant_id = i.tenant_id and c.id = i.call_id
                                    where i.tenant_id = '${tenant}' and i.ai_score is not null and c.started_at > now() - interval '20 hours'
                                    order by i.ai_score, i.call_id limit 1`)[0];
        expect(Number(score) < 100, `a call scored below 100 (${score})`);
        const threshold = Number(score) + 1;

        await page.goto(`${BASE}/alerts`);
        await page.getByText("No alert rules yet").waitFor();
        await page.getByText("Nothing sent yet").waitFor();

        // A webhook that is not http(s) is refused in the form; nothing is stored.
        await page.getByTestId("alert-name").fill("Low AI score");
        await page.getByTestId("alert-kind").selectOption("ai_score_below");
        await page.getByTestId("alert-threshold").fill(String(threshold));
        await page.getByTestId("alert-webhook").fill("ftp://files.example.test/drop");
        await page.getByTestId("alert-save").click();
        await page.getByText("must start with http:// or https://").waitFor();
        expectEqual(sqlValue(`select count(*) from alert_rules where tenant_id = '${tenant}'`), "0", "nothing stored");

        await page.getByTestId("alert-webhook").fill(hook.url);
        await page.getByTestId("alert-emails").fill("Lead@acme.test");
        await page.getByTestId("alert-save").click();
        const row = page.locator('[data-testid="alert-rule"][data-name="Low AI score"]');
        await row.waitFor();
        await row.getByText(`AI score below ${threshold}`).waitFor();
        await row.getByText("Webhook: 127.0.0.1").waitFor();
        await row.getByText("lead@acme.test").waitFor();
        await row.getByRole("button", { name: "Show" }).click();
        const secret = (await row.getByTestId("alert-secret").textContent()).trim();
        expect(/^[0-9a-f]{64}$/.test(secret), "the signing secret is shown to the manager");

        // A second rule whose receiver answers 404: that delivery fails at once, with the reason.
        await page.getByTestId("alert-name").first().fill("Gone receiver");
        await page.getByTestId("alert-kind").first().selectOption("ai_score_below");
        await page.getByTestId("alert-threshold").first().fill(String(threshold));
        await page.getByTestId("alert-webhook").first().fill(hook.gone);
        await page.getByTestId("alert-save").first().click();
        await page.locator('[data-testid="alert-rule"][data-name="Gone receiver"]').waitFor();

        // The worker analyses the call again (as a re-analysis would): the rule matches it.
        sql(`update calls set pipeline_status = 'analyzing' where id = '${call}';
             update jobs set state = 'queued', attempts = 0, run_at = now() where kind = 'analyze' and call_id = '${call}';
             select pg_notify('converza_jobs', '')`);
        const signed = () => hook.got.filter((r) => r.path === "/hooks/converza");
        await until(() => signed().length > 0, "the webhook was called", 30_000);
        const req = signed()[0];
        const expected = "v1=" + createHmac("sha256", secret).update(`${req.headers["x-converza-timestamp"]}.${req.body}`).digest("hex");
        const given = String(req.headers["x-converza-signature"]);
        expect(given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected)), "the signature verifies");
        const body = JSON.parse(req.body);
        expectEqual(body.call.id, call, "the alert names the call");
        expect(body.text.includes('Converza alert "Low AI score"'), "Slack's text field");
        await until(() => mailsTo("lead@acme.test").some((m) => m.includes("Subject: Converza alert: Low AI score")), "the e-mail arrived", 30_000);

        // The log: both deliveries sent.
        await page.reload();
        await until(async () => (await page.locator('[data-testid="delivery"] [data-status="sent"]').count()) === 2, "two sent deliveries in the log", 30_000);
        await page.locator('[data-testid="delivery"][data-channel="email"]').getByText("lead@acme.test").waitFor();
        const failed = page.locator('[data-testid="delivery"][data-rule="Gone receiver"]');
        await failed.locator('[data-status="failed"]').waitFor();
        await failed.getByText("the webhook answered HTTP 404").waitFor();
        await row.getByText("2 alerts").waitFor();
        await shot(page, "95-alerts");
        await page.setViewportSize({ width: 390, height: 844 });
        await shot(page, "95-alerts-phone");
        await page.setViewportSize({ width: 1366, height: 900 });

        // Analysing the same call again sends nothing new.
        sql(`update calls set pipeline_status = 'analyzing' where id = '${call}';
             update jobs set state = 'queued', attempts = 0, run_at = now() where kind = 'analyze' and call_id = '${call}';
             select pg_notify('converza_jobs', '')`);
        await until(() => sqlValue(`select state from jobs where kind = 'analyze' and call_id = '${call}'`) === "done", "re-analysed", 30_000);
        await new Promise((r) => setTimeout(r, 2500));
        expectEqual(signed().length, 1, "no second webhook");
        expectEqual(hook.got.length, 2, "nor a second try of the 404");
        expectEqual(sqlValue(`select count(*) from alert_deliveries where tenant_id = '${tenant}'`), "3", "no new delivery");

        // Edit: the threshold changes, the webhook and its secret stay.
        await row.getByRole("button", { name: "Edit" }).click();
        const form = page.getByTestId("alert-form").last();
        expectEqual(await form.getByTestId("alert-webhook").inputValue(), hook.url, "the form shows the manager the URL");
        await form.getByTestId("alert-threshold").fill("30");
        await form.getByTestId("alert-save").click();
        await row.getByText("AI score below 30").waitFor();
        expectEqual(sqlValue(`select secret from alert_rules where tenant_id = '${tenant}' and name = 'Low AI score'`), secret, "the secret is kept");

        // Pause, then delete.
        page.once("dialog", (d) => d.accept());
        await page.locator('[data-testid="alert-rule"][data-name="Gone receiver"]').getByTestId("alert-delete").click();
        await page.locator('[data-testid="alert-rule"][data-name="Gone receiver"]').waitFor({ state: "detached" });
        await row.getByTestId("alert-toggle").click();
        await row.getByText("paused").waitFor();
        expectEqual(sqlValue(`select enabled from alert_rules where tenant_id = '${tenant}'`), "f", "paused");
        await shot(page, "96-alerts-paused");
        page.once("dialog", (d) => d.accept());
        await row.getByTestId("alert-delete").click();
        await page.getByText("No alert rules yet").waitFor();
        expectEqual(sqlValue(`select count(*) from alert_deliveries where tenant_id = '${tenant}'`), "0", "its log went with it");
      } finally {
        hook.close();
      }
    },
  },
];
