-- Starts a re-analysis of the tenant's calls with a transcript in the UTC days p_from..p_to: one
-- run row (with the estimated cost the API priced and showed, p_estimated_cost_micros), and each
-- call's analyze job queued again with the run's id (jobs are unique per call and stage, so the
-- existing job is re-armed; one already queued or running just joins the run).
-- Runs as its owner (users cannot write jobs or runs) and checks the caller itself:
--   42501  the caller is not an owner or manager of the tenant (viewers read only)
--   22023  a bad range (more than 366 days, or from after to)
--   54000  more than 100,000 calls in the range
--   P0002  no call in the range has a transcript
--   55000  the tenant already has a run in progress (one at a time, so costs stay predictable)
-- The API maps each to its status (src/api/reanalysis.cc).
create or replace function public.start_reanalysis(p_tenant uuid, p_from date, p_to date,
                                                   p_estimated_cost_micros bigint)
returns public.reanalysis_runs
language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_calls bigint;
  v_run public.reanalysis_runs;
begin
  if not (p_tenant = any ((select private.my_editable_tenant_ids())::uuid[])) then
    raise exception 'only owners and managers of the organisation may re-analyse its calls'
      using errcode = '42501';
  end if;
  -- Two managers starting at once: the second waits here, then sees the first run.
  perform 1 from public.tenants where id = p_tenant for update;
  if exists (select 1 from public.jobs j
              where j.tenant_id = p_tenant and j.run_id is not null
                and j.state in ('queued', 'running')) then
    raise exception 'a re-analysis is already in progress' using errcode = '55000';
  end if;
  select e.calls into v_calls from public.reanalysis_estimate(p_tenant, p_from, p_to) e;
  if v_calls > 100000 then
    raise exception 'more than 100000 calls in the range' using errcode = '54000';
  end if;
  if v_calls = 0 then
    raise exception 'no call with a transcript in the range' using errcode = 'P0002';
  end if;
  insert into public.reanalysis_runs (tenant_id, from_day, to_day, total, estimated_cost_micros)
  values (p_tenant, p_from, p_to, v_calls, greatest(coalesce(p_estimated_cost_micros, 0), 0))
  returning * into v_run;
  -- Priority 1: live calls' jobs are claimed first (jobs.priority). A job still queued or
  -- running for a live call keeps its priority and joins the run.
  insert into public.jobs as j (tenant_id, kind, call_id, run_id, priority)
  select c.tenant_id, 'analyze', c.id, v_run.id, 1
    from public.calls c
   where c.tenant_id = p_tenant
     and c.started_at >= (p_from::timestamp at time zone 'UTC')
     and c.started_at < ((p_to + 1)::timestamp at time zone 'UTC')
     and exists (select 1 from public.transcripts t where t.tenant_id = c.tenant_id and t.call_id = c.id)
  on conflict (tenant_id, kind, call_id) do update set
    run_id = excluded.run_id,
    state = case when j.state in ('done', 'dead') then 'queued' else j.state end,
    attempts = case when j.state in ('done', 'dead') then 0 else j.attempts end,
    run_at = case when j.state in ('done', 'dead') then now() else j.run_at end,
    priority = case when j.state in ('done', 'dead') then 1 else j.priority end,
    last_error = case when j.state in ('done', 'dead') then null else j.last_error end,
    updated_at = now();
  perform pg_notify('converza_jobs', '');
  return v_run;
end
$$;
comment on function public.start_reanalysis(uuid, date, date, bigint) is 'Queues the analyze job of every call with a transcript in p_from..p_to under a new re-analysis run; owners and managers of the tenant only, one run at a time.';

revoke all on function public.start_reanalysis(uuid, date, date, bigint) from public, anon;
grant execute on function public.start_reanalysis(uuid, date, date, bigint) to authenticated, service_role;
