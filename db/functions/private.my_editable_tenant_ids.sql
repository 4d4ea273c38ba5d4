-- A policy helper (see private.my_tenant_ids.sql for why security definer, search_path = '' and
-- PL/pgSQL):
-- the tenants whose data the caller may change. Viewers read (my_tenant_ids) but do not write.
create or replace function private.my_editable_tenant_ids()
returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (select coalesce(array_agg(m.tenant_id), '{}')
            from public.members m
           where m.user_id = (select auth.uid()) and m.role in ('owner', 'manager'));
end
$$;
comment on function private.my_editable_tenant_ids() is 'Tenant ids the current user may change (owner or manager); viewers'' tenants are left out.';

revoke all on function private.my_editable_tenant_ids() from public, anon;
grant execute on function private.my_editable_tenant_ids() to authenticated, service_role;
