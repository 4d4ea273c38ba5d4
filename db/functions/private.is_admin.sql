-- A policy helper (see private.my_tenant_ids.sql for why security definer, search_path = '' and
-- PL/pgSQL).
-- The role comes from app_metadata, which only the server writes; user_metadata is never trusted.
create or replace function private.is_admin()
returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  return coalesce((select auth.jwt()) -> 'app_metadata' ->> 'role' = 'admin', false);
end
$$;
comment on function private.is_admin() is 'True when the JWT carries app_metadata.role = admin (server-controlled; user_metadata is never trusted).';

revoke all on function private.is_admin() from public, anon;
grant execute on function private.is_admin() to authenticated, service_role;
