-- A policy helper (see private.my_tenant_ids.sql for why security definer and search_path = '').
create or replace function private.is_manager_of(tenant uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.members m
    where m.tenant_id = tenant and m.user_id = (select auth.uid())
  )
$$;
comment on function private.is_manager_of(uuid) is 'True when the current user is a member (owner or manager) of the tenant.';

revoke all on function private.is_manager_of(uuid) from public, anon;
grant execute on function private.is_manager_of(uuid) to authenticated, service_role;
