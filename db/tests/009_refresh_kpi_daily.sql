-- refresh_kpi_daily recomputes one tenant's UTC day per agent from calls +
-- insights, idempotently, whatever the session time zone.
begin;
\ir fixtures/two_tenants.psql
select plan(6);

set local role service_role;
set local timezone = 'America/Los_Angeles';
select public.refresh_kpi_daily('aaaaaaaa-0000-4000-8000-000000000000', '2026-03-10') \g /dev/null
select public.refresh_kpi_daily('aaaaaaaa-0000-4000-8000-000000000000', '2026-03-10') \g /dev/null

select results_eq(
  $$select agent_id, calls, analyzed, converted, upsell_cents, sentiment_sum, ai_score_sum,
           script_met, script_total, agent_talk_ms, customer_talk_ms
      from public.kpi_daily where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000' and day = '2026-03-10'
     order by agent_id$$,
  $$values ('00000000-0000-0000-0000-000000000000'::uuid, 1, 0, 0, 0::bigint, 0::float8, 0::bigint, 0, 0, 0::bigint, 0::bigint),
           ('aaaaaaaa-a6e0-4000-8000-000000000001'::uuid, 1, 1, 1, 2500::bigint, 0.5::float8, 82::bigint, 1, 2, 2000::bigint, 2900::bigint)$$,
  'A''s 2026-03-10: Ann''s analyzed call and the agentless 23:30 UTC call under the nil uuid');

-- A new insight for the agentless call, then a refresh, updates the nil-agent row.
insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted, upsell_cents, ai_score, script_met, script_total)
values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000002', -0.5, 'negative', true, 500, 40, 2, 6);
select public.refresh_kpi_daily('aaaaaaaa-0000-4000-8000-000000000000', '2026-03-10') \g /dev/null
select results_eq(
  $$select analyzed, converted, upsell_cents, ai_score_sum from public.kpi_daily
     where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000' and agent_id = '00000000-0000-0000-0000-000000000000'$$,
  $$values (1, 1, 500::bigint, 40::bigint)$$, 'the refresh picks up the new insight');
select is((select count(*)::int from public.kpi_daily where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'), 2,
          'refreshing twice leaves one row per agent');

-- Other days and other tenants are untouched.
select public.refresh_kpi_daily('aaaaaaaa-0000-4000-8000-000000000000', '2026-03-11') \g /dev/null
select is((select count(*)::int from public.kpi_daily where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000' and day = '2026-03-11'), 0,
          'a day without calls has no rows');
select results_eq($$select calls, converted from public.kpi_daily where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$,
                  $$values (1, 0)$$, 'tenant B''s KPIs are untouched');
reset role;

-- Managers then see the result through RLS.
set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null
select is((select sum(calls)::int from public.kpi_daily), 2, 'manager A reads the refreshed KPIs');
reset role;

select * from finish();
rollback;
