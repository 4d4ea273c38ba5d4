-- A policy helper (see private.my_tenant_ids.sql for why security definer and search_path = '').
-- The role comes from app_metadata, which only the server writes; user_metadata is never trusted.
create or replace function private.is_admin()
returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((select auth.jwt()) -> 'app_metadata' ->> 'role' = 'admin', false)
$$;
comment on function private.is_admin() is 'True when the JWT carries app_metadata.role = admin (server-controlled; user_metadata is never trusted).';

revoke all on function private.is_admin() from public, anon;
grant execute on function private.is_admin() to authenticated, service_role;
