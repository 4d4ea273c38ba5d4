-- Scripts: the per-tenant call checklist, versioned; the highest version is current.

create table public.scripts (
  tenant_id  uuid not null references public.tenants (id) on delete cascade,
  version    integer not null check (version >= 1),
  items      jsonb not null check (jsonb_typeof(items) = 'array'),   -- [{key, label, description}]
  created_by uuid default auth.uid(),
  created_at timestamptz not null default now(),
  primary key (tenant_id, version)
);
comment on table public.scripts is 'Versioned call-script checklist per tenant; append-only, the latest version is current. Insights record which items were met.';

alter table public.scripts enable row level security;
alter table public.scripts force row level security;

revoke all on public.scripts from public, anon, authenticated;
grant select, insert on public.scripts to authenticated;
grant all on public.scripts to service_role;

-- Managers read their tenant's script versions; admins read all.
create policy "Managers and admins can read scripts"
  on public.scripts for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));

-- Managers edit the script by adding a new version for their own tenant.
create policy "Managers can add script versions to their tenant"
  on public.scripts for insert to authenticated
  with check (tenant_id = any ((select private.my_tenant_ids())::uuid[]));
