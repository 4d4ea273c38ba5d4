-- A call that moves to another UTC day (its recording callback dates it when the recording
-- started) marks both days' KPI rollups stale, so a refresh that counted it in the old day is
-- redone (migration 20261216100300). A move within the day marks nothing: the analysis marks the
-- call's day anyway. Refreshing the marked days leaves each day counting the calls it holds.
begin;
\ir fixtures/two_tenants.psql
select plan(5);

\set tenant_a '''aaaaaaaa-0000-4000-8000-000000000000'''
\set call_a '''aaaaaaaa-ca11-4000-8000-000000000001'''

delete from private.kpi_dirty;
update public.calls set started_at = '2026-08-12 10:00+00' where id = :call_a;
delete from private.kpi_dirty;
select public.refresh_kpi_daily(:tenant_a, '2026-08-12');
select public.refresh_kpi_daily(:tenant_a, '2026-08-10');

update public.calls set started_at = '2026-08-12 23:10+00' where id = :call_a;
select is((select count(*)::int from private.kpi_dirty), 0,
          'a call that moves within its UTC day marks nothing');

update public.calls set started_at = '2026-08-10 09:00+00' where id = :call_a;
select set_eq($$select tenant_id, day from private.kpi_dirty$$,
              $$values ('aaaaaaaa-0000-4000-8000-000000000000'::uuid, '2026-08-12'::date),
                       ('aaaaaaaa-0000-4000-8000-000000000000'::uuid, '2026-08-10'::date)$$,
              'a call that moves to another day marks the day it left and the day it joined');

select public.refresh_kpi_daily(tenant_id, day) from (select distinct tenant_id, day from private.kpi_dirty) d;
select is((select coalesce(sum(calls), 0)::int from public.kpi_daily
            where tenant_id = :tenant_a and day = '2026-08-12'),
          (select count(*)::int from public.calls where tenant_id = :tenant_a
              and started_at >= '2026-08-12' and started_at < '2026-08-13'),
          'the day it left no longer counts it');
select is((select coalesce(sum(calls), 0)::int from public.kpi_daily
            where tenant_id = :tenant_a and day = '2026-08-10'),
          (select count(*)::int from public.calls where tenant_id = :tenant_a
              and started_at >= '2026-08-10' and started_at < '2026-08-11'),
          'the day it joined does');

select ok(not has_function_privilege('authenticated', 'private.mark_moved_call_days()', 'execute')
          and not has_function_privilege('anon', 'private.mark_moved_call_days()', 'execute'),
          'no API role can execute private.mark_moved_call_days()');

select * from finish();
rollback;
