-- A dead-lettered job back to the queue with a fresh attempt budget, due now. Runs as its owner
-- and checks the admin claim itself, so users need no update privilege on jobs. Callers that are
-- not users (the service role, the database owner without claims) may retry too. False when the
-- job is not dead, or the caller is a user who is not an admin.
create or replace function public.retry_dead_job(p_tenant uuid, p_job bigint)
returns boolean
language sql volatile security definer set search_path = ''
as $$
  with r as (
    update public.jobs
       set state = 'queued', attempts = 0, run_at = now(), last_error = null,
           lease_until = null, locked_by = null, updated_at = now()
     where tenant_id = p_tenant and id = p_job and state = 'dead'
       and (coalesce((select auth.role()), '') <> 'authenticated' or (select private.is_admin()))
    returning 1)
  select exists (select 1 from r);
$$;
comment on function public.retry_dead_job(uuid, bigint) is 'Sends a dead-lettered job back to the queue. Users must be admins (checked from the JWT claims); false for other users or a job that is not dead.';

revoke all on function public.retry_dead_job(uuid, bigint) from public, anon;
grant execute on function public.retry_dead_job(uuid, bigint) to authenticated, service_role;
