-- refresh_kpi_daily (20261126000100) also counts sentiment labels and the insights that carry a
-- sentiment score and an AI score, the divisors of the dashboard's averages; managers read them
-- through RLS for their own tenant only.
begin;
\ir fixtures/two_tenants.psql
select plan(5);

-- A second insight on tenant A's day, negative and without an AI score.
insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted, upsell_cents)
values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000002', -0.75, 'negative', false, 0);

set local role service_role;
select public.refresh_kpi_daily('aaaaaaaa-0000-4000-8000-000000000000', '2026-03-10') \g /dev/null
select public.refresh_kpi_daily('bbbbbbbb-0000-4000-8000-000000000000', '2026-03-10') \g /dev/null
select results_eq(
  $$select agent_id, analyzed, sentiment_positive, sentiment_neutral, sentiment_negative,
           sentiment_scored, ai_scored, sentiment_sum, ai_score_sum
      from public.kpi_daily where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000' order by agent_id$$,
  $$values ('00000000-0000-0000-0000-000000000000'::uuid, 1, 0, 0, 1, 1, 0, -0.75::float8, 0::bigint),
           ('aaaaaaaa-a6e0-4000-8000-000000000001'::uuid, 1, 1, 0, 0, 1, 1, 0.5::float8, 82::bigint)$$,
  'label counts, and scored counts that skip the insight without an AI score');
select results_eq(
  $$select sentiment_neutral, sentiment_scored, ai_scored from public.kpi_daily
     where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$,
  $$values (1, 1, 1)$$, 'tenant B''s day counted on its own');
reset role;

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null
select is((select sum(sentiment_negative)::int from public.kpi_daily), 1,
          'manager A reads the negative count of their tenant');
select is((select count(*)::int from public.kpi_daily where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'), 0,
          'manager A sees none of tenant B''s rollup');
reset role;

select is((select count(*)::int from pg_indexes
            where indexname in ('calls_tenant_started_id_idx', 'calls_tenant_agent_started_id_idx',
                                'jobs_dead_updated_idx', 'insights_created_at_idx', 'calls_stopped_at_idx',
                                'usage_events_at_idx')),
          6, 'the API''s indexes exist');

select * from finish();
rollback;
