-- The calls list's `tracker` filter counts the calls the tracker hit in the range (up to 10,001,
-- api/calls.cc) and, when at most 10,000, sorts them for the page. With only the call's id on a
-- hit, that joined all the tenant's hits of the tracker with every call of the range: 42-71 ms
-- at 1M calls (docs/benchmarks.md, 2026-12-05). A hit now carries its call's started_at and sort
-- keys (the calls list's calls.sort_*), and an index led by (tenant_id, tracker_id, started_at)
-- that includes the sort keys gives the tracker's matches in the range, with the values they
-- sort by, from the hits alone; when there are too many to sort, an index of the hits per key
-- gives the page.
--
-- The copies follow the call: private.copy_call_to_tracker_hits (db/functions) fills them from
-- the call when a hit is inserted (whatever the writer passed), and copies them again to the
-- call's hits when its started_at moves (a recording callback naming Twilio's
-- RecordingStartTime, webhooks/recording_batcher.cc) or a sort key changes (its insight written,
-- re-analysed or overridden, private.copy_insight_to_call; its duration).
alter table public.tracker_hits
  add column started_at timestamptz,
  add column sort_ai_score integer,
  add column sort_upsell_cents bigint,
  add column sort_sentiment real,
  add column sort_duration_s integer;
update public.tracker_hits h
   set started_at = c.started_at, sort_ai_score = c.sort_ai_score,
       sort_upsell_cents = c.sort_upsell_cents, sort_sentiment = c.sort_sentiment,
       sort_duration_s = c.sort_duration_s
  from public.calls c where c.tenant_id = h.tenant_id and c.id = h.call_id;
alter table public.tracker_hits
  alter column started_at set not null,
  alter column sort_ai_score set not null,
  alter column sort_upsell_cents set not null,
  alter column sort_sentiment set not null,
  alter column sort_duration_s set not null;
comment on column public.tracker_hits.started_at is 'Copy of the call''s started_at (kept by trigger, private.copy_call_to_tracker_hits) for the calls list''s tracker filter.';
comment on column public.tracker_hits.sort_ai_score is 'Copy of the call''s sort_ai_score (kept by trigger) for the calls list''s tracker filter.';
comment on column public.tracker_hits.sort_upsell_cents is 'Copy of the call''s sort_upsell_cents (kept by trigger) for the calls list''s tracker filter.';
comment on column public.tracker_hits.sort_sentiment is 'Copy of the call''s sort_sentiment (kept by trigger) for the calls list''s tracker filter.';
comment on column public.tracker_hits.sort_duration_s is 'Copy of the call''s sort_duration_s (kept by trigger) for the calls list''s tracker filter.';

-- The body is in db/functions/private.copy_call_to_tracker_hits.sql, applied after the migrations.
create function private.copy_call_to_tracker_hits() returns trigger
language plpgsql security definer set search_path = '' as $$ begin return null; end $$;
revoke all on function private.copy_call_to_tracker_hits() from public, anon, authenticated;

create trigger copy_call_to_tracker_hits_on_insert before insert on public.tracker_hits
  for each row execute function private.copy_call_to_tracker_hits();
-- The sort keys are generated from these columns (calls.sort_*).
create trigger copy_call_to_tracker_hits_on_update
  after update of started_at, insight_ai_score, insight_upsell_cents, insight_sentiment_score,
                  duration_s on public.calls
  for each row when ((old.started_at, old.sort_ai_score, old.sort_upsell_cents,
                      old.sort_sentiment, old.sort_duration_s)
                     is distinct from (new.started_at, new.sort_ai_score, new.sort_upsell_cents,
                                       new.sort_sentiment, new.sort_duration_s))
  execute function private.copy_call_to_tracker_hits();

-- The count, and the walk in started_at order; replaces (tenant_id, tracker_id, call_id), the
-- trackers' hit counts read it as well.
create index tracker_hits_tracker_started_idx
  on public.tracker_hits (tenant_id, tracker_id, started_at, call_id)
  include (sort_ai_score, sort_upsell_cents, sort_sentiment, sort_duration_s);
drop index public.tracker_hits_tracker_idx;
-- The walk in each other order, when more than 10,000 hits are in the range: the tracker's hits
-- alone, so a tracker correlated with a key (one whose calls never have the top upsells) does not
-- make the walk read the calls the tracker missed (a walk of the calls' upsell index probed
-- 9,370 calls for a page, docs/benchmarks.md).
create index tracker_hits_tracker_ai_score_idx
  on public.tracker_hits (tenant_id, tracker_id, sort_ai_score, call_id) include (started_at);
create index tracker_hits_tracker_upsell_idx
  on public.tracker_hits (tenant_id, tracker_id, sort_upsell_cents, call_id) include (started_at);
create index tracker_hits_tracker_sentiment_idx
  on public.tracker_hits (tenant_id, tracker_id, sort_sentiment, call_id) include (started_at);
create index tracker_hits_tracker_duration_idx
  on public.tracker_hits (tenant_id, tracker_id, sort_duration_s, call_id) include (started_at);
analyze public.tracker_hits;
