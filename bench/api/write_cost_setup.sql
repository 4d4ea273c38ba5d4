-- The data the write-cost scripts time (bench/api/list_write_cost.sql,
-- bench/api/tracker_hits_write_cost.sql, bench/api/transcripts_write_cost.sql), included by them
-- with \ir: one tenant with five agents, and functions that add calls `wc-call-<g>` for g in
-- [p_from, p_to], add their insights, and re-analyse them (an update of ai_score and
-- upsell_cents).
\set ON_ERROR_STOP on
set session_replication_role = replica;
insert into public.tenants (id, name, slug, plan, plan_price_cents)
values ('11111111-0000-4000-8000-000000000000', 'Write Cost', 'write-cost', 'growth', 49900);
insert into public.agents (tenant_id, id, name, phone)
select '11111111-0000-4000-8000-000000000000', md5('wc-agent-' || k)::uuid, 'Agent ' || k, '+1415555000' || k
  from generate_series(1, 5) k;
set session_replication_role = origin;

create function pg_temp.add_calls(p_from int, p_to int) returns void language sql as $$
  insert into public.calls (tenant_id, id, call_sid, agent_id, from_number, to_number, direction,
                            call_status, duration_s, started_at, pipeline_status)
  select '11111111-0000-4000-8000-000000000000', md5('wc-call-' || g)::uuid, 'CAwc' || g,
         md5('wc-agent-' || (1 + g % 5))::uuid, '+14155550001', '+14155550100', 'inbound', 'completed',
         60 + g % 600, now() - make_interval(secs => (hashint4(g)::bigint & 2147483647) % (365 * 86400)), 'done'
    from generate_series(p_from, p_to) g
$$;
create function pg_temp.add_insights(p_from int, p_to int) returns void language sql as $$
  insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted,
                               upsell_cents, script_met, script_total, ai_score, summary, analyzer)
  select '11111111-0000-4000-8000-000000000000', md5('wc-call-' || g)::uuid, (g % 2001 - 1000) / 1000.0,
         case when g % 2001 > 1200 then 'positive' when g % 2001 < 800 then 'negative' else 'neutral' end,
         g % 10 < 3, case when g % 10 < 3 then (g % 50) * 1000 else 0 end, g % 7, 6, 40 + g % 61,
         'Write cost call', 'rules'
    from generate_series(p_from, p_to) g
$$;
create function pg_temp.reanalyse(p_from int, p_to int) returns void language sql as $$
  update public.insights set ai_score = 100 - ai_score, upsell_cents = upsell_cents + 100
   where tenant_id = '11111111-0000-4000-8000-000000000000'
     and call_id in (select md5('wc-call-' || g)::uuid from generate_series(p_from, p_to) g)
$$;
