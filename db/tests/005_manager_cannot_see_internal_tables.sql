-- What we pay providers (usage_events), the pipeline queue (jobs), Twilio
-- secrets (twilio_accounts) and the rate-limit counters are invisible to managers, even for
-- their own tenant.
begin;
\ir fixtures/two_tenants.psql
select plan(14);

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null

select is((select count(*)::int from public.jobs), 0, 'manager A sees no jobs, not even A''s');
select throws_ok($$update public.jobs set state = 'queued'$$, '42501', 'permission denied for table jobs',
                 'manager A cannot write jobs');
select throws_ok($$insert into public.jobs (tenant_id, kind, call_id) values ('aaaaaaaa-0000-4000-8000-000000000000', 'analyze', 'aaaaaaaa-ca11-4000-8000-000000000001')$$,
                 '42501', null, 'manager A cannot enqueue jobs');
select throws_ok($$delete from public.jobs$$, '42501', null, 'manager A cannot delete jobs');
select is((select count(*)::int from public.usage_events), 0, 'manager A sees no usage events, not even A''s');
select throws_ok($$insert into public.usage_events (tenant_id, provider, unit, quantity) values ('aaaaaaaa-0000-4000-8000-000000000000', 'openai', 'prompt_tokens', 1)$$,
                 '42501', null, 'manager A cannot record usage');
select throws_ok($$select * from public.twilio_accounts$$, '42501', 'permission denied for table twilio_accounts', 'manager A cannot read twilio_accounts');
select throws_ok($$select * from auth.users$$, '42501', 'permission denied for table users', 'manager A cannot read auth.users');
select throws_ok($$select * from auth.refresh_tokens$$, '42501', 'permission denied for table refresh_tokens', 'manager A cannot read auth.refresh_tokens');
select throws_ok($$select public.refresh_kpi_daily('aaaaaaaa-0000-4000-8000-000000000000', '2026-03-10')$$,
                 '42501', null, 'manager A cannot run the KPI rollup');
select throws_ok($$select * from private.rate_counters$$, '42501', null,
                 'manager A cannot read the shared rate-limit counters');
select throws_ok($$select * from private.share_rate_usage('{tenant}', '{aaaaaaaa-0000-4000-8000-000000000000}', '{-1000}')$$,
                 '42501', null, 'manager A cannot change the shared rate-limit counters');
reset role;

-- The rows do exist: the silence above is policy, not an empty table.
select is((select count(*)::int from public.jobs), 2, 'both jobs exist');
select is((select state from public.jobs where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'), 'dead', 'B''s dead job is still dead');

select * from finish();
rollback;
