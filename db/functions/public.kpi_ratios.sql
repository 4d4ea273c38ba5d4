-- The KPI ratios of summed kpi_daily counters, for every endpoint that shows them (the KPIs and
-- their timeseries, src/api/kpis.cc; the leaderboard, src/api/agents.cc). Each average divides by
-- the calls that have the value and is null when none do; null sums (a period or an agent without
-- rows) give null ratios. The parameters have the types sum() gives kpi_daily's columns (integer
-- -> bigint, bigint -> numeric, double precision -> itself), so callers pass their sums as they are.
--
-- Always one row. It is a set-returning SQL function, not strict and without SET options, so the
-- planner inlines it into the calling query (`cross join lateral public.kpi_ratios(...)`) rather
-- than calling it per row; for the same reason its search_path is not pinned. It names only
-- built-in operators, which resolve in pg_catalog first, and runs as the caller.
create or replace function public.kpi_ratios(
  p_converted bigint, p_analyzed bigint,
  p_sentiment_sum double precision, p_sentiment_scored bigint,
  p_ai_score_sum numeric, p_ai_scored bigint,
  p_script_met bigint, p_script_total bigint,
  p_agent_talk_ms numeric, p_customer_talk_ms numeric)
returns table (conversion_rate double precision, avg_sentiment double precision,
               avg_ai_score double precision, script_adherence double precision,
               talk_ratio double precision)
language sql immutable
as $$
  select p_converted::float8 / nullif(p_analyzed, 0),
         p_sentiment_sum / nullif(p_sentiment_scored, 0),
         p_ai_score_sum::float8 / nullif(p_ai_scored, 0),
         p_script_met::float8 / nullif(p_script_total, 0),
         p_agent_talk_ms::float8 / nullif(p_agent_talk_ms + p_customer_talk_ms, 0)
$$;
comment on function public.kpi_ratios(bigint, bigint, double precision, bigint, numeric, bigint, bigint, bigint, numeric, numeric) is 'KPI ratios (conversion rate, average sentiment and AI score, script adherence, talk ratio) of summed kpi_daily counters; null where the divisor is 0 or null.';

revoke all on function public.kpi_ratios(bigint, bigint, double precision, bigint, numeric, bigint, bigint, bigint, numeric, numeric) from public, anon;
grant execute on function public.kpi_ratios(bigint, bigint, double precision, bigint, numeric, bigint, bigint, bigint, numeric, numeric) to authenticated, service_role;
