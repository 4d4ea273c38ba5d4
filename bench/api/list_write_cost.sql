-- What the calls list's indexes cost writes (docs/benchmarks.md, 2026-12-05): on a migrated
-- throwaway database, 200,000 calls of one tenant with insights, then timed: 20,000 calls
-- inserted, their insights inserted (private.copy_insight_to_call copies them onto the calls) and
-- re-analysed (an update of ai_score and upsell_cents), with this branch's indexes and then with
-- the ones they replaced (main before 20261212100100: no INCLUDE columns, no filter-led indexes).
-- usage: psql -X -f bench/api/list_write_cost.sql "<dsn of a freshly migrated database>"
\ir write_cost_setup.sql

select pg_temp.add_calls(1, 200000);
select pg_temp.add_insights(1, 200000);
vacuum analyze public.calls, public.insights;

\timing on
\echo '== this branch: 20,000 calls, their insights, their re-analysis (three rounds)'
select pg_temp.add_calls(200001, 220000);
select pg_temp.add_insights(200001, 220000);
select pg_temp.reanalyse(200001, 220000);
select pg_temp.add_calls(220001, 240000);
select pg_temp.add_insights(220001, 240000);
select pg_temp.reanalyse(220001, 240000);
select pg_temp.add_calls(240001, 260000);
select pg_temp.add_insights(240001, 260000);
select pg_temp.reanalyse(240001, 260000);
\timing off
select pg_size_pretty(sum(pg_relation_size(indexrelid))) as calls_index_size
  from pg_index where indrelid = 'public.calls'::regclass;

-- (The sort keys' indexes are named for their (tenant_id, <key>, started_at, id) shape since
-- 20261219100100; ai_score's is calls_tenant_score_started_idx.)
drop index public.calls_tenant_converted_upsell_started_idx,
           public.calls_tenant_label_sentiment_started_idx;
drop index public.calls_tenant_score_started_idx, public.calls_tenant_upsell_started_idx,
           public.calls_tenant_sentiment_started_idx, public.calls_tenant_duration_started_idx,
           public.calls_tenant_started_id_idx, public.calls_tenant_agent_started_id_idx;
create index calls_tenant_started_id_idx on public.calls (tenant_id, started_at, id)
  include (insight_converted, insight_sentiment_label, insight_ai_score);
create index calls_tenant_agent_started_id_idx on public.calls (tenant_id, agent_id, started_at, id);
create index calls_tenant_ai_score_id_idx on public.calls (tenant_id, coalesce(insight_ai_score, -1), id);
create index calls_tenant_upsell_id_idx on public.calls (tenant_id, coalesce(insight_upsell_cents, -1), id);
create index calls_tenant_sentiment_id_idx on public.calls (tenant_id, coalesce(insight_sentiment_score, -2), id);
create index calls_tenant_duration_id_idx on public.calls (tenant_id, coalesce(duration_s, -1), id);
vacuum analyze public.calls, public.insights;

\timing on
\echo '== the indexes they replaced: the same three rounds'
select pg_temp.add_calls(260001, 280000);
select pg_temp.add_insights(260001, 280000);
select pg_temp.reanalyse(260001, 280000);
select pg_temp.add_calls(280001, 300000);
select pg_temp.add_insights(280001, 300000);
select pg_temp.reanalyse(280001, 300000);
select pg_temp.add_calls(300001, 320000);
select pg_temp.add_insights(300001, 320000);
select pg_temp.reanalyse(300001, 320000);
\timing off
select pg_size_pretty(sum(pg_relation_size(indexrelid))) as calls_index_size
  from pg_index where indrelid = 'public.calls'::regclass;
