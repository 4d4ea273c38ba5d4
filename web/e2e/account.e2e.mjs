// Everyday account basics: forgot password through the e-mail (the local SMTP sink that
// scripts/test-stack starts, MAIL_SINK_DIR), inviting a viewer who then cannot change anything,
// and the script editor's unsaved-changes prompt.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { BASE, MANAGER, expect, expectEqual, shot, signIn, until } from "./harness.mjs";

const SINK = process.env.MAIL_SINK_DIR;
const phone = { width: 390, height: 844 };
const desktop = { width: 1440, height: 900 };

/** The newest mail to `address` once it has arrived. */
async function mailTo(address) {
  expect(SINK, "MAIL_SINK_DIR is set (run through scripts/test-stack)");
  return until(() => {
    const mine = readdirSync(SINK)
      .filter((f) => f.endsWith(".eml"))
      .sort()
      .map((f) => readFileSync(join(SINK, f), "utf8"))
      .filter((m) => m.startsWith(`X-Envelope-To: ${address}\r\n`));
    return mine.at(-1);
  }, `a mail to ${address}`);
}

const linkIn = (mail) => mail.match(/(http:\/\/\S+)/)[1].trim();

async function signUp(email, password) {
  const res = await fetch(`${BASE}/auth/v1/signup`, {
    method: "POST",
    headers: { apikey: process.env.ANON_KEY, "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expectEqual(res.status, 200, "sign-up status");
}

async function apiStatus(page, method, path, body) {
  return page.evaluate(
    async ([method, path, body]) => {
      const raw = localStorage.getItem("converza-auth");
      const token = raw ? JSON.parse(raw).access_token : "";
      const r = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: r.status, body: await r.text() };
    },
    [method, path, body],
  );
}

export const scenarios = [
  {
    name: "account: forgot password, the e-mail's link, a new password, sign in with it",
    viewport: desktop,
    fn: async ({ page, context }) => {
      const email = `reset-${randomUUID().slice(0, 8)}@example.com`;
      await signUp(email, "first-password-1");

      await page.goto(`${BASE}/sign-in`);
      await page.getByLabel("Work email").fill(email);
      await page.getByRole("link", { name: "Forgot password?" }).click();
      await page.waitForURL((u) => u.pathname === "/forgot-password");
      expectEqual(await page.getByLabel("Work email").inputValue(), email, "the address carried over");
      await shot(page, "70-forgot-password");
      await page.setViewportSize(phone);
      await shot(page, "70-forgot-password-phone");
      await page.setViewportSize(desktop);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await page.getByRole("status").filter({ hasText: "reset link is on its way" }).waitFor();
      await shot(page, "71-forgot-password-sent");

      const mail = await mailTo(email);
      expect(mail.includes("Subject: Reset your Converza password"), "the recovery mail's subject");
      const link = linkIn(mail);
      expect(link.startsWith(`${BASE}/reset-password?token_hash=`), `the link opens our reset page: ${link}`);

      await page.goto(link);
      await page.getByLabel("New password", { exact: true }).waitFor();
      expect(!page.url().includes("token_hash"), "the token is taken out of the address bar");
      await shot(page, "72-reset-password");
      await page.setViewportSize(phone);
      await shot(page, "72-reset-password-phone");
      await page.setViewportSize(desktop);
      await page.getByLabel("New password", { exact: true }).fill("second-password-2");
      await page.getByLabel("Repeat new password").fill("second-password-2");
      await page.getByRole("button", { name: "Save new password" }).click();
      await page.getByRole("status").filter({ hasText: "new password is saved" }).waitFor();
      await shot(page, "73-password-changed");

      // The link works once.
      await page.goto(link);
      await page.getByRole("alert").filter({ hasText: "expired or was already used" }).waitFor();

      // A fresh browser signs in with the new password, not the old one.
      await context.clearCookies();
      await page.evaluate(() => localStorage.clear());
      await page.goto(`${BASE}/sign-in`);
      await page.getByLabel("Work email").fill(email);
      await page.getByLabel("Password").fill("first-password-1");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("alert").filter({ hasText: "Wrong email or password" }).waitFor();
      await signIn(page, email, "second-password-2");
      await page.waitForURL((u) => u.pathname === "/onboarding");
    },
    allowConsole: [/status of 40[03]/],
  },
  {
    name: "account: a manager invites a viewer, who accepts and cannot change anything",
    viewport: desktop,
    fn: async ({ page, context }) => {
      const viewer = `viewer-${randomUUID().slice(0, 8)}@example.com`;
      await signIn(page, MANAGER);
      await page.getByRole("link", { name: "Team" }).first().click();
      await page.waitForURL((u) => u.pathname === "/team");
      await page.getByTestId("members").waitFor();
      await page.getByLabel("Email").fill(viewer);
      await page.getByLabel("Role").selectOption("viewer");
      await page.getByRole("button", { name: "Send invitation" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `Invitation sent to ${viewer}` })
        .waitFor();
      await page.getByTestId("invitations").getByText(viewer).waitFor();
      await shot(page, "74-team");
      await page.setViewportSize(phone);
      await shot(page, "74-team-phone");

      const mail = await mailTo(viewer);
      const link = linkIn(mail);
      expect(link.startsWith(`${BASE}/accept-invite?token=`), `an accept link: ${link}`);

      // The viewer, in a browser of their own, creates an account from the link and joins.
      const other = await context.browser().newContext({ viewport: phone });
      const vp = await other.newPage();
      try {
        await vp.goto(link);
        await vp.getByRole("link", { name: "Create an account" }).click();
        await vp.getByLabel("Work email").fill(viewer);
        await vp.getByLabel("Password").fill("viewer-password-1");
        await vp.getByRole("button", { name: "Create account" }).click();
        await vp.waitForURL((u) => u.pathname === "/accept-invite");
        await shot(vp, "75-accept-invite-phone");
        await vp.getByRole("button", { name: "Accept the invitation" }).click();
        await vp.waitForURL((u) => u.pathname === "/dashboard", { timeout: 15_000 });
        const me = await apiStatus(vp, "GET", "/api/v1/me");
        expectEqual(JSON.parse(me.body).tenant?.role, "viewer", "/me reports the viewer role");

        // Reads everything, edits nothing: no controls, and the API refuses.
        await vp.setViewportSize(desktop);
        await vp.goto(`${BASE}/script`);
        await vp.getByTestId("script-item").first().waitFor();
        await vp.getByTestId("view-only").waitFor();
        expectEqual(await vp.getByRole("button", { name: "Save new version" }).count(), 0, "no save button for a viewer");
        expectEqual(await vp.getByRole("button", { name: "+ Add item" }).count(), 0, "no add-item button for a viewer");
        expect(await vp.getByTestId("script-item").first().getByLabel("Label").isDisabled(), "the viewer's fields are read-only");
        await shot(vp, "76-viewer-script");
        await vp.goto(`${BASE}/agents`);
        await vp.getByTestId("agents-list").waitFor();
        expectEqual(await vp.getByRole("button", { name: "Add agent" }).count(), 0, "no add-agent form for a viewer");
        await vp.goto(`${BASE}/team`);
        await vp.getByTestId("view-only").waitFor();
        await shot(vp, "77-viewer-team");
        const put = await apiStatus(vp, "PUT", "/api/v1/scripts", { items: [{ key: "greeting", label: "Greeting" }] });
        expectEqual(put.status, 403, "PUT /api/v1/scripts as a viewer");
        expect(put.body.includes("read_only"), `a read_only error: ${put.body}`);
        const add = await apiStatus(vp, "POST", "/api/v1/agents", { name: "Eve", phone: "+14155550177" });
        expectEqual(add.status, 403, "POST /api/v1/agents as a viewer");
        const inv = await apiStatus(vp, "POST", "/api/v1/invitations", { email: "x@example.com", role: "manager" });
        expectEqual(inv.status, 403, "POST /api/v1/invitations as a viewer");
      } finally {
        await other.close();
      }

      // The manager sees the new member, and the invitation is no longer pending.
      await page.setViewportSize(desktop);
      await page.reload();
      await page.getByTestId("members").getByText(viewer).waitFor();
    },
    allowConsole: [/status of 40[34]/],
  },
  {
    name: "account: the script editor asks before unsaved changes are lost",
    viewport: desktop,
    fn: async ({ page }) => {
      await signIn(page, MANAGER);
      await page.goto(`${BASE}/script`);
      await page.getByTestId("script-item").first().waitFor();
      const label = page.getByTestId("script-item").first().getByLabel("Label");
      const before = await label.inputValue();
      await label.fill(`${before} (edited)`);
      await shot(page, "78-script-unsaved");

      // In-app navigation: stay.
      let asked = 0;
      page.once("dialog", (d) => {
        asked++;
        void d.dismiss();
      });
      await page.getByRole("link", { name: "Dashboard" }).first().click();
      await until(() => asked === 1, "the leave prompt");
      await new Promise((r) => setTimeout(r, 300));
      expectEqual(new URL(page.url()).pathname, "/script", "still on the script page");
      expectEqual(await label.inputValue(), `${before} (edited)`, "the edit is still there");

      // Reload: the browser's own beforeunload prompt.
      let unload = 0;
      page.once("dialog", (d) => {
        if (d.type() === "beforeunload") unload++;
        void d.dismiss();
      });
      await page.reload({ timeout: 2000 }).catch(() => {});
      await until(() => unload === 1, "the beforeunload prompt");

      // Leaving for real.
      page.once("dialog", (d) => void d.accept());
      await page.getByRole("link", { name: "Dashboard" }).first().click();
      await page.waitForURL((u) => u.pathname === "/dashboard");
    },
  },
];
