-- Trackers (migration 20261210200100): a tenant's members read its trackers, hits and re-run
-- progress; owners and managers create, change and delete trackers, viewers and other tenants
-- cannot; nobody but the pipeline writes hits or runs; public.rerun_trackers() queues the
-- tenant's analysed calls for owners and managers only.
begin;
\ir fixtures/two_tenants.psql
select plan(22);

-- The outsider becomes a viewer of tenant A.
insert into public.members (tenant_id, user_id, role)
values ('aaaaaaaa-0000-4000-8000-000000000000', 'eeeeeeee-0000-4000-8000-000000000000', 'viewer');

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null

-- select
select is((select count(*)::int from public.trackers), 1, 'manager A sees only A''s tracker');
select is((select count(*)::int from public.tracker_hits), 1, 'manager A sees only A''s hits');
select is((select count(*)::int from public.tracker_runs), 1, 'manager A sees only A''s run');
-- insert
select lives_ok($$insert into public.trackers (tenant_id, name, phrases)
                  values ('aaaaaaaa-0000-4000-8000-000000000000', 'Cancel', '{cancel}')$$,
                'manager A creates a tracker for A');
select throws_ok($$insert into public.trackers (tenant_id, name, phrases)
                   values ('bbbbbbbb-0000-4000-8000-000000000000', 'Sneaky', '{x}')$$,
                 '42501', null, 'manager A cannot create a tracker for B');
select throws_ok($$insert into public.trackers (tenant_id, name, phrases)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'Cancel', '{quit}')$$,
                 '23505', null, 'tracker names are unique in a tenant');
select throws_ok($$insert into public.trackers (tenant_id, name, phrases)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'Empty', '{}')$$,
                 '23514', null, 'a tracker needs a phrase');
-- update
with u as (update public.trackers set phrases = '{cancel,close my account}' where name = 'Cancel' returning 1)
select is(count(*)::int, 1, 'manager A changes A''s tracker') from u;
with u as (update public.trackers set name = 'hijacked' where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000' returning 1)
select is(count(*)::int, 0, 'manager A cannot change B''s tracker') from u;
-- the pipeline's tables
select throws_ok($$insert into public.tracker_hits (tenant_id, call_id, tracker_id, hits, first_ms, speaker)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000002',
                           'aaaaaaaa-7ac0-4000-8000-000000000001', 5, 0, 'agent')$$,
                 '42501', null, 'managers do not write hits');
select throws_ok($$update public.tracker_runs set done = total$$, '42501', null,
                 'managers do not write a run''s progress');
-- delete
with d as (delete from public.trackers where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000' returning 1)
select is(count(*)::int, 0, 'manager A cannot delete B''s tracker') from d;
-- re-run: queues A's analysed call (CAa1) only
select is(public.rerun_trackers('aaaaaaaa-0000-4000-8000-000000000000'), 1, 'manager A re-runs A''s trackers over its one analysed call');
select is(public.rerun_trackers('bbbbbbbb-0000-4000-8000-000000000000'), null, 'manager A cannot re-run B''s trackers');
select is((select total from public.tracker_runs), 1, 'the run counts A''s calls');

-- The viewer reads and writes nothing.
select set_config('request.jwt.claims', :'claims_outsider', true) \g /dev/null
select is((select count(*)::int from public.trackers), 2, 'the viewer reads A''s trackers');
select throws_ok($$insert into public.trackers (tenant_id, name, phrases)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'Viewer''s', '{x}')$$,
                 '42501', null, 'the viewer cannot create a tracker');
with u as (update public.trackers set name = 'renamed' returning 1)
select is(count(*)::int, 0, 'the viewer cannot change a tracker') from u;
with d as (delete from public.trackers returning 1)
select is(count(*)::int, 0, 'the viewer cannot delete a tracker') from d;
select is(public.rerun_trackers('aaaaaaaa-0000-4000-8000-000000000000'), null, 'the viewer cannot re-run trackers');

-- Deleting a tracker takes its hits with it.
reset role;
select is((select count(*)::int from public.jobs where kind = 'trackers'), 1, 'one trackers job was queued');
delete from public.trackers where id = 'aaaaaaaa-7ac0-4000-8000-000000000001';
select is((select count(*)::int from public.tracker_hits where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'), 0,
          'a deleted tracker''s hits go with it');

select * from finish();
rollback;
