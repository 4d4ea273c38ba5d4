-- The calls list sorts and filters by insight fields (ai_score, upsell_cents, sentiment,
-- converted); with those only in public.insights, a sorted page of a big tenant joined and sorted
-- every call in the range (~300 ms at 1M calls, docs/benchmarks.md). The list's insight fields
-- are copied onto the call, in the same transaction as the insight (analysis, re-analysis, a
-- manager's override, a call left not analysed), so one index per sort key over calls alone
-- gives a sorted page by reading about LIMIT rows.
--
-- The copies are the list's only: every other reader (the call view, KPIs, exports' columns)
-- keeps reading public.insights. NULL when the call has no insight, as the left join gave.
alter table public.calls
  add column insight_ai_score integer,
  add column insight_upsell_cents bigint,
  add column insight_sentiment_score real,
  add column insight_sentiment_label text,
  add column insight_converted boolean;
comment on column public.calls.insight_ai_score is 'Copy of the insight''s ai_score for the calls list''s sort and filters (kept by trigger on public.insights); null without an insight.';
comment on column public.calls.insight_upsell_cents is 'Copy of the insight''s upsell_cents for the calls list''s sort (kept by trigger on public.insights); null without an insight.';
comment on column public.calls.insight_sentiment_score is 'Copy of the insight''s sentiment_score for the calls list''s sort (kept by trigger on public.insights); null without an insight.';
comment on column public.calls.insight_sentiment_label is 'Copy of the insight''s sentiment_label for the calls list''s filter (kept by trigger on public.insights); null without an insight.';
comment on column public.calls.insight_converted is 'Copy of the insight''s converted for the calls list''s filter (kept by trigger on public.insights); null without an insight.';

-- The body is in db/functions/private.copy_insight_to_call.sql, applied after the migrations.
create function private.copy_insight_to_call() returns trigger
language plpgsql security definer set search_path = '' as $$ begin return null; end $$;
revoke all on function private.copy_insight_to_call() from public, anon, authenticated;

create trigger copy_insight_to_call_on_insert after insert on public.insights
  for each row execute function private.copy_insight_to_call();
create trigger copy_insight_to_call_on_update after update on public.insights
  for each row when ((old.ai_score, old.upsell_cents, old.sentiment_score, old.sentiment_label,
                      old.converted)
                     is distinct from (new.ai_score, new.upsell_cents, new.sentiment_score,
                                       new.sentiment_label, new.converted))
  execute function private.copy_insight_to_call();
create trigger copy_insight_to_call_on_delete after delete on public.insights
  for each row execute function private.copy_insight_to_call();

update public.calls c
   set insight_ai_score = i.ai_score, insight_upsell_cents = i.upsell_cents,
       insight_sentiment_score = i.sentiment_score, insight_sentiment_label = i.sentiment_label,
       insight_converted = i.converted
  from public.insights i
 where i.tenant_id = c.tenant_id and i.call_id = c.id;

-- One index per sort key, on the list's own sort expression (NULL folded below every value,
-- api/call_query.cc kSortKeys), then id for the keyset cursor. A page sorted by one of these
-- walks its index and stops after LIMIT rows in the range; a narrow range still uses
-- calls_tenant_started_id_idx.
create index calls_tenant_ai_score_id_idx on public.calls (tenant_id, coalesce(insight_ai_score, -1), id);
create index calls_tenant_upsell_id_idx on public.calls (tenant_id, coalesce(insight_upsell_cents, -1), id);
create index calls_tenant_sentiment_id_idx on public.calls (tenant_id, coalesce(insight_sentiment_score, -2), id);
create index calls_tenant_duration_id_idx on public.calls (tenant_id, coalesce(duration_s, -1), id);
analyze public.calls;
