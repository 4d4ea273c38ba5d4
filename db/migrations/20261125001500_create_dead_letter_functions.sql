-- Dead letters for admins: list them and send one back to the queue. Both run as the caller
-- (security invoker), so the jobs table's RLS decides: only the admin claim sees or updates
-- jobs; for anyone else the list is empty and a retry changes nothing and returns false.

create function public.dead_jobs(p_limit integer default 100)
returns table (tenant_id uuid, id bigint, kind text, call_id uuid, attempts integer,
               last_error text, updated_at timestamptz)
language sql stable security invoker set search_path = ''
as $$
  select j.tenant_id, j.id, j.kind, j.call_id, j.attempts, j.last_error, j.updated_at
    from public.jobs j
   where j.state = 'dead'
   order by j.updated_at desc
   limit least(greatest(p_limit, 1), 1000);
$$;
comment on function public.dead_jobs(integer) is 'Dead-lettered pipeline jobs, newest first (admins; RLS applies).';

-- A fresh attempt budget, due now. Returns false when the job is not dead (or not visible).
create function public.retry_dead_job(p_tenant uuid, p_job bigint)
returns boolean
language sql volatile security invoker set search_path = ''
as $$
  with r as (
    update public.jobs
       set state = 'queued', attempts = 0, run_at = now(), last_error = null,
           lease_until = null, locked_by = null, updated_at = now()
     where tenant_id = p_tenant and id = p_job and state = 'dead'
    returning 1)
  select exists (select 1 from r);
$$;
comment on function public.retry_dead_job(uuid, bigint) is 'Sends a dead-lettered job back to the queue (admins; RLS applies).';

revoke all on function public.dead_jobs(integer) from public, anon;
revoke all on function public.retry_dead_job(uuid, bigint) from public, anon;
grant execute on function public.dead_jobs(integer) to authenticated, service_role;
grant execute on function public.retry_dead_job(uuid, bigint) to authenticated, service_role;
