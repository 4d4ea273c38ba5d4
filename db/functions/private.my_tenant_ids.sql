-- The helpers every tenant policy calls live in `private`, which the API does not expose. They are
-- security definer so that reading public.members is not itself subject to RLS (no policy
-- recursion), with search_path = '' so every name is schema-qualified and cannot be hijacked.
-- They are PL/pgSQL, whose statements are planned once per session: a SQL function this one
-- cannot be inlined (security definer), so its body was parsed and planned at every use, and
-- every table a query reads under RLS uses it and is_admin() once (a calls-list page: 11 times).
-- A pair of calls took 95 us as SQL and 28 us as PL/pgSQL (docs/benchmarks.md, 2026-12-07).
create or replace function private.my_tenant_ids()
returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (select coalesce(array_agg(m.tenant_id), '{}')
            from public.members m
           where m.user_id = (select auth.uid()));
end
$$;
comment on function private.my_tenant_ids() is 'Tenant ids the current user (auth.uid()) is a member of; empty when none or anonymous.';

revoke all on function private.my_tenant_ids() from public, anon;
grant execute on function private.my_tenant_ids() to authenticated, service_role;
