-- A policy helper (see private.my_tenant_ids.sql for why security definer, search_path = '' and
-- PL/pgSQL).
create or replace function private.is_manager_of(tenant uuid)
returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return exists (
    select 1 from public.members m
    where m.tenant_id = tenant and m.user_id = (select auth.uid())
      and m.role in ('owner', 'manager')
  );
end
$$;
comment on function private.is_manager_of(uuid) is 'True when the current user may change the tenant''s data: an owner or manager (not a viewer).';

revoke all on function private.is_manager_of(uuid) from public, anon;
grant execute on function private.is_manager_of(uuid) to authenticated, service_role;
