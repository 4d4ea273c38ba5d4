-- Re-analysis runs (migration 20261211200100): a tenant's members read its runs, nobody writes
-- them directly (public.start_reanalysis() does, as its owner), viewers and other tenants cannot
-- start one, and a run queues each call with a transcript once under its id.
begin;
\ir fixtures/two_tenants.psql
select plan(14);

\set tenant_a '''aaaaaaaa-0000-4000-8000-000000000000'''
\set tenant_b '''bbbbbbbb-0000-4000-8000-000000000000'''

insert into public.reanalysis_runs (tenant_id, id, from_day, to_day, total) values
  ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-4e4e-4000-8000-000000000001', '2026-03-01', '2026-03-31', 1);
-- A viewer of tenant A.
insert into auth.users (id, aud, role, email) values
  ('aaaaaaaa-1111-4000-8000-0000000000ee', 'authenticated', 'authenticated', 'viewer-a@example.com');
insert into public.members (tenant_id, user_id, role) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-1111-4000-8000-0000000000ee', 'viewer');

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null

select is((select count(*)::int from public.reanalysis_runs), 0, 'manager A does not see B''s runs');
select throws_ok($$insert into public.reanalysis_runs (tenant_id, from_day, to_day, total)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', '2026-03-01', '2026-03-31', 1)$$,
                 '42501', null, 'manager A cannot insert a run directly');
select throws_ok($$update public.reanalysis_runs set total = 0$$, '42501', null,
                 'manager A cannot update runs');
select throws_ok($$delete from public.reanalysis_runs$$, '42501', null, 'manager A cannot delete runs');
select throws_ok(format($$select public.start_reanalysis(%s, '2026-03-01', '2026-03-31', 0)$$, :'tenant_b'),
                 '42501', null, 'manager A cannot start a run for B');

select is((select calls from public.reanalysis_estimate(:tenant_a, '2026-03-01', '2026-03-31')), 1::bigint,
          'the estimate counts A''s calls with a transcript (A2 has none)');
select lives_ok($$select public.start_reanalysis('aaaaaaaa-0000-4000-8000-000000000000', '2026-03-01', '2026-03-31', 0)$$,
                'manager A starts a run through the function');
select is((select count(*)::int from public.reanalysis_runs), 1, 'and reads it');
select is((select requested_by::text from public.reanalysis_runs),
          'aaaaaaaa-1111-4000-8000-000000000000', 'as its requester');
select throws_ok($$select public.start_reanalysis('aaaaaaaa-0000-4000-8000-000000000000', '2026-03-01', '2026-03-31', 0)$$,
                 '55000', null, 'a second run waits for the first');

select set_config('request.jwt.claims', '{"sub":"aaaaaaaa-1111-4000-8000-0000000000ee","role":"authenticated","aud":"authenticated","app_metadata":{"provider":"email"},"user_metadata":{}}', true) \g /dev/null
select is((select count(*)::int from public.reanalysis_runs), 1, 'A''s viewer reads A''s run');
select throws_ok($$select public.start_reanalysis('aaaaaaaa-0000-4000-8000-000000000000', '2026-03-01', '2026-03-31', 0)$$,
                 '42501', null, 'a viewer cannot start a run');

select set_config('request.jwt.claims', :'claims_outsider', true) \g /dev/null
select is((select count(*)::int from public.reanalysis_runs), 0, 'the outsider sees no runs');

reset role;
select is((select count(*)::int from public.jobs
            where tenant_id = :tenant_a and kind = 'analyze' and state = 'queued' and priority = 1
              and run_id = (select id from public.reanalysis_runs where tenant_id = :tenant_a)), 1,
          'the run re-armed A1''s analyze job under its id, behind live calls (priority 1)');

select * from finish();
rollback;
