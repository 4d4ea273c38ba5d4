-- The admin claim (app_metadata.role = admin) reads every tenant's rows in every
-- table except twilio_accounts, and may retry jobs, but writes nothing else.
begin;
\ir fixtures/two_tenants.psql
select plan(21);

set local role authenticated;
select set_config('request.jwt.claims', :'claims_admin', true) \g /dev/null

select is((select private.is_admin()), true, 'app_metadata.role = admin is an admin');
select is((select private.my_tenant_ids()), '{}'::uuid[], 'the admin is a member of no tenant');
select is((select count(*)::int from public.tenants), 2, 'admin reads both tenants');
select is((select count(*)::int from public.members), 2, 'admin reads every membership');
select is((select count(*)::int from public.agents), 3, 'admin reads every tenant''s agents');
select is((select count(*)::int from public.phone_numbers), 2, 'admin reads every tenant''s phone numbers');
select is((select count(*)::int from public.calls), 3, 'admin reads every tenant''s calls');
select is((select count(*)::int from public.transcripts), 4, 'admin reads every tenant''s transcripts');
select is((select count(*)::int from public.insights), 2, 'admin reads every tenant''s insights');
select is((select count(*)::int from public.scripts), 2, 'admin reads every tenant''s scripts');
select is((select count(*)::int from public.jobs), 2, 'admin reads every tenant''s jobs');
select is((select count(*)::int from public.usage_events), 2, 'admin reads every tenant''s usage events');
select is((select count(*)::int from public.kpi_daily), 3, 'admin reads every tenant''s KPIs');
select throws_ok('select * from public.twilio_accounts', '42501', 'permission denied for table twilio_accounts', 'admin cannot read twilio_accounts');

-- Retry a dead-lettered job: through retry_dead_job(), never by writing jobs directly.
select throws_ok($$update public.jobs set state = 'queued', attempts = 0, run_at = now()
                   where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000' and state = 'dead'$$,
                 '42501', 'permission denied for table jobs', 'admin cannot write jobs directly');
select is(public.retry_dead_job(j.tenant_id, j.id), true, 'admin can retry B''s dead job')
  from public.jobs j where j.tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000' and j.state = 'dead';

-- Admin is read-only everywhere else.
select throws_ok($$insert into public.agents (tenant_id, name, phone) values ('bbbbbbbb-0000-4000-8000-000000000000', 'x', '+15550000666')$$,
                 '42501', 'new row violates row-level security policy for table "agents"', 'admin cannot add agents');
with u as (update public.agents set name = 'x' returning 1)
select is(count(*)::int, 0, 'admin updates 0 agents') from u;
select throws_ok($$insert into public.scripts (tenant_id, version, items) values ('bbbbbbbb-0000-4000-8000-000000000000', 2, '[]')$$,
                 '42501', 'new row violates row-level security policy for table "scripts"', 'admin cannot add script versions');
select throws_ok($$update public.calls set pipeline_status = 'failed'$$, '42501', null, 'admin cannot update calls');
reset role;

select is((select state from public.jobs where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'), 'queued', 'B''s job is back in the queue');

select * from finish();
rollback;
