// The real @supabase/supabase-js v2 client against a real `converza serve` (started by
// scripts/test-stack, which exports CONVERZA_URL and ANON_KEY): what the dashboard does to sign
// up, sign in, read the user, refresh, sign out, and how it sees errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';

const url = process.env.CONVERZA_URL;
const anonKey = process.env.ANON_KEY;
assert.ok(url && anonKey, 'run through scripts/test-stack (CONVERZA_URL and ANON_KEY unset)');

// Realtime is not used here, and Node 20 has no WebSocket for it to find at construction time.
class NoWebSocket {
  constructor() {
    throw new Error('realtime is not used in these tests');
  }
}

function client() {
  return createClient(url, anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: NoWebSocket },
  });
}
const email = () => `js-${randomUUID()}@example.com`;
const password = 'correct-horse-battery';

test('sign up returns a session (autoconfirm) and a GoTrue user', async () => {
  const supabase = client();
  const address = email();
  const { data, error } = await supabase.auth.signUp({
    email: address, password, options: { data: { name: 'Dana' } },
  });
  assert.equal(error, null);
  assert.ok(data.session?.access_token.split('.').length === 3);
  assert.equal(data.session.token_type, 'bearer');
  assert.equal(data.user.email, address);
  assert.equal(data.user.aud, 'authenticated');
  assert.deepEqual(data.user.app_metadata, { provider: 'email', providers: ['email'] });
  assert.equal(data.user.user_metadata.name, 'Dana');
  assert.ok(data.user.email_confirmed_at);

  const again = await client().auth.signUp({ email: address, password });
  assert.equal(again.error?.code, 'user_already_exists');
  assert.equal(again.error?.status, 422);
});

test('weak password is refused with its reasons', async () => {
  const { data, error } = await client().auth.signUp({ email: email(), password: 'short' });
  assert.equal(data.session, null);
  assert.equal(error?.code, 'weak_password');
  assert.equal(error?.name, 'AuthWeakPasswordError');
  assert.deepEqual(error?.reasons, ['length']);
});

test('sign in, getUser, refresh with rotation and reuse detection, sign out', async () => {
  const address = email();
  assert.equal((await client().auth.signUp({ email: address, password })).error, null);

  const supabase = client();
  const signin = await supabase.auth.signInWithPassword({ email: address, password });
  assert.equal(signin.error, null);
  const first = signin.data.session;
  assert.equal(signin.data.user.email, address);

  const { data: me, error: meError } = await supabase.auth.getUser();
  assert.equal(meError, null);
  assert.equal(me.user.id, signin.data.user.id);

  const refreshed = await supabase.auth.refreshSession();
  assert.equal(refreshed.error, null);
  const second = refreshed.data.session;
  assert.notEqual(second.refresh_token, first.refresh_token);
  assert.equal((await supabase.auth.getUser(second.access_token)).error, null);

  // Someone replays the rotated refresh token: refused, and the session is revoked.
  const thief = client();
  const reuse = await thief.auth.refreshSession({ refresh_token: first.refresh_token });
  assert.equal(reuse.data.session, null);
  assert.equal(reuse.error?.code, 'refresh_token_already_used');
  // The server answers 403 session_not_found, which auth-js turns into AuthSessionMissingError.
  const revoked = await client().auth.getUser(second.access_token);
  assert.equal(revoked.data.user, null);
  assert.equal(revoked.error?.name, 'AuthSessionMissingError');

  // A fresh sign-in, then sign out: the token no longer passes.
  const again = client();
  const s2 = await again.auth.signInWithPassword({ email: address, password });
  assert.equal(s2.error, null);
  const { error: outError } = await again.auth.signOut();
  assert.equal(outError, null);
  assert.equal((await again.auth.getSession()).data.session, null);
  const after = await client().auth.getUser(s2.data.session.access_token);
  assert.equal(after.error?.name, 'AuthSessionMissingError');
});

test('wrong password is invalid_credentials', async () => {
  const address = email();
  assert.equal((await client().auth.signUp({ email: address, password })).error, null);
  const { data, error } = await client().auth.signInWithPassword({
    email: address, password: 'not-the-password',
  });
  assert.equal(data.session, null);
  assert.equal(error?.code, 'invalid_credentials');
  assert.equal(error?.status, 400);
  assert.equal(error?.message, 'Invalid login credentials');
});

test('requests without an apikey are refused like Supabase does', async () => {
  const res = await fetch(`${url}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'a@example.com', password }),
  });
  assert.equal(res.status, 401);
  assert.deepEqual(await res.json(), { message: 'No API key found in request' });

  const config = await (await fetch(`${url}/api/v1/config`)).json();
  assert.equal(config.anon_key, anonKey);
  assert.equal(config.supabase_url, url);
});

// What a new manager does first: sign up, create the organisation (the server writes
// app_metadata.tenant_id), refresh — and the new access token carries the tenant.
test('a new organisation reaches the token on the next refresh', async () => {
  const supabase = client();
  const { data, error } = await supabase.auth.signUp({ email: email(), password });
  assert.equal(error, null);
  assert.equal(data.user.app_metadata.tenant_id, undefined);

  const res = await fetch(`${url}/api/v1/onboarding/organization`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      apikey: anonKey,
      authorization: `Bearer ${data.session.access_token}`,
    },
    body: JSON.stringify({ name: `Org ${randomUUID().slice(0, 8)}` }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { tenant } = await res.json();

  const refreshed = await supabase.auth.refreshSession({ refresh_token: data.session.refresh_token });
  assert.equal(refreshed.error, null);
  assert.equal(refreshed.data.user.app_metadata.tenant_id, tenant.id);
  const claims = JSON.parse(
    Buffer.from(refreshed.data.session.access_token.split('.')[1], 'base64url').toString());
  assert.equal(claims.app_metadata.tenant_id, tenant.id);
  assert.equal(claims.aal, 'aal1');

  const me = await supabase.auth.getUser(refreshed.data.session.access_token);
  assert.equal(me.error, null);
  assert.equal(me.data.user.identities.length, 1);
  assert.equal(me.data.user.identities[0].provider, 'email');
});
