-- Admins list and retry dead letters through the SQL functions; managers and anon cannot.
begin;
\ir fixtures/two_tenants.psql
select plan(7);
select id as dead_id from public.jobs where state = 'dead' \gset

-- Manager of B: sees no dead jobs, and a retry of B's own dead job changes nothing.
set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_b', true) \g /dev/null
select is((select count(*)::int from public.dead_jobs()), 0, 'a manager sees no dead jobs');
select is(public.retry_dead_job('bbbbbbbb-0000-4000-8000-000000000000', :dead_id), false,
          'a manager cannot retry its tenant''s dead job');
reset role;
select is((select count(*)::int from public.jobs where state = 'dead'), 1, 'the dead job is still dead');

-- Admin: lists it and retries it; retrying again is a no-op.
set local role authenticated;
select set_config('request.jwt.claims', :'claims_admin', true) \g /dev/null
select is((select count(*)::int from public.dead_jobs()), 1, 'the admin sees the dead job');
select is(public.retry_dead_job(d.tenant_id, d.id), true, 'the admin retries it')
  from public.dead_jobs() d;
select is((select count(*)::int from public.dead_jobs()), 0, 'nothing is dead any more');
reset role;

-- anon may not call them at all.
set local role anon;
select throws_ok('select public.dead_jobs()', '42501', null, 'anon cannot list dead jobs');
reset role;

select * from finish();
rollback;
