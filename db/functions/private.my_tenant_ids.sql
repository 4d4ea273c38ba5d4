-- The helpers every tenant policy calls live in `private`, which the API does not expose. They are
-- security definer so that reading public.members is not itself subject to RLS (no policy
-- recursion), with search_path = '' so every name is schema-qualified and cannot be hijacked.
create or replace function private.my_tenant_ids()
returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(m.tenant_id), '{}')
  from public.members m
  where m.user_id = (select auth.uid())
$$;
comment on function private.my_tenant_ids() is 'Tenant ids the current user (auth.uid()) is a member of; empty when none or anonymous.';

revoke all on function private.my_tenant_ids() from public, anon;
grant execute on function private.my_tenant_ids() to authenticated, service_role;
