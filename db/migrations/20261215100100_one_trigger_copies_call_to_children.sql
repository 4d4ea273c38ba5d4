-- A transcript line carries its call's started_at (migration 20261214100100) and a tracker hit its
-- started_at and sort keys (20261213100100). Each child table had its own trigger function, the
-- same logic for other columns, and a call whose started_at moved ran both, two PL/pgSQL calls.
-- private.copy_call_to_children (db/functions) now keeps both: before a line or a hit is inserted
-- it takes the call's values (whatever the writer passed; a child of no call is refused as the
-- foreign key refuses it), and one trigger on public.calls, fired only when a copied column
-- changes, gives the call's lines and hits the new values.
drop trigger copy_call_start_to_transcripts_on_insert on public.transcripts;
drop trigger copy_call_start_to_transcripts_on_update on public.calls;
drop trigger copy_call_to_tracker_hits_on_insert on public.tracker_hits;
drop trigger copy_call_to_tracker_hits_on_update on public.calls;
drop function private.copy_call_start_to_transcripts();
drop function private.copy_call_to_tracker_hits();

-- The body is in db/functions/private.copy_call_to_children.sql, applied right after the
-- migrations. Until then a write fails rather than lose its row (a before-insert trigger
-- returning null would skip it).
create function private.copy_call_to_children() returns trigger
language plpgsql security definer set search_path = '' as $$
begin raise exception 'private.copy_call_to_children: db/functions not applied yet'; end $$;
revoke all on function private.copy_call_to_children() from public, anon, authenticated;

create trigger copy_call_to_children_on_insert before insert on public.transcripts
  for each row execute function private.copy_call_to_children();
create trigger copy_call_to_children_on_insert before insert on public.tracker_hits
  for each row execute function private.copy_call_to_children();
-- Every column a child copies (the sort keys are generated from insight_* and duration_s,
-- calls.sort_*).
create trigger copy_call_to_children_on_update
  after update of started_at, insight_ai_score, insight_upsell_cents, insight_sentiment_score,
                  duration_s on public.calls
  for each row when ((old.started_at, old.sort_ai_score, old.sort_upsell_cents,
                      old.sort_sentiment, old.sort_duration_s)
                     is distinct from (new.started_at, new.sort_ai_score, new.sort_upsell_cents,
                                       new.sort_sentiment, new.sort_duration_s))
  execute function private.copy_call_to_children();

comment on column public.transcripts.started_at is 'Copy of the call''s started_at (kept by trigger, private.copy_call_to_children) for the calls list''s search.';
comment on column public.tracker_hits.started_at is 'Copy of the call''s started_at (kept by trigger, private.copy_call_to_children) for the calls list''s tracker filter.';
