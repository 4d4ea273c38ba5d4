import { BASE, MANAGER, acme, expect, expectEqual, shot, signIn, sql, sqlValue, until } from "./harness.mjs";

export const scenarios = [
  {
    name: "agent profile: from the leaderboard to an agent's page with their KPIs against the team's, weakest script items, calls to coach and comments",
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      const tenant = acme();
      // The agent with the most analysed calls in the last 30 days.
      const since = "(current_date - 29)::timestamptz";
      const [agentId, name] = sql(`
        select a.id, a.name from agents a
          join calls c on c.tenant_id = a.tenant_id and c.agent_id = a.id
          join insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
         where a.tenant_id = '${tenant}' and c.started_at >= ${since}
         group by a.id, a.name order by count(*) desc, a.name limit 1`)[0];
      expect(agentId, "an agent with analysed calls exists");
      const calls = sqlValue(`select count(*) from calls where agent_id = '${agentId}' and started_at >= ${since}`);
      // A comment on one of their calls, written as the demo manager.
      const callId = sqlValue(`select call_id from insights i join calls c on c.tenant_id = i.tenant_id and c.id = i.call_id
                                where c.tenant_id = '${tenant}' and c.agent_id = '${agentId}' order by c.started_at desc limit 1`);
      sql(`delete from call_comments where tenant_id = '${tenant}' and body like 'Profile check:%'`);
      sql(`insert into call_comments (tenant_id, call_id, author_id, author_email, at_ms, body)
           select '${tenant}', '${callId}', id, email, 12000, 'Profile check: ask about budget earlier'
             from auth.users where email = '${MANAGER}'`);
      // And a correction of the AI on it (the trigger records the value it replaced).
      const converted = sqlValue(`select converted from insights where call_id = '${callId}'`) === "t";
      sql(`insert into insight_overrides (tenant_id, call_id, field, value, reason, author_id, author_email)
           select '${tenant}', '${callId}', 'converted', '${!converted}', 'Profile check: outcome corrected', id, email
             from auth.users where email = '${MANAGER}'`);

      await page.goto(`${BASE}/dashboard`);
      await page.getByRole("link", { name, exact: true }).first().click();
      await page.waitForURL(/\/agents\/view\?id=/);
      expectEqual(new URL(page.url()).searchParams.get("id"), agentId, "the leaderboard opens the agent's page");
      await page.getByRole("heading", { name, exact: true }).waitFor();

      // Their KPIs against the team's: the agent's call count is theirs, the team's is everyone's.
      const table = page.getByTestId("agent-vs-team");
      await until(
        async () => (await table.locator("tbody tr").first().locator("td").first().innerText()).trim() === Number(calls).toLocaleString("en-US"),
        `agent's calls = ${calls}`,
      );
      const teamCalls = sqlValue(`select count(*) from calls where tenant_id = '${tenant}' and started_at >= ${since}`);
      await until(
        async () => (await table.locator("tbody tr").first().locator("td").nth(1).innerText()).trim() === Number(teamCalls).toLocaleString("en-US"),
        `team's calls = ${teamCalls}`,
      );

      // Script items come weakest first, each with the team's rate beside it.
      const items = page.getByTestId("script-item");
      await items.first().waitFor();
      const rates = await items.evaluateAll((els) =>
        els
          .map((e) => e.textContent.match(/(\d+)% vs team/)?.[1])
          .filter((r) => r !== undefined)
          .map(Number),
      );
      expect(rates.length > 0, "script items carry the agent's rate");
      expectEqual(JSON.stringify(rates), JSON.stringify([...rates].sort((a, b) => a - b)), "weakest item first");

      // The comment is there, and opens the call at its moment.
      const comment = page.getByTestId("agent-comment").filter({ hasText: "Profile check: ask about budget earlier" });
      await comment.waitFor();
      const correction = page.getByTestId("agent-override").filter({ hasText: "Profile check: outcome corrected" });
      await correction.waitFor();
      const said = await correction.innerText();
      expect(
        said.includes(`Converted: ${converted ? "Not converted" : "Converted"}`) && said.includes(`AI said ${converted ? "Converted" : "Not converted"}`),
        `the correction reads both values: ${said}`,
      );
      // Their calls that need coaching are theirs only.
      await page.getByTestId("needs-coaching").waitFor();
      await shot(page, "90-agent-profile");
      await page.setViewportSize({ width: 390, height: 844 });
      await until(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), "no horizontal overflow at 390 px");
      await shot(page, "91-agent-profile-phone");
      await page.setViewportSize({ width: 1440, height: 900 });
      await comment.click();
      await page.waitForURL(/\/calls\/view\?id=/);
      const url = new URL(page.url());
      expectEqual(url.searchParams.get("id"), callId, "the comment opens its call");
      expectEqual(url.searchParams.get("t"), "12", "at the comment's moment");
      sql(`delete from call_comments where tenant_id = '${tenant}' and body like 'Profile check:%'`);
      // Overrides are append-only: a second one puts the AI's value back for later scenarios.
      sql(`insert into insight_overrides (tenant_id, call_id, field, value, reason, author_id, author_email)
           select '${tenant}', '${callId}', 'converted', '${converted}', 'Profile check: restored', id, email
             from auth.users where email = '${MANAGER}'`);
    },
  },
];
