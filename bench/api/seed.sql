-- bench/api seed: :tenants tenants, :calls calls in all, one tenant ("bench-big") holding
-- :big_calls of them, spread over the last 365 days with ~95% analysed, then the kpi_daily
-- rollup rebuilt with the worker's own refresh_kpi_daily(). Run as the database owner
-- (superuser: RLS does not apply to the load itself).
-- usage: psql -v tenants=1000 -v calls=10000000 -v big_calls=1000000 -f bench/api/seed.sql
\set ON_ERROR_STOP on
\timing on
set synchronous_commit = off;
-- Bulk load: foreign keys and triggers are not checked row by row (the ids below are
-- consistent by construction).
set session_replication_role = replica;
set maintenance_work_mem = '1GB';

-- Deterministic ids so runs are comparable: tenant n is md5('tenant-n'); call g's id is a UUID
-- version 7 of its started_at with g as its last 48 bits (below).
insert into public.tenants (id, name, slug, plan, plan_price_cents)
select md5('tenant-' || n)::uuid,
       case when n = 1 then 'Bench Big Co' else 'Bench Tenant ' || n end,
       case when n = 1 then 'bench-big' else 'bench-' || n end,
       'growth', 49900
from generate_series(1, :tenants) n;

insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at,
                        raw_app_meta_data, raw_user_meta_data)
select md5('user-' || n)::uuid, 'authenticated', 'authenticated', 'manager' || n || '@bench.test', '',
       now(), jsonb_build_object('provider', 'email', 'providers', jsonb_build_array('email'),
                                 'tenant_id', md5('tenant-' || n)::uuid), '{}'
from generate_series(1, :tenants) n;

insert into public.members (tenant_id, user_id, role)
select md5('tenant-' || n)::uuid, md5('user-' || n)::uuid, 'owner' from generate_series(1, :tenants) n;

-- Five agents per tenant, agent k of tenant n is md5('agent-n-k').
insert into public.agents (tenant_id, id, name, phone)
select md5('tenant-' || n)::uuid, md5('agent-' || n || '-' || k)::uuid, 'Agent ' || k,
       '+1415555' || lpad((n * 10 + k)::text, 4, '0')
from generate_series(1, :tenants) n, generate_series(1, 5) k;

-- Each call's number picks its insight (`h`, from its CallSid), so the data are the same run to
-- run: the analysed calls (95%) carry the insight's copies the calls list sorts and filters by
-- (calls.insight_*, which a trigger on insights keeps in production; triggers are off here), and
-- the insights below are made from the same numbers.
create function pg_temp.h(call_sid text) returns bigint language sql immutable
  as $$ select hashtext(call_sid)::bigint & 2147483647 $$;
create function pg_temp.score(h bigint) returns numeric language sql immutable
  as $$ select ((h % 2001) - 1000) / 1000.0 $$;
create function pg_temp.label(score numeric) returns text language sql immutable
  as $$ select case when score > 0.2 then 'positive' when score < -0.2 then 'negative' else 'neutral' end $$;

-- Call g belongs to tenant 1 when g <= big_calls, else to one of the others in turn.
insert into public.calls (tenant_id, id, call_sid, recording_sid, agent_id, from_number, to_number,
                          direction, call_status, duration_s, recording_duration_s,
                          recording_channels, started_at, pipeline_status, insight_ai_score,
                          insight_upsell_cents, insight_sentiment_score, insight_sentiment_label,
                          insight_converted, insight_low_performer)
select md5('tenant-' || t)::uuid,
       (substr(ms, 1, 8) || '-' || substr(ms, 9, 4) || '-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
       sid, 'RE' || lpad(to_hex(g), 32, '0'), md5('agent-' || t || '-' || (1 + g % 5))::uuid,
       '+1212555' || lpad((g % 10000)::text, 4, '0'), '+14155550100', 'inbound', 'completed',
       60 + g % 600, 60 + g % 600, 2,
       started_at,
       case when done then 'done' else 'transcribing' end,
       case when done then 40 + h % 61 end,
       case when done then case when h % 10 < 3 then (h % 50) * 1000 else 0 end end,
       case when done then pg_temp.score(h) end,
       case when done then pg_temp.label(pg_temp.score(h)) end,
       case when done then h % 10 < 3 end,
       -- private.insight_low_performer: two of six script items missed, or a negative call
       -- (no bench insight has an objection).
       done and (6 - h % 7 >= 2 or pg_temp.label(pg_temp.score(h)) = 'negative')
from (select g, t, sid, g % 20 <> 0 as done, pg_temp.h(sid) as h, started_at,
             lpad(to_hex((extract(epoch from started_at) * 1000)::bigint), 12, '0') as ms
        from (select g, 'CA' || lpad(to_hex(g), 32, '0') as sid,
                     case when g <= :big_calls then 1 else 2 + (g % (:tenants - 1)) end as t,
                     now() - make_interval(secs => (hashint4(g)::bigint & 2147483647) % (365 * 86400))
                       as started_at
                from generate_series(1, :calls) g) n) s
-- In the order the calls happened, as webhooks insert them in production (with ids in time
-- order, migration 20261217100100): the table and its indexes are laid out as a live one is. In
-- g's order instead, a tenant's range was spread over the whole table, and an index-only scan
-- of it changed visibility-map page at three entries in four (docs/benchmarks.md, session 21).
order by started_at, g;

-- Insights for the calls that finished, from the same numbers.
insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted,
                             upsell_cents, script_met, script_total, talk, ai_score, summary,
                             analyzer)
select c.tenant_id, c.id, c.insight_sentiment_score, c.insight_sentiment_label, c.insight_converted,
       c.insight_upsell_cents, h % 7, 6,
       jsonb_build_object('agent_ms', 30000 + h % 90000, 'customer_ms', 30000 + h % 60000),
       c.insight_ai_score, 'Benchmark call', 'rules'
from public.calls c
cross join lateral (select pg_temp.h(c.call_sid) as h) h0
where c.pipeline_status = 'done'
order by c.started_at, c.id;

analyze public.tenants, public.members, public.agents, public.calls, public.insights;

-- The rollup, day by day, with the same function the worker calls after each insight;
-- committed every 1,000 days (each call takes a transaction-scoped advisory lock).
do $$
declare
  r record;
  n integer := 0;
begin
  for r in select distinct tenant_id, (coalesce(started_at, created_at) at time zone 'UTC')::date as day
             from public.calls loop
    perform public.refresh_kpi_daily(r.tenant_id, r.day);
    n := n + 1;
    if n % 1000 = 0 then
      commit;
    end if;
  end loop;
end
$$;

set session_replication_role = origin;
analyze public.kpi_daily;
