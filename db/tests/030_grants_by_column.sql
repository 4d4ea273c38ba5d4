-- `authenticated` holds exactly the privileges the API's own queries need (migration
-- 20261204000200): the complete list first, so a new grant fails here until it is listed, then
-- the writes a manager's token could make through PostgREST before, each refused, and nothing
-- changed. The writes the API does make as the user are in 003_manager_writes_own_tenant.sql.
begin;
\ir fixtures/two_tenants.psql
select plan(28);

-- Every table-level privilege of authenticated in public: select where RLS decides the rows,
-- and deleting agents and one's own call comments.
select results_eq($$
  select c.relname::text collate "default", a.privilege_type::text
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace,
         aclexplode(c.relacl) a
   where n.nspname = 'public' and a.grantee = 'authenticated'::regrole
   order by 1, 2
$$, $$ values ('agents', 'DELETE'), ('agents', 'SELECT'), ('alert_deliveries', 'SELECT'),
              ('alert_rules', 'DELETE'), ('call_comments', 'DELETE'),
              ('call_comments', 'SELECT'), ('calls', 'SELECT'), ('insight_overrides', 'SELECT'),
              ('insights', 'SELECT'), ('jobs', 'SELECT'), ('kpi_daily', 'SELECT'),
              ('members', 'SELECT'), ('phone_numbers', 'SELECT'), ('plans', 'SELECT'),
              ('reanalysis_runs', 'SELECT'), ('scripts', 'SELECT'),
              ('tenants', 'SELECT'), ('tracker_hits', 'SELECT'), ('tracker_runs', 'SELECT'),
              ('trackers', 'DELETE'), ('trackers', 'SELECT'),
              ('transcript_documents', 'SELECT'), ('transcripts', 'SELECT'),
              ('usage_events', 'SELECT') $$,
  'authenticated has only these table privileges in public');

-- Every column-level privilege: the fields of the agents, scripts and invitations bodies, and
-- every column of invitations but the hash of its link's secret; alert rules but their webhook
-- URL and secret.
select results_eq($$
  select c.relname::text collate "default", a.privilege_type::text, att.attname::text collate "default"
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_attribute att on att.attrelid = c.oid,
         aclexplode(att.attacl) a
   where n.nspname = 'public' and a.grantee = 'authenticated'::regrole
   order by 1, 2, 3
$$, $$ values ('agents', 'INSERT', 'email'), ('agents', 'INSERT', 'name'), ('agents', 'INSERT', 'phone'),
              ('agents', 'INSERT', 'tenant_id'), ('agents', 'UPDATE', 'active'), ('agents', 'UPDATE', 'email'),
              ('agents', 'UPDATE', 'name'), ('agents', 'UPDATE', 'phone'),
              ('alert_rules', 'INSERT', 'emails'), ('alert_rules', 'INSERT', 'enabled'),
              ('alert_rules', 'INSERT', 'kind'), ('alert_rules', 'INSERT', 'name'),
              ('alert_rules', 'INSERT', 'tenant_id'), ('alert_rules', 'INSERT', 'threshold'),
              ('alert_rules', 'INSERT', 'tracker_id'), ('alert_rules', 'INSERT', 'webhook_url'),
              ('alert_rules', 'SELECT', 'created_at'), ('alert_rules', 'SELECT', 'emails'),
              ('alert_rules', 'SELECT', 'enabled'), ('alert_rules', 'SELECT', 'id'),
              ('alert_rules', 'SELECT', 'kind'), ('alert_rules', 'SELECT', 'name'),
              ('alert_rules', 'SELECT', 'tenant_id'), ('alert_rules', 'SELECT', 'threshold'),
              ('alert_rules', 'SELECT', 'tracker_id'), ('alert_rules', 'SELECT', 'updated_at'),
              ('alert_rules', 'SELECT', 'webhook_host'),
              ('alert_rules', 'UPDATE', 'emails'), ('alert_rules', 'UPDATE', 'enabled'),
              ('alert_rules', 'UPDATE', 'kind'), ('alert_rules', 'UPDATE', 'name'),
              ('alert_rules', 'UPDATE', 'threshold'), ('alert_rules', 'UPDATE', 'tracker_id'),
              ('alert_rules', 'UPDATE', 'updated_at'), ('alert_rules', 'UPDATE', 'webhook_url'),
              ('call_comments', 'INSERT', 'at_ms'), ('call_comments', 'INSERT', 'author_email'),
              ('call_comments', 'INSERT', 'body'), ('call_comments', 'INSERT', 'call_id'),
              ('call_comments', 'INSERT', 'tenant_id'),
              ('insight_overrides', 'INSERT', 'author_email'), ('insight_overrides', 'INSERT', 'call_id'),
              ('insight_overrides', 'INSERT', 'field'), ('insight_overrides', 'INSERT', 'reason'),
              ('insight_overrides', 'INSERT', 'tenant_id'), ('insight_overrides', 'INSERT', 'value'),
              ('invitations', 'INSERT', 'email'), ('invitations', 'INSERT', 'role'),
              ('invitations', 'INSERT', 'tenant_id'), ('invitations', 'INSERT', 'token_hash'),
              ('invitations', 'SELECT', 'accepted_at'), ('invitations', 'SELECT', 'accepted_by'),
              ('invitations', 'SELECT', 'created_at'), ('invitations', 'SELECT', 'email'),
              ('invitations', 'SELECT', 'expires_at'), ('invitations', 'SELECT', 'id'),
              ('invitations', 'SELECT', 'invited_by'), ('invitations', 'SELECT', 'revoked_at'),
              ('invitations', 'SELECT', 'role'), ('invitations', 'SELECT', 'tenant_id'),
              ('invitations', 'UPDATE', 'revoked_at'),
              ('scripts', 'INSERT', 'items'), ('scripts', 'INSERT', 'tenant_id'), ('scripts', 'INSERT', 'version'),
              ('trackers', 'INSERT', 'name'), ('trackers', 'INSERT', 'phrases'), ('trackers', 'INSERT', 'tenant_id'),
              ('trackers', 'UPDATE', 'name'), ('trackers', 'UPDATE', 'phrases'), ('trackers', 'UPDATE', 'updated_at') $$,
  'authenticated may write only these columns');

-- Nothing in private (helpers' tables, the dialling budget) beyond the helper functions.
select is_empty($$
  select c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'private' and c.relkind in ('r', 'p', 'v', 'S')
     and has_table_privilege('authenticated', c.oid, 'select, insert, update, delete, truncate')
$$, 'authenticated has no privilege on a table in private');

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null

-- phone_numbers: the platform's columns, even in the manager's own rows.
select throws_ok($$insert into public.phone_numbers (tenant_id, e164, twilio_sid)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', '+15559990000', 'PNunowned')$$,
                 '42501', 'permission denied for table phone_numbers', 'manager A cannot claim an unowned number');
select throws_ok($$update public.phone_numbers set monthly_price_cents = 0 where e164 = '+14155550100'$$,
                 '42501', 'permission denied for table phone_numbers', 'manager A cannot change the price of its number');
select throws_ok($$update public.phone_numbers set status = 'released' where e164 = '+14155550100'$$,
                 '42501', 'permission denied for table phone_numbers', 'manager A cannot change the status of its number');
select throws_ok($$update public.phone_numbers set twilio_sid = 'PNbolt1' where e164 = '+14155550100'$$,
                 '42501', 'permission denied for table phone_numbers', 'manager A cannot point its number at B''s Twilio number');
select throws_ok($$update public.phone_numbers set e164 = '+15559990001' where e164 = '+14155550100'$$,
                 '42501', 'permission denied for table phone_numbers', 'manager A cannot renumber its number');
select throws_ok($$update public.phone_numbers set agent_id = 'aaaaaaaa-a6e0-4000-8000-000000000002' where e164 = '+14155550100'$$,
                 '42501', 'permission denied for table phone_numbers', 'manager A cannot reroute its number directly');
select throws_ok($$insert into public.phone_numbers (tenant_id, e164) values ('aaaaaaaa-0000-4000-8000-000000000000', '+14155550100')
                   on conflict (e164) do update set tenant_id = excluded.tenant_id$$,
                 '42501', 'permission denied for table phone_numbers', 'manager A cannot upsert a number');

-- agents: only the body's fields.
select throws_ok($$insert into public.agents (tenant_id, id, name, phone)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-a6e0-4000-8000-000000000009', 'Ada', '+15550000009')$$,
                 '42501', 'permission denied for table agents', 'manager A cannot choose an agent''s id');
select throws_ok($$update public.agents set id = 'aaaaaaaa-a6e0-4000-8000-000000000009' where name = 'Ann Acme'$$,
                 '42501', 'permission denied for table agents', 'manager A cannot change an agent''s id');
select throws_ok($$update public.agents set created_at = now() - interval '1 year' where name = 'Ann Acme'$$,
                 '42501', 'permission denied for table agents', 'manager A cannot backdate an agent');

-- scripts: authorship is not chosen.
select throws_ok($$insert into public.scripts (tenant_id, version, items, created_by)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 2, '[]', 'bbbbbbbb-1111-4000-8000-000000000000')$$,
                 '42501', 'permission denied for table scripts', 'manager A cannot write a script version in someone else''s name');

-- tenants, members, calls, usage: the plan, the role, what was dialled and what it cost.
select throws_ok($$update public.tenants set plan = 'enterprise', plan_price_cents = 1 where id = 'aaaaaaaa-0000-4000-8000-000000000000'$$,
                 '42501', 'permission denied for table tenants', 'manager A cannot change its own plan');
select throws_ok($$update public.members set role = 'owner' where user_id = 'aaaaaaaa-1111-4000-8000-000000000000'$$,
                 '42501', 'permission denied for table members', 'manager A cannot change its own role');
select throws_ok($$update public.calls set duration_s = 0 where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'$$,
                 '42501', 'permission denied for table calls', 'manager A cannot shorten its calls');
select throws_ok($$delete from public.usage_events where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'$$,
                 '42501', 'permission denied for table usage_events', 'manager A cannot erase its usage');
select throws_ok($$delete from private.dial_seconds_daily$$,
                 '42501', 'permission denied for table dial_seconds_daily', 'manager A cannot reset its dialling budget');
select throws_ok($$select * from private.dial_seconds_daily$$,
                 '42501', 'permission denied for table dial_seconds_daily', 'manager A cannot read the dialling budgets');
reset role;

-- An admin's token may not write jobs either; it retries dead jobs through retry_dead_job(),
-- which a manager calls in vain (011_dead_letter_functions.sql).
set local role authenticated;
select set_config('request.jwt.claims', :'claims_admin', true) \g /dev/null
select throws_ok($$update public.jobs set call_id = 'aaaaaaaa-ca11-4000-8000-000000000001', state = 'queued'$$,
                 '42501', 'permission denied for table jobs', 'admin cannot rewrite jobs');
select throws_ok($$update public.phone_numbers set status = 'released'$$,
                 '42501', 'permission denied for table phone_numbers', 'admin cannot release numbers directly');
reset role;

-- The server's own role (no claims) still retries a dead job, as the fault tests do.
select set_config('request.jwt.claims', '', true) \g /dev/null
select is(public.retry_dead_job(j.tenant_id, j.id), true, 'the server''s own role retries a dead job')
  from public.jobs j where j.state = 'dead';

-- Everything is as the fixture left it.
select is((select count(*)::int from public.phone_numbers), 2, 'no number was added');
select results_eq($$select e164, twilio_sid, status, monthly_price_cents, tenant_id::text, agent_id::text
                      from public.phone_numbers where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'$$,
                  $$values ('+14155550100', 'PNacme1', 'active', 115, 'aaaaaaaa-0000-4000-8000-000000000000', null)$$,
                  'A''s number is unchanged');
select is((select count(*)::int from public.agents), 3, 'no agent was added');
select is((select count(*)::int from public.scripts), 2, 'no script version was added');
select is((select plan || '/' || plan_price_cents from public.tenants where id = 'aaaaaaaa-0000-4000-8000-000000000000'),
          'starter/9900', 'A''s plan is unchanged');

select * from finish();
rollback;
