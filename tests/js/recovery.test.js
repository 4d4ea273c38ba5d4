// Forgot password with the real @supabase/supabase-js v2 client against a real `converza serve`
// (scripts/test-stack): resetPasswordForEmail answers the same for any address, the e-mail
// arrives at the local SMTP sink (MAIL_SINK_DIR), its link's token_hash (or its code) signs the
// user in through verifyOtp, and updateUser sets the new password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';

const url = process.env.CONVERZA_URL;
const anonKey = process.env.ANON_KEY;
const sink = process.env.MAIL_SINK_DIR;
assert.ok(url && anonKey && sink, 'run through scripts/test-stack (CONVERZA_URL, ANON_KEY, MAIL_SINK_DIR)');

class NoWebSocket {
  constructor() {
    throw new Error('realtime is not used in these tests');
  }
}
const client = () =>
  createClient(url, anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: NoWebSocket },
  });
const email = () => `reset-${randomUUID()}@example.com`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const mailsTo = (address) =>
  readdirSync(sink)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => readFileSync(join(sink, f), 'utf8'))
    .filter((m) => m.startsWith(`X-Envelope-To: ${address}\r\n`));

async function mailTo(address) {
  for (let i = 0; i < 100; i++) {
    const [m] = mailsTo(address);
    if (m) return m;
    await sleep(50);
  }
  throw new Error(`no mail to ${address} arrived`);
}

test('forgot password: mail with a link, verifyOtp(token_hash), updateUser, sign in', async () => {
  const address = email();
  assert.equal((await client().auth.signUp({ email: address, password: 'old-password-1' })).error, null);

  const asked = await client().auth.resetPasswordForEmail(address, { redirectTo: `${url}/reset-password` });
  assert.equal(asked.error, null);
  assert.deepEqual(asked.data, {});

  const mail = await mailTo(address);
  assert.match(mail, /^Subject: Reset your Converza password\r$/m);
  const link = new URL(mail.match(/(http:\/\/\S+\/reset-password\?\S+)/)[1].trim());
  assert.equal(link.origin, url);
  assert.equal(link.searchParams.get('type'), 'recovery');
  const tokenHash = link.searchParams.get('token_hash');
  assert.match(tokenHash, /^[0-9a-f]{56}$/);
  assert.ok(!mail.includes('old-password-1'));

  const supabase = client();
  const verified = await supabase.auth.verifyOtp({ type: 'recovery', token_hash: tokenHash });
  assert.equal(verified.error, null);
  assert.equal(verified.data.user.email, address);
  assert.ok(verified.data.session.access_token);

  // The link works once.
  const again = await client().auth.verifyOtp({ type: 'recovery', token_hash: tokenHash });
  assert.equal(again.error?.code, 'otp_expired');
  assert.equal(again.error?.status, 403);

  const same = await supabase.auth.updateUser({ password: 'old-password-1' });
  assert.equal(same.error?.code, 'same_password');
  const weak = await supabase.auth.updateUser({ password: 'short' });
  assert.equal(weak.error?.code, 'weak_password');
  const changed = await supabase.auth.updateUser({ password: 'new-password-2' });
  assert.equal(changed.error, null);
  assert.equal(changed.data.user.email, address);

  const old = await client().auth.signInWithPassword({ email: address, password: 'old-password-1' });
  assert.equal(old.error?.code, 'invalid_credentials');
  const fresh = await client().auth.signInWithPassword({ email: address, password: 'new-password-2' });
  assert.equal(fresh.error, null);
  assert.equal(fresh.data.user.email, address);
});

test('the 6-digit code from the mail works with the address (verifyOtp email + token)', async () => {
  const address = email();
  assert.equal((await client().auth.signUp({ email: address, password: 'old-password-1' })).error, null);
  assert.equal((await client().auth.resetPasswordForEmail(address)).error, null);
  const code = (await mailTo(address)).match(/code: (\d{6})/)[1];
  const wrong = await client().auth.verifyOtp({ type: 'recovery', email: address, token: code === '000000' ? '111111' : '000000' });
  assert.equal(wrong.error?.code, 'otp_expired');
  const ok = await client().auth.verifyOtp({ type: 'recovery', email: address.toUpperCase(), token: code });
  assert.equal(ok.error, null);
  assert.equal(ok.data.user.email, address);
});

test('an unknown address gets the same answer and no mail; a second request within a minute is limited', async () => {
  const nobody = email();
  const asked = await client().auth.resetPasswordForEmail(nobody);
  assert.equal(asked.error, null);
  assert.deepEqual(asked.data, {});
  const again = await client().auth.resetPasswordForEmail(nobody);
  assert.equal(again.error?.code, 'over_email_send_rate_limit');
  assert.equal(again.error?.status, 429);
  await sleep(300);
  assert.equal(mailsTo(nobody).length, 0);

  const bad = await client().auth.resetPasswordForEmail('not-an-address');
  assert.equal(bad.error?.status, 400);
});

test('updateUser needs a session', async () => {
  const res = await fetch(`${url}/auth/v1/user`, {
    method: 'PUT',
    headers: { apikey: anonKey, 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'whatever-123' }),
  });
  assert.equal(res.status, 401);
});
