-- The trigger function that keeps the KPI rollup right when a call changes day: a call's first
-- webhook dates it when it arrives, and Twilio's recording callback may move it to when the
-- recording started (a backfill, a call across midnight UTC). A refresh of the old day that ran
-- in between counts the call there, and the analysis only marks the call's new day, so the old
-- day is marked stale here, and the new one too (the call may have been analysed already).
-- The trigger that calls it (calls_mark_moved_days_on_update, fired only when the UTC day
-- changes) is in migration 20261216100300_mark_days_a_call_leaves.sql.
create or replace function private.mark_moved_call_days()
returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  insert into private.kpi_dirty (tenant_id, day)
  values (new.tenant_id, (old.started_at at time zone 'UTC')::date),
         (new.tenant_id, (new.started_at at time zone 'UTC')::date);
  return null;
end
$$;
comment on function private.mark_moved_call_days() is 'Trigger on public.calls: marks the KPI days a call moved from and to stale (private.kpi_dirty).';

revoke all on function private.mark_moved_call_days() from public, anon, authenticated;
