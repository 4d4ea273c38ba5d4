-- The calls list's sort keys were index expressions, coalesce(<column>, -1|-2), and under RLS a
-- condition on coalesce(...) is not leakproof: PostgreSQL applies it after the row policy, so the
-- keyset cursor of an insight order and the score bounds were filters on a walk of the whole
-- tenant's index instead of bounds of it (0.9-2.6 s for `score<=50` by ai_score on a 1M-call
-- tenant, docs/benchmarks.md 2026-12-05). Stored already folded and NOT NULL (sort_*, generated
-- from the call's own columns, so they cannot drift), a bound or a cursor is a plain comparison
-- of ints or reals, whose operators are leakproof, and becomes an Index Cond under RLS.
--
-- The "needs coaching" flag is copied onto the call with the other list fields
-- (private.copy_insight_to_call), so the `low_performers` filter no longer joins the insight of
-- every candidate call.
--
-- Each sort key's index carries the list's filter columns (INCLUDE), so a walk that skips calls
-- a filter rejects (a filter correlated with the order: no converted call has the lowest
-- sentiments) reads index entries only, not a heap page per skipped call.

-- Rebuilt below on the folded columns; dropped first so the backfill does not maintain them.
drop index public.calls_tenant_ai_score_id_idx;
drop index public.calls_tenant_upsell_id_idx;
drop index public.calls_tenant_sentiment_id_idx;
drop index public.calls_tenant_duration_id_idx;
drop index public.calls_tenant_started_id_idx;

alter table public.calls add column insight_low_performer boolean not null default false;
comment on column public.calls.insight_low_performer is 'Copy of the insight''s "needs coaching" flag (api/call_query.cc kCoachingReasons) for the calls list''s low_performers filter (kept by trigger on public.insights); false without an insight.';

update public.calls c
   set insight_low_performer = true
  from public.insights i
 where i.tenant_id = c.tenant_id and i.call_id = c.id
   and coalesce(i.script_total - i.script_met >= 2 or i.sentiment_label = 'negative'
                or (i.converted = false and i.objection is not null), false);

-- One rewrite of the table for all four.
alter table public.calls
  add column sort_ai_score integer not null generated always as (coalesce(insight_ai_score, -1)) stored,
  add column sort_upsell_cents bigint not null generated always as (coalesce(insight_upsell_cents, -1)) stored,
  add column sort_sentiment real not null generated always as (coalesce(insight_sentiment_score, -2)) stored,
  add column sort_duration_s integer not null generated always as (coalesce(duration_s, -1)) stored;
comment on column public.calls.sort_ai_score is 'The calls list''s ai_score sort key: insight_ai_score, -1 without one.';
comment on column public.calls.sort_upsell_cents is 'The calls list''s upsell_cents sort key: insight_upsell_cents, -1 without one.';
comment on column public.calls.sort_sentiment is 'The calls list''s sentiment sort key: insight_sentiment_score, -2 without one.';
comment on column public.calls.sort_duration_s is 'The calls list''s duration_s sort key: duration_s, -1 without one.';

create trigger copy_insight_to_call_on_update_2 after update on public.insights
  for each row when ((old.ai_score, old.upsell_cents, old.sentiment_score, old.sentiment_label,
                      old.converted, old.script_met, old.script_total, old.objection)
                     is distinct from (new.ai_score, new.upsell_cents, new.sentiment_score,
                                       new.sentiment_label, new.converted, new.script_met,
                                       new.script_total, new.objection))
  execute function private.copy_insight_to_call();
drop trigger copy_insight_to_call_on_update on public.insights;
alter trigger copy_insight_to_call_on_update_2 on public.insights rename to copy_insight_to_call_on_update;

-- (tenant_id, <key>, id) for the order and the keyset cursor, then every column the list
-- filters by on calls, so a page's ids come from an index-only scan.
create index calls_tenant_started_id_idx on public.calls (tenant_id, started_at, id)
  include (agent_id, insight_converted, insight_sentiment_label, sort_ai_score, insight_low_performer);
create index calls_tenant_ai_score_id_idx on public.calls (tenant_id, sort_ai_score, id)
  include (started_at, agent_id, insight_converted, insight_sentiment_label, insight_low_performer);
create index calls_tenant_upsell_id_idx on public.calls (tenant_id, sort_upsell_cents, id)
  include (started_at, agent_id, insight_converted, insight_sentiment_label, sort_ai_score, insight_low_performer);
create index calls_tenant_sentiment_id_idx on public.calls (tenant_id, sort_sentiment, id)
  include (started_at, agent_id, insight_converted, insight_sentiment_label, sort_ai_score, insight_low_performer);
create index calls_tenant_duration_id_idx on public.calls (tenant_id, sort_duration_s, id)
  include (started_at, agent_id, insight_converted, insight_sentiment_label, sort_ai_score, insight_low_performer);
analyze public.calls;
