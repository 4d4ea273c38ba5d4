-- A call's row is updated six times on its way to an insight, and none of those updates was HOT
-- (bench/pipeline/run: "6.0 updated (0.0 HOT)"), so each wrote an entry in every one of the
-- table's 13 indexes, most of them wide. Two of the six (the transcript's SID, then "analyzing"
-- with the transcript) change no column the list or the webhooks look calls up by; they were
-- kept from HOT by two partial indexes on updated_at, whose predicates named pipeline_status: a
-- column in an index's key or predicate blocks HOT whenever its value changes, and every update
-- sets updated_at.
--
-- The admin's outcome counts (api/admin.cc) need failed and unanalysed calls by when they
-- stopped, not every call by when it last changed. stopped_at is that time, generated from the
-- call's own columns so no writer can forget it: updated_at while the call is failed or
-- not_analysed, null otherwise. It stays null (unchanged) through a healthy call's updates, so
-- those can be HOT; the one index on it holds only stopped calls.
--
-- fillfactor leaves a tenth of each page free, so an update finds room beside the row it
-- replaces (a HOT update must stay on its page).
drop index public.calls_failed_updated_idx;
drop index public.calls_not_analysed_updated_idx;

alter table public.calls
  add column stopped_at timestamptz generated always as (
    case when pipeline_status in ('failed', 'not_analysed') then updated_at end) stored;
comment on column public.calls.stopped_at is 'When the pipeline stopped short of an insight (updated_at while pipeline_status is failed or not_analysed), else null; generated, for the admin''s outcome counts without indexing updated_at.';

create index calls_stopped_at_idx on public.calls (stopped_at) where stopped_at is not null;

alter table public.calls set (fillfactor = 90);
