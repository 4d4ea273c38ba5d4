-- KPI rollup per tenant, day (UTC) and agent, so dashboards never scan calls.

create table public.kpi_daily (
  tenant_id        uuid not null references public.tenants (id) on delete cascade,
  day              date not null,
  -- nil uuid 00000000-0000-0000-0000-000000000000 = calls without an agent
  agent_id         uuid not null,
  calls            integer not null default 0,
  analyzed         integer not null default 0,
  converted        integer not null default 0,
  upsell_cents     bigint not null default 0,
  sentiment_sum    double precision not null default 0,
  ai_score_sum     bigint not null default 0,
  script_met       integer not null default 0,
  script_total     integer not null default 0,
  agent_talk_ms    bigint not null default 0,
  customer_talk_ms bigint not null default 0,
  primary key (tenant_id, day, agent_id)
);
comment on table public.kpi_daily is 'Daily KPI sums per tenant and agent (averages = sum / analyzed). Recomputed by refresh_kpi_daily().';

alter table public.kpi_daily enable row level security;
alter table public.kpi_daily force row level security;

revoke all on public.kpi_daily from public, anon, authenticated;
grant select on public.kpi_daily to authenticated;
grant all on public.kpi_daily to service_role;

-- Managers read their tenant's KPIs; admins read all. Written only by refresh_kpi_daily().
create policy "Managers and admins can read daily KPIs"
  on public.kpi_daily for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));

-- Recompute one tenant-day from calls + insights. Idempotent; the worker calls
-- it after writing an insight. The day of a call is started_at (or created_at)
-- in UTC. Talk times come from insights.talk ->> 'agent_ms' / 'customer_ms'.
create function public.refresh_kpi_daily(p_tenant uuid, p_day date)
returns void
language sql volatile security definer set search_path = ''
as $$
  -- One refresher per tenant-day at a time: two refreshing the same day would both delete and
  -- both insert, and the second insert would hit the primary key.
  select pg_advisory_xact_lock(hashtextextended(p_tenant::text || '/' || p_day::text, 7291002));

  delete from public.kpi_daily k where k.tenant_id = p_tenant and k.day = p_day;

  insert into public.kpi_daily (tenant_id, day, agent_id, calls, analyzed, converted, upsell_cents,
                                sentiment_sum, ai_score_sum, script_met, script_total,
                                agent_talk_ms, customer_talk_ms)
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
         coalesce(sum((i.talk ->> 'customer_ms')::bigint), 0)
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
