-- Trigger after insert on public.insight_overrides (migration
-- 20261210100100_create_insight_overrides.sql): applies the new override to the call's insight
-- (touching the row runs private.apply_insight_overrides) and recomputes the call's day of
-- kpi_daily, so the KPIs and the leaderboard agree with the calls list once the override commits.
create or replace function private.after_insight_override()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  d date;
begin
  update public.insights set overrides = overrides
   where tenant_id = new.tenant_id and call_id = new.call_id;
  select (c.started_at at time zone 'UTC')::date into d
    from public.calls c where c.tenant_id = new.tenant_id and c.id = new.call_id;
  perform public.refresh_kpi_daily(new.tenant_id, d);
  return null;
end
$$;
comment on function private.after_insight_override() is 'Trigger on public.insight_overrides: applies the override to its insight and refreshes the call''s day of kpi_daily in the same transaction.';

revoke all on function private.after_insight_override() from public, anon, authenticated;
