-- The calls list's `q` filter (api/call_query.cc) counts the calls of a range with a transcript
-- line matching a web-search query. Under the transcripts' RLS policy the match (@@, not
-- leakproof) was tested line by line over every line of the tenant: 135-195 ms at 1M calls
-- (docs/benchmarks.md, 2026-12-05). private.calls_mentioning (db/functions) finds the lines
-- through an index as the owner instead, and answers only whom the policy would.
--
-- The index is led by tenant_id (btree_gin gives uuid a GIN operator class), so a tenant's
-- search reads its own matching lines alone: with the index on tsv alone, a small tenant's
-- search read the big tenant's matches too (4-8 ms -> 18-21 ms, the attempt reverted in
-- 481b5a7). It replaces that index; every reader of tsv names the tenant.
-- A line carries its call's started_at, so the search keeps the range's matches without reading
-- a call (a probe of the call per match cost 6-13 us, 10,000 matches ~0.1 s). Kept by
-- private.copy_call_start_to_transcripts: taken from the call when a line is inserted (whatever
-- the writer passed), and copied to the call's lines when its started_at moves (a recording
-- callback naming Twilio's RecordingStartTime, webhooks/recording_batcher.cc; transcripts are
-- usually written after it).
drop index public.transcripts_tsv_idx;  -- not kept up to date by the backfill below
alter table public.transcripts add column started_at timestamptz;
update public.transcripts t set started_at = c.started_at
  from public.calls c where c.tenant_id = t.tenant_id and c.id = t.call_id;
alter table public.transcripts alter column started_at set not null;
comment on column public.transcripts.started_at is 'Copy of the call''s started_at (kept by trigger, private.copy_call_start_to_transcripts) for the calls list''s search.';

-- The body is in db/functions/private.copy_call_start_to_transcripts.sql, applied after the
-- migrations.
create function private.copy_call_start_to_transcripts() returns trigger
language plpgsql security definer set search_path = '' as $$ begin return null; end $$;
revoke all on function private.copy_call_start_to_transcripts() from public, anon, authenticated;

create trigger copy_call_start_to_transcripts_on_insert before insert on public.transcripts
  for each row execute function private.copy_call_start_to_transcripts();
create trigger copy_call_start_to_transcripts_on_update after update of started_at on public.calls
  for each row when (old.started_at is distinct from new.started_at)
  execute function private.copy_call_start_to_transcripts();

-- Built after the backfill: built before, its pending list would hold a new entry for every line
-- the update rewrote, which each search then scans until a vacuum flushes it.
create extension if not exists btree_gin;
create index transcripts_tenant_tsv_idx on public.transcripts using gin (tenant_id, tsv);
analyze public.transcripts;
