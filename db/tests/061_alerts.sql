-- Alerts (migration 20261211300100): a tenant's members read its alert rules and delivery log;
-- owners and managers create, change and delete rules, viewers and other tenants cannot; nobody
-- reads a rule's webhook URL or signing secret from the table, only owners and managers of the
-- tenant through public.alert_rule_secrets(); nobody but the pipeline writes deliveries, and a
-- rule fires at most once per call and target.
begin;
\ir fixtures/two_tenants.psql
select plan(27);

insert into public.members (tenant_id, user_id, role)
values ('aaaaaaaa-0000-4000-8000-000000000000', 'eeeeeeee-0000-4000-8000-000000000000', 'viewer');
insert into public.alert_rules (tenant_id, id, name, kind, threshold, webhook_url, secret) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-a1e7-4000-8000-000000000001', 'Low score',
   'ai_score_below', 50, 'https://hooks.example.test/services/T0/B0/xyz', 'secret-a'),
  ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-a1e7-4000-8000-000000000001', 'B''s rule',
   'upsell_above', 100, 'https://b.example.test/hook', 'secret-b');
insert into public.alert_deliveries (tenant_id, rule_id, call_id, channel) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-a1e7-4000-8000-000000000001',
   'aaaaaaaa-ca11-4000-8000-000000000001', 'webhook'),
  ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-a1e7-4000-8000-000000000001',
   'bbbbbbbb-ca11-4000-8000-000000000001', 'webhook');

-- Constraints, as the owner.
select throws_ok($$insert into public.alert_deliveries (tenant_id, rule_id, call_id, channel)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-a1e7-4000-8000-000000000001',
                           'aaaaaaaa-ca11-4000-8000-000000000001', 'webhook')$$,
                 '23505', null, 'a rule sends to a target at most once per call');
select throws_ok($$insert into public.alert_rules (tenant_id, name, kind, threshold, emails)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'Nowhere', 'ai_score_below', 50, '{}')$$,
                 '23514', null, 'a rule needs a webhook or an e-mail');
select throws_ok($$insert into public.alert_rules (tenant_id, name, kind, webhook_url)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'Files', 'ai_score_below', 'file:///etc/passwd')$$,
                 '23514', null, 'only http(s) webhooks');
select throws_ok($$insert into public.alert_rules (tenant_id, name, kind, emails)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'No tracker', 'tracker_hit', '{a@b.test}')$$,
                 '23514', null, 'a tracker rule names its tracker');
select is((select webhook_host from public.alert_rules where name = 'Low score'), 'hooks.example.test',
          'the webhook''s host is kept beside its URL');
insert into public.alert_rules (tenant_id, name, kind, threshold, emails)
values ('aaaaaaaa-0000-4000-8000-000000000000', 'Generated', 'upsell_above', 5, '{x@y.test}');
select ok((select secret ~ '^[0-9a-f]{64}$' from public.alert_rules where name = 'Generated'),
          'the database generates a 64-hex-digit secret');

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null

-- select
select is((select count(*)::int from public.alert_rules), 2, 'manager A sees only A''s rules');
select is((select count(*)::int from public.alert_deliveries), 1, 'manager A sees only A''s deliveries');
select throws_ok($$select secret from public.alert_rules$$, '42501', null,
                 'manager A cannot read secrets from the table');
select throws_ok($$select webhook_url from public.alert_rules$$, '42501', null,
                 'manager A cannot read webhook URLs from the table');
select is((select secret from public.alert_rule_secrets('aaaaaaaa-0000-4000-8000-000000000000')
            where id = 'aaaaaaaa-a1e7-4000-8000-000000000001'), 'secret-a',
          'manager A reads A''s secret through alert_rule_secrets()');
select is((select count(*)::int from public.alert_rule_secrets('bbbbbbbb-0000-4000-8000-000000000000')), 0,
          'manager A reads none of B''s secrets');
-- insert
select lives_ok($$insert into public.alert_rules (tenant_id, name, kind, threshold, emails)
                  values ('aaaaaaaa-0000-4000-8000-000000000000', 'Long and negative', 'negative_long_call', 120, '{ops@acme.test}')$$,
                'manager A creates a rule for A');
select throws_ok($$insert into public.alert_rules (tenant_id, name, kind, threshold, emails)
                   values ('bbbbbbbb-0000-4000-8000-000000000000', 'Sneaky', 'ai_score_below', 10, '{x@y.test}')$$,
                 '42501', null, 'manager A cannot create a rule for B');
select throws_ok($$insert into public.alert_rules (tenant_id, name, kind, threshold, emails, secret)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'Chosen', 'ai_score_below', 10, '{x@y.test}', 'mine')$$,
                 '42501', null, 'manager A cannot choose a rule''s secret');
-- update
with u as (update public.alert_rules set threshold = 40, updated_at = now() where name = 'Low score' returning 1)
select is(count(*)::int, 1, 'manager A changes A''s rule') from u;
with u as (update public.alert_rules set enabled = false where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000' returning 1)
select is(count(*)::int, 0, 'manager A cannot change B''s rule') from u;
select throws_ok($$update public.alert_rules set secret = 'known' where name = 'Low score'$$,
                 '42501', null, 'manager A cannot set a secret');
-- the pipeline's table
select throws_ok($$update public.alert_deliveries set status = 'sent'$$, '42501', null,
                 'managers do not write deliveries');
select throws_ok($$insert into public.alert_deliveries (tenant_id, rule_id, call_id, channel)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-a1e7-4000-8000-000000000001',
                           'aaaaaaaa-ca11-4000-8000-000000000002', 'webhook')$$,
                 '42501', null, 'managers do not queue deliveries');
-- delete
with d as (delete from public.alert_rules where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000' returning 1)
select is(count(*)::int, 0, 'manager A cannot delete B''s rule') from d;

-- The viewer reads rules and the log, but no secret, and writes nothing.
select set_config('request.jwt.claims', :'claims_outsider', true) \g /dev/null
select is((select count(*)::int from public.alert_rules), 3, 'the viewer reads A''s rules');
select is((select count(*)::int from public.alert_rule_secrets('aaaaaaaa-0000-4000-8000-000000000000')), 0,
          'the viewer reads no secret or webhook URL');
select throws_ok($$insert into public.alert_rules (tenant_id, name, kind, threshold, emails)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'Viewer''s', 'ai_score_below', 10, '{x@y.test}')$$,
                 '42501', null, 'the viewer cannot create a rule');
with u as (update public.alert_rules set name = 'renamed' returning 1)
select is(count(*)::int, 0, 'the viewer cannot change a rule') from u;
with d as (delete from public.alert_rules returning 1)
select is(count(*)::int, 0, 'the viewer cannot delete a rule') from d;

-- Deleting a rule takes its deliveries with it.
reset role;
delete from public.alert_rules where id = 'aaaaaaaa-a1e7-4000-8000-000000000001';
select is((select count(*)::int from public.alert_deliveries where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'), 0,
          'a deleted rule''s deliveries go with it');

select * from finish();
rollback;
