-- A policy helper (see private.my_tenant_ids.sql for why security definer and search_path = '').
create or replace function private.is_manager_of(tenant uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.members m
    where m.tenant_id = tenant and m.user_id = (select auth.uid())
      and m.role in ('owner', 'manager')
  )
$$;
comment on function private.is_manager_of(uuid) is 'True when the current user may change the tenant''s data: an owner or manager (not a viewer).';

revoke all on function private.is_manager_of(uuid) from public, anon;
grant execute on function private.is_manager_of(uuid) to authenticated, service_role;
