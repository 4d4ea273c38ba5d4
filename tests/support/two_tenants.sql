-- The two-tenant fixture: one cast and one id scheme for every test that needs two tenants.
-- Loaded by the pgTAP tests inside their transaction (db/tests/fixtures/two_tenants.psql) and by
-- the C++ tests through LoadTwoTenants() (two_tenants.h, which names the same ids). Plain SQL
-- run as the database owner, so RLS does not apply to it.
--
-- Ids: <owner>-<kind>-4000-8000-<n>, where owner is aaaaaaaa (tenant A), bbbbbbbb (tenant B),
-- adadadad (the admin) or eeeeeeee (the outsider), and kind is 0000 (the tenant or user itself),
-- 1111 (a tenant's manager), a6e0 (agent), fe00 (phone number) or ca11 (call).
--
--   tenant A  aaaaaaaa-0000-4000-8000-000000000000  Acme Plumbing (acme), starter, $99/month
--     manager aaaaaaaa-1111-4000-8000-000000000000  manager-a@example.com, owner
--     agents  aaaaaaaa-a6e0-4000-8000-000000000001  Ann Acme +14155550001
--             aaaaaaaa-a6e0-4000-8000-000000000002  Abe Acme +14155550002
--     number  aaaaaaaa-fe00-4000-8000-000000000001  +14155550100, the main line (rings everyone)
--     calls   aaaaaaaa-ca11-4000-8000-000000000001  CAa1: Ann's, recorded, transcribed, analysed
--             aaaaaaaa-ca11-4000-8000-000000000002  CAa2: nobody's, 23:30 UTC, not processed yet
--     tracker aaaaaaaa-7ac0-4000-8000-000000000001  Leak, hit on CAa1
--   tenant B  bbbbbbbb-0000-4000-8000-000000000000  Bolt Hotels (bolt), growth, $499/month
--     manager bbbbbbbb-1111-4000-8000-000000000000  manager-b@example.com
--     agent   bbbbbbbb-a6e0-4000-8000-000000000001  Bea Bolt +14155550003
--     number  bbbbbbbb-fe00-4000-8000-000000000001  +14155550200, the main line
--     call    bbbbbbbb-ca11-4000-8000-000000000001  CAb1: Bea's, analysed; its transcribe job dead
--     tracker bbbbbbbb-7ac0-4000-8000-000000000001  Late checkout, hit on CAb1
--     its own Twilio subaccount ACbbbbbbbb000000000000000000000000
--   admin     adadadad-0000-4000-8000-000000000000  admin@example.com, app_metadata.role = admin,
--                                                   member of nothing
--   outsider  eeeeeeee-0000-4000-8000-000000000000  outsider@example.com, signed up, member of
--                                                   nothing
--   the platform's Twilio account AC00000000000000000000000000000001
--
-- Everything happened on 2026-03-10 (UTC), long before the periods the scenario tests use, so a
-- test's own rows are never mixed with these unless it asks for that day. Each tenant also has a
-- call script, a job, a usage event and that day's KPI rollup: a row in every tenant table.

insert into auth.users (id, aud, role, email, raw_app_meta_data) values
  ('aaaaaaaa-1111-4000-8000-000000000000', 'authenticated', 'authenticated', 'manager-a@example.com', '{"provider":"email"}'),
  ('bbbbbbbb-1111-4000-8000-000000000000', 'authenticated', 'authenticated', 'manager-b@example.com', '{"provider":"email"}'),
  ('adadadad-0000-4000-8000-000000000000', 'authenticated', 'authenticated', 'admin@example.com', '{"provider":"email","role":"admin"}'),
  ('eeeeeeee-0000-4000-8000-000000000000', 'authenticated', 'authenticated', 'outsider@example.com', '{"provider":"email"}');

insert into public.tenants (id, name, slug, plan, plan_price_cents, created_at) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'Acme Plumbing', 'acme', 'starter', 9900, '2026-01-01'),
  ('bbbbbbbb-0000-4000-8000-000000000000', 'Bolt Hotels', 'bolt', 'growth', 49900, '2026-01-01');

insert into public.members (tenant_id, user_id, role) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-1111-4000-8000-000000000000', 'owner'),
  ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-1111-4000-8000-000000000000', 'manager');

insert into public.twilio_accounts (account_sid, tenant_id, auth_token) values
  ('AC00000000000000000000000000000001', null, 'platform-auth-token'),
  ('ACbbbbbbbb000000000000000000000000', 'bbbbbbbb-0000-4000-8000-000000000000', 'bolt-auth-token');

insert into public.agents (tenant_id, id, name, phone, email) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-a6e0-4000-8000-000000000001', 'Ann Acme', '+14155550001', 'ann@acme.test'),
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-a6e0-4000-8000-000000000002', 'Abe Acme', '+14155550002', null),
  ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-a6e0-4000-8000-000000000001', 'Bea Bolt', '+14155550003', 'bea@bolt.test');

insert into public.phone_numbers (tenant_id, id, e164, twilio_sid, friendly_name, monthly_price_cents) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-fe00-4000-8000-000000000001', '+14155550100', 'PNacme1', 'Acme main line', 115),
  ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-fe00-4000-8000-000000000001', '+14155550200', 'PNbolt1', 'Bolt front desk', 115);

insert into public.calls (tenant_id, id, call_sid, recording_sid, recording_url, account_sid, agent_id,
                          from_number, to_number, direction, call_status, duration_s, recording_duration_s,
                          recording_channels, started_at, pipeline_status, created_at, updated_at) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001', 'CAa1', 'REa1',
   'https://api.twilio.com/secret/REa1', 'AC00000000000000000000000000000001', 'aaaaaaaa-a6e0-4000-8000-000000000001',
   '+14155551234', '+14155550100', 'inbound', 'completed', 95, 94, 2,
   '2026-03-10 10:00+00', 'done', '2026-03-10 10:00+00', '2026-03-10 10:05+00'),
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000002', 'CAa2', null,
   null, 'AC00000000000000000000000000000001', null,
   '+14155559999', '+14155550100', 'inbound', null, null, null, null,
   '2026-03-10 23:30+00', 'received', '2026-03-10 23:30+00', '2026-03-10 23:30+00'),
  ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000001', 'CAb1', 'REb1',
   null, 'AC00000000000000000000000000000001', 'bbbbbbbb-a6e0-4000-8000-000000000001',
   '+14155557777', '+14155550200', 'inbound', 'completed', 120, 118, 2,
   '2026-03-10 12:00+00', 'done', '2026-03-10 12:00+00', '2026-03-10 12:05+00');

insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text, redactions) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001', 0, 'agent', 0, 2000,
   'Thanks for calling Acme Plumbing, how can I help?', '[]'),
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001', 1, 'customer', 2100, 5000,
   'My water heater is leaking', '[]'),
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001', 2, 'customer', 5100, 7000,
   'My card is [CARD]', '[{"kind":"card","start":11,"end":17}]'),
  ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000001', 0, 'agent', 0, 1500,
   'Bolt Hotels front desk, how can I help?', '[]');

insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted, converted_evidence,
                             converted_at_ms, upsell_cents, upsell_items, script, script_met, script_total, talk,
                             ai_score, summary, coaching, analyzer, created_at) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001', 0.5, 'positive', true,
   'Yes, book it', 4200, 2500, '[{"item":"flush","cents":2500}]',
   '{"greeting":{"met":true,"evidence":"Thanks for calling Acme"},"recap":{"met":false,"evidence":null}}', 1, 2,
   '{"agent_ms":2000,"customer_ms":2900,"talk_ratio":0.41}', 82, 'Booked a water heater repair.',
   '["Recap the booking before closing"]', 'rules', '2026-03-10 10:05+00'),
  ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000001', -0.2, 'neutral', false,
   null, null, 0, '[]', null, 3, 6,
   '{"agent_ms":1500,"customer_ms":0}', 55, 'Guest asked about a late checkout.',
   '[]', 'rules', '2026-03-10 12:05+00');

insert into public.scripts (tenant_id, version, items, created_at) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 1, '[{"key":"greeting","label":"Greeting","description":"Greets and names the company"}]', '2026-01-01'),
  ('bbbbbbbb-0000-4000-8000-000000000000', 1, '[{"key":"late_checkout","label":"Late checkout","description":"Offers a late checkout"}]', '2026-01-01');

insert into public.jobs (tenant_id, kind, call_id, state, attempts, last_error, run_at, created_at, updated_at) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'analyze', 'aaaaaaaa-ca11-4000-8000-000000000001', 'done', 1, null,
   '2026-03-10 10:01+00', '2026-03-10 10:01+00', '2026-03-10 10:05+00'),
  ('bbbbbbbb-0000-4000-8000-000000000000', 'transcribe', 'bbbbbbbb-ca11-4000-8000-000000000001', 'dead', 5,
   'HTTP 500 from provider', '2026-03-10 12:01+00', '2026-03-10 12:01+00', '2026-03-10 12:30+00');

insert into public.usage_events (tenant_id, at, provider, unit, quantity, cost_micros, call_id) values
  ('aaaaaaaa-0000-4000-8000-000000000000', '2026-03-10 10:05+00', 'openai', 'prompt_tokens', 1200, 3000, 'aaaaaaaa-ca11-4000-8000-000000000001'),
  ('bbbbbbbb-0000-4000-8000-000000000000', '2026-03-10 12:05+00', 'twilio', 'call_minutes', 2, 28000, 'bbbbbbbb-ca11-4000-8000-000000000001');

-- A keyword tracker each, with its hit on the tenant's call, and a finished re-run.
insert into public.trackers (tenant_id, id, name, phrases, created_at, updated_at) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-7ac0-4000-8000-000000000001', 'Leak', '{leak}', '2026-01-01', '2026-01-01'),
  ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-7ac0-4000-8000-000000000001', 'Late checkout', '{late checkout}', '2026-01-01', '2026-01-01');
insert into public.tracker_hits (tenant_id, call_id, tracker_id, hits, first_ms, speaker) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001', 'aaaaaaaa-7ac0-4000-8000-000000000001', 1, 3500, 'customer'),
  ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000001', 'bbbbbbbb-7ac0-4000-8000-000000000001', 1, 900, 'customer');
insert into public.tracker_runs (tenant_id, requested_at, total, done, finished_at) values
  ('aaaaaaaa-0000-4000-8000-000000000000', '2026-03-10 11:00+00', 1, 1, '2026-03-10 11:01+00'),
  ('bbbbbbbb-0000-4000-8000-000000000000', '2026-03-10 13:00+00', 1, 1, '2026-03-10 13:01+00');

-- The day's KPIs, as the workers would have rolled them up.
do $$
begin
  perform public.refresh_kpi_daily('aaaaaaaa-0000-4000-8000-000000000000', '2026-03-10');
  perform public.refresh_kpi_daily('bbbbbbbb-0000-4000-8000-000000000000', '2026-03-10');
end
$$;

-- The calls above ended on 2026-03-10, not today: none of their seconds count against today's
-- dialling budget (the trigger on calls counts every duration inserted as ending today).
delete from private.dial_seconds_daily;
