-- Re-runs the tenant's trackers over every analysed call: one `trackers` job per call in the
-- pipeline's queue (a finished or dead one is queued again), and the run's progress reset.
-- Runs as its owner, since users may not write jobs, and checks itself that the caller may
-- change the tenant (owners and managers, not viewers). Returns the number of calls queued;
-- null when the caller may not.
create or replace function public.rerun_trackers(p_tenant uuid)
returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  queued integer;
begin
  if coalesce((select auth.role()), '') = 'authenticated'
     and not (p_tenant = any ((select private.my_editable_tenant_ids())::uuid[])) then
    return null;
  end if;
  -- Priority 1: background work, claimed after live calls' jobs (jobs.priority).
  insert into public.jobs (tenant_id, kind, call_id, priority)
  select c.tenant_id, 'trackers', c.id, 1 from public.calls c
   where c.tenant_id = p_tenant and c.pipeline_status = 'done'
  on conflict (tenant_id, kind, call_id) do update
     set state = 'queued', attempts = 0, run_at = now(), priority = 1, last_error = null,
         lease_until = null, locked_by = null, updated_at = now()
   where public.jobs.state in ('done', 'dead');
  get diagnostics queued = row_count;
  insert into public.tracker_runs (tenant_id, requested_at, total, done, finished_at)
  values (p_tenant, now(), queued, 0, case when queued = 0 then now() end)
  on conflict (tenant_id) do update
     set requested_at = excluded.requested_at, total = excluded.total, done = 0,
         finished_at = excluded.finished_at;
  perform pg_notify('converza_jobs', '');
  return queued;
end;
$$;
comment on function public.rerun_trackers(uuid) is 'Queues a trackers job for each analysed call of the tenant and resets its tracker_runs progress; owners and managers only (null otherwise).';

revoke all on function public.rerun_trackers(uuid) from public, anon;
grant execute on function public.rerun_trackers(uuid) to authenticated, service_role;
