// CSV exports: the calls list's "Export CSV" downloads exactly the calls of the current filters
// (every page, not just the one shown), and the dashboard's leaderboard export has a row per
// agent in the leaderboard's order.
import { readFileSync } from "node:fs";
import { BASE, MANAGER, acme, expect, expectEqual, shot, signIn, sqlValue } from "./harness.mjs";

/** Records of an RFC 4180 body (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [[]];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      rows.at(-1).push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      rows.at(-1).push(field);
      field = "";
      rows.push([]);
      i++;
    } else field += ch;
  }
  rows.pop();
  return rows;
}

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
}

export const scenarios = [
  {
    name: "coaching loop, export: the calls list downloads exactly the filtered calls as CSV, and the dashboard the leaderboard",
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const tenant = acme();
      const from = sqlValue(`select min((started_at at time zone 'UTC')::date) from calls where tenant_id = '${tenant}'`);
      const to = sqlValue(`select max((started_at at time zone 'UTC')::date) from calls where tenant_id = '${tenant}'`);
      await page.goto(`${BASE}/calls?from=${from}&to=${to}&sentiment=positive&sort=upsell_cents`);
      await page.getByTestId("call-row").first().waitFor();
      await shot(page, "92-export-calls");
      const calls = await download(page, "calls-export");
      expect(/^converza-calls-\d{4}-\d{2}-\d{2}\.csv$/.test(calls.name), `dated file name (${calls.name})`);
      const rows = parseCsv(calls.text);
      expectEqual(rows[0].slice(0, 3).join(","), "call_id,started_at,agent", "a header row");
      const want = sqlValue(`
        select count(*) from calls c join insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
         where c.tenant_id = '${tenant}' and i.sentiment_label = 'positive'
           and (c.started_at at time zone 'UTC')::date between '${from}' and '${to}'`);
      expectEqual(String(rows.length - 1), want, "every positive call of the period, all pages");
      expect(
        rows.slice(1).every((r) => r[9] === "positive"),
        "only positive calls",
      );
      const upsells = rows.slice(1).map((r) => Number(r[8]));
      expect(
        upsells.every((u, i) => i === 0 || upsells[i - 1] >= u),
        "in the list's order (upsell, highest first)",
      );
      const firstListed = await page.getByTestId("call-row").first().locator("a").first().getAttribute("href");
      expectEqual(`/calls/view?id=${rows[1][0]}`, firstListed, "the first row is the list's first call");

      await page.goto(`${BASE}/dashboard?from=${from}&to=${to}`);
      await page.getByTestId("leaderboard-export").waitFor();
      await shot(page, "93-export-leaderboard");
      const board = await download(page, "leaderboard-export");
      expectEqual(board.name, `converza-leaderboard-${from}-to-${to}.csv`, "file name with the period");
      const agents = parseCsv(board.text);
      expectEqual(agents[0][0], "agent_id", "a header row");
      expectEqual(String(agents.length - 1), sqlValue(`select count(*) from agents where tenant_id = '${tenant}'`), "a row per agent");
    },
  },
];
