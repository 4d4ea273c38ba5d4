-- Dead-lettered pipeline jobs for admins, newest first. Runs as the caller (security invoker), so
-- the jobs table's RLS decides: only the admin claim sees jobs; for anyone else the list is empty.
create or replace function public.dead_jobs(p_limit integer default 100)
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

revoke all on function public.dead_jobs(integer) from public, anon;
grant execute on function public.dead_jobs(integer) to authenticated, service_role;
