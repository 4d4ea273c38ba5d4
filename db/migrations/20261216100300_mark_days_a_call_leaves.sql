-- A call counted in one day's KPI rollup, then moved to another day by its recording callback
-- (which dates it when the recording started), stayed counted in the old day: only the analysis
-- marked a day stale, and it marks the call's new day. Seen in `make demo`, whose calls are dated
-- back over 30 days: today's rollup counted 5 calls where 4 remained.
-- The body is in db/functions/private.mark_moved_call_days.sql, applied right after the
-- migrations. Until then a move fails rather than go unmarked.
create function private.mark_moved_call_days() returns trigger
language plpgsql security definer set search_path = '' as $$
begin raise exception 'private.mark_moved_call_days: db/functions not applied yet'; end $$;
revoke all on function private.mark_moved_call_days() from public, anon, authenticated;

create trigger calls_mark_moved_days_on_update
  after update of started_at on public.calls
  for each row
  when ((old.started_at at time zone 'UTC')::date is distinct from
        (new.started_at at time zone 'UTC')::date)
  execute function private.mark_moved_call_days();
