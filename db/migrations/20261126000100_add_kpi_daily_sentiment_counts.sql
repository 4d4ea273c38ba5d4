-- KPI rollup, second cut: the dashboard shows how many calls were positive, neutral and negative,
-- and averages must divide by the calls that actually have a score (an insight may lack one).
-- refresh_kpi_daily() keeps its signature and its calls filter (workers call it).

alter table public.kpi_daily
  add column sentiment_positive integer not null default 0,
  add column sentiment_neutral  integer not null default 0,
  add column sentiment_negative integer not null default 0,
  add column sentiment_scored   integer not null default 0,
  add column ai_scored          integer not null default 0;
comment on column public.kpi_daily.sentiment_scored is 'Insights with a sentiment_score: the divisor of avg_sentiment = sentiment_sum / sentiment_scored.';
comment on column public.kpi_daily.ai_scored is 'Insights with an ai_score: the divisor of avg_ai_score = ai_score_sum / ai_scored.';

create or replace function public.refresh_kpi_daily(p_tenant uuid, p_day date)
returns void
language sql volatile security definer set search_path = ''
as $$
  -- One refresher per tenant-day at a time: two refreshing the same day would both delete and
  -- both insert, and the second insert would hit the primary key.
  select pg_advisory_xact_lock(hashtextextended(p_tenant::text || '/' || p_day::text, 7291002));

  delete from public.kpi_daily k where k.tenant_id = p_tenant and k.day = p_day;

  insert into public.kpi_daily (tenant_id, day, agent_id, calls, analyzed, converted, upsell_cents,
                                sentiment_sum, ai_score_sum, script_met, script_total,
                                agent_talk_ms, customer_talk_ms, sentiment_positive,
                                sentiment_neutral, sentiment_negative, sentiment_scored, ai_scored)
  select c.tenant_id,
         p_day,
         coalesce(c.agent_id, '00000000-0000-0000-0000-000000000000'::uuid),
         count(*),
         count(i.call_id),
         count(*) filter (where i.converted),
         coalesce(sum(i.upsell_cents), 0),
         coalesce(sum(i.sentiment_score), 0),
         coalesce(sum(i.ai_score), 0),
         coalesce(sum(i.script_met), 0),
         coalesce(sum(i.script_total), 0),
         coalesce(sum((i.talk ->> 'agent_ms')::bigint), 0),
         coalesce(sum((i.talk ->> 'customer_ms')::bigint), 0),
         count(*) filter (where i.sentiment_label = 'positive'),
         count(*) filter (where i.sentiment_label = 'neutral'),
         count(*) filter (where i.sentiment_label = 'negative'),
         count(i.sentiment_score),
         count(i.ai_score)
  from public.calls c
  left join public.insights i on i.tenant_id = c.tenant_id and i.call_id = c.id
  where c.tenant_id = p_tenant
    and coalesce(c.started_at, c.created_at) >= (p_day::timestamp at time zone 'UTC')
    and coalesce(c.started_at, c.created_at) <  ((p_day + 1)::timestamp at time zone 'UTC')
  group by c.tenant_id, coalesce(c.agent_id, '00000000-0000-0000-0000-000000000000'::uuid);
$$;
comment on function public.refresh_kpi_daily(uuid, date) is 'Recomputes kpi_daily for one tenant and UTC day from calls + insights (worker only).';

revoke all on function public.refresh_kpi_daily(uuid, date) from public, anon, authenticated;
grant execute on function public.refresh_kpi_daily(uuid, date) to service_role;

-- Existing rollups gain their label counts.
select count(public.refresh_kpi_daily(d.tenant_id, d.day))
  from (select distinct tenant_id, day from public.kpi_daily) d;
