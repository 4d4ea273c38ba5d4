-- `authenticated` keeps exactly the writes the API's own queries make as the signed-in user,
-- column by column. RLS says which rows a manager may touch, not which columns: wherever a
-- user's token also reaches PostgREST (a Supabase deployment signing with the project's JWT
-- secret), a table-wide grant let a manager write anything in their rows — claim an unowned
-- number into their tenant, change its price or status, or point its twilio_sid at another
-- tenant's number and then release that number through our API. Writes to columns the platform
-- owns now go through the server's own connection, after the server checked who may (see
-- src/api/numbers.cc). What remains for `authenticated`:
--
--   every table it could read:   select (RLS picks the rows)
--   agents                       insert (tenant_id, name, phone, email),
--                                update (name, phone, email, active), delete   (api/agents.cc)
--   scripts                      insert (tenant_id, version, items)            (api/scripts.cc)
--
-- and nothing else (db/tests/030_grants_by_column.sql lists every privilege it holds).

-- phone_numbers: read-only to users. Buying and releasing write e164, twilio_sid, status,
-- monthly_price_cents and tenant_id, which the server does once it has checked membership and
-- (for a purchase) ownership, quota and country. The policies for the writes go with the grants.
revoke insert, update on public.phone_numbers from authenticated;
drop policy "Managers can add phone numbers to their tenant" on public.phone_numbers;
drop policy "Managers can update their tenant's phone numbers" on public.phone_numbers;

-- agents: the fields of the API's body. Not id (generated), created_at (when it was added) or,
-- for an update, tenant_id (an agent stays in its tenant; the with-check policy already refused
-- other tenants, now the column is not writable at all).
revoke insert, update on public.agents from authenticated;
grant insert (tenant_id, name, phone, email) on public.agents to authenticated;
grant update (name, phone, email, active) on public.agents to authenticated;

-- scripts: a new version of the checklist. created_by is not the user's to choose: it defaults
-- to auth.uid(), so a version always names who really wrote it.
revoke insert on public.scripts from authenticated;
grant insert (tenant_id, version, items) on public.scripts to authenticated;

-- jobs: `update` was granted only so that retry_dead_job(), running as the invoker, could
-- requeue a dead job for an admin; it also let an admin's token rewrite any column of any job
-- (its call, its tenant, its state) through PostgREST. The function now runs as its owner and
-- checks the admin claim itself; users update no job directly. Callers that are not users (the
-- service role, the database owner without claims, as in the fault tests) may still retry.
revoke update on public.jobs from authenticated;
drop policy "Admins can update jobs" on public.jobs;

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
