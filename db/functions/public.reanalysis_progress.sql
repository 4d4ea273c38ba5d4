-- The tenant's latest re-analysis runs with their progress, counted from the jobs they queued
-- (which users cannot read): done, failed (dead-lettered) and whether any is still to run. A
-- job re-armed by a later run counts for that run only. For the tenant's members and admins;
-- anyone else gets no rows.
create or replace function public.reanalysis_progress(p_tenant uuid, p_limit integer)
returns table (id uuid, from_day date, to_day date, total integer, estimated_cost_micros bigint,
               requested_at timestamptz, done bigint, failed bigint, finished boolean)
language sql stable security definer set search_path = ''
as $$
  select r.id, r.from_day, r.to_day, r.total, r.estimated_cost_micros, r.requested_at,
         coalesce(p.done, 0), coalesce(p.failed, 0), coalesce(p.pending, 0) = 0
    from public.reanalysis_runs r
    left join lateral (
      select count(*) filter (where j.state = 'done') as done,
             count(*) filter (where j.state = 'dead') as failed,
             count(*) filter (where j.state in ('queued', 'running')) as pending
        from public.jobs j where j.tenant_id = r.tenant_id and j.run_id = r.id) p on true
   where r.tenant_id = p_tenant
     and (p_tenant = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()))
   order by r.requested_at desc
   limit least(greatest(p_limit, 1), 50)
$$;
comment on function public.reanalysis_progress(uuid, integer) is 'The tenant''s latest re-analysis runs with done/failed counts from their jobs; members and admins only.';

revoke all on function public.reanalysis_progress(uuid, integer) from public, anon;
grant execute on function public.reanalysis_progress(uuid, integer) to authenticated, service_role;
