-- Trigger after insert, update and delete on public.insights (migration
-- 20261211400100_add_call_list_insight_columns.sql): copies the fields the calls list sorts and
-- filters by onto the call (public.calls.insight_*), in the insight's own transaction, so the
-- list's indexes over calls agree with the insight the moment it commits (calls.sort_* are
-- generated from these copies). insight_low_performer is the "needs coaching" flag
-- (private.insight_low_performer). A writer that already set the copies (the analyze stage, in
-- the update that marks the call done) costs no second version of the call's row: the update
-- below changes only a call whose copies differ. It runs after
-- private.apply_insight_overrides, so an override's value is what is copied; a deleted insight
-- (a call left not analysed) clears them.
create or replace function private.copy_insight_to_call()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  low boolean;
begin
  if tg_op = 'DELETE' then
    update public.calls
       set insight_ai_score = null, insight_upsell_cents = null, insight_sentiment_score = null,
           insight_sentiment_label = null, insight_converted = null, insight_low_performer = false
     where tenant_id = old.tenant_id and id = old.call_id;
    return null;
  end if;
  low := private.insight_low_performer(new.script_total, new.script_met, new.sentiment_label,
                                      new.converted, new.objection);
  update public.calls
     set insight_ai_score = new.ai_score, insight_upsell_cents = new.upsell_cents,
         insight_sentiment_score = new.sentiment_score,
         insight_sentiment_label = new.sentiment_label, insight_converted = new.converted,
         insight_low_performer = low
   where tenant_id = new.tenant_id and id = new.call_id
     and (insight_ai_score, insight_upsell_cents, insight_sentiment_score,
          insight_sentiment_label, insight_converted, insight_low_performer)
         is distinct from (new.ai_score, new.upsell_cents, new.sentiment_score,
                           new.sentiment_label, new.converted, low);
  return null;
end
$$;
comment on function private.copy_insight_to_call() is 'Trigger on public.insights: copies ai_score, upsell_cents, sentiment and converted and the "needs coaching" flag onto the call (calls.insight_*) for the calls list''s sort and filters.';

revoke all on function private.copy_insight_to_call() from public, anon, authenticated;
