import { BASE, MANAGER, acme, expect, shot, signIn, sql } from "./harness.mjs";

// The demo tenant is one business (issue 15 item 9): every call the simulator made for it
// (`simulate --demo`, as scripts/test-stack and `make demo` run it) is a home services call, and
// the agent who introduces themselves in it is the agent the call is attributed to.

const elsewhere = /streaming|CRM|seats|hotel|king room|check engine|brakes|deductible|solar|tooth|dental|sectional|sofa|whitening|roadside/i;
const home = /plumb|sink|pipe|water heater|air conditioner|furnace|drain|maintenance plan|tune-up/i;

export const scenarios = [
  {
    name: "demo story: every simulated call is home services, spoken by the agent it is attributed to",
    fn: async ({ page }) => {
      const tenant = acme();
      // Simulated calls only (their SIDs are CA + 32 hex digits; scenarios insert others).
      const rows = sql(`
        select c.call_sid, coalesce(split_part(a.name, ' ', 1), ''),
               (select t.text from transcripts t
                 where t.tenant_id = c.tenant_id and t.call_id = c.id and t.speaker = 'agent'
                 order by t.seq limit 1),
               (select string_agg(t.text, ' ' order by t.seq) from transcripts t
                 where t.tenant_id = c.tenant_id and t.call_id = c.id)
          from calls c left join agents a on a.tenant_id = c.tenant_id and a.id = c.agent_id
         where c.tenant_id = '${tenant}' and c.call_sid ~ '^CA[0-9a-f]{32}$'
           and c.pipeline_status = 'done'`);
      expect(rows.length >= 30, `the stack's simulated calls are analysed (${rows.length})`);
      let greeted = 0;
      for (const [sid, agent, hello, text] of rows) {
        expect(agent !== "", `${sid} is attributed to an agent`);
        const said = /this is (\w+)\./.exec(hello ?? "");
        if (said) {
          greeted++;
          expect(said[1] === agent, `${sid}: "${hello}" but the call is ${agent}'s`);
        }
        expect(!elsewhere.test(text), `${sid} is another industry's call: ${text}`);
        expect(home.test(text), `${sid} is not about home services: ${text}`);
      }
      expect(greeted > rows.length / 2, `most agents introduce themselves (${greeted} of ${rows.length})`);

      await signIn(page, MANAGER);
      await page.goto(`${BASE}/dashboard`);
      await page.locator(".recharts-surface").first().waitFor();
      await shot(page, "90-demo-dashboard");
    },
  },
];
