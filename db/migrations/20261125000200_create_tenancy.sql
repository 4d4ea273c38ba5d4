-- Tenancy: tenants, their members (auth.users <-> tenant), and the private
-- helper functions every tenant policy calls.

create table public.tenants (
  id               uuid primary key default gen_random_uuid(),
  name             text not null,
  slug             text not null unique,
  plan             text not null default 'starter',
  plan_price_cents integer not null default 0 check (plan_price_cents >= 0),
  created_at       timestamptz not null default now()
);
comment on table public.tenants is 'A customer company. plan_price_cents is the monthly revenue we bill it (margin = revenue - usage_events cost).';

create table public.members (
  tenant_id  uuid not null references public.tenants (id) on delete cascade,
  user_id    uuid not null references auth.users (id) on delete cascade,
  role       text not null default 'manager' check (role in ('owner', 'manager')),
  created_at timestamptz not null default now(),
  primary key (tenant_id, user_id)
);
-- Policies look members up by user, not by tenant.
create index members_user_id_idx on public.members (user_id);
comment on table public.members is 'Which users manage which tenant. Owners and managers have the same data access.';

alter table public.tenants enable row level security;
alter table public.tenants force row level security;
alter table public.members enable row level security;
alter table public.members force row level security;

-- Helpers live in a schema PostgREST does not expose. security definer so the
-- lookup of public.members is not itself subject to RLS (no policy recursion);
-- search_path = '' so every name is schema-qualified and cannot be hijacked.
create schema if not exists private;
comment on schema private is 'Not exposed over the API: security-definer helpers used by RLS policies.';
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

create function private.my_tenant_ids()
returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(m.tenant_id), '{}')
  from public.members m
  where m.user_id = (select auth.uid())
$$;
comment on function private.my_tenant_ids() is 'Tenant ids the current user (auth.uid()) is a member of; empty when none or anonymous.';

create function private.is_admin()
returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((select auth.jwt()) -> 'app_metadata' ->> 'role' = 'admin', false)
$$;
comment on function private.is_admin() is 'True when the JWT carries app_metadata.role = admin (server-controlled; user_metadata is never trusted).';

create function private.is_manager_of(tenant uuid)
returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.members m
    where m.tenant_id = tenant and m.user_id = (select auth.uid())
  )
$$;
comment on function private.is_manager_of(uuid) is 'True when the current user is a member (owner or manager) of the tenant.';

revoke all on function private.my_tenant_ids() from public, anon;
revoke all on function private.is_admin() from public, anon;
revoke all on function private.is_manager_of(uuid) from public, anon;
grant execute on function private.my_tenant_ids() to authenticated, service_role;
grant execute on function private.is_admin() to authenticated, service_role;
grant execute on function private.is_manager_of(uuid) to authenticated, service_role;

-- Grants: Supabase's default privileges hand everything to anon/authenticated,
-- so start from nothing and grant back only what the policies allow.
revoke all on public.tenants, public.members from public, anon, authenticated;
grant select on public.tenants, public.members to authenticated;
grant all on public.tenants, public.members to service_role;

-- Managers see their own tenant; admins see every tenant.
create policy "Managers and admins can read tenants"
  on public.tenants for select to authenticated
  using (id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));

-- Managers see who else manages their tenant; admins see every membership.
create policy "Managers and admins can read members"
  on public.members for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));
