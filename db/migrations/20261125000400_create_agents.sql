-- Agents: the people who take calls. Data only; they do not log in.

create table public.agents (
  tenant_id  uuid not null references public.tenants (id) on delete cascade,
  id         uuid not null default gen_random_uuid(),
  name       text not null,
  phone      text not null check (phone ~ '^\+[1-9][0-9]{1,14}$'),
  email      text,
  active     boolean not null default true,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
comment on table public.agents is 'A tenant''s phone agents (E.164 phone); calls are dialled through to them and KPIs are grouped by them.';

alter table public.agents enable row level security;
alter table public.agents force row level security;

revoke all on public.agents from public, anon, authenticated;
grant select, insert, update, delete on public.agents to authenticated;
grant all on public.agents to service_role;

-- Managers see their agents; admins see every tenant's.
create policy "Managers and admins can read agents"
  on public.agents for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));

-- Managers add agents to their own tenant only.
create policy "Managers can add agents to their tenant"
  on public.agents for insert to authenticated
  with check (tenant_id = any ((select private.my_tenant_ids())::uuid[]));

-- Managers edit their own agents and cannot move one to another tenant.
create policy "Managers can update their tenant's agents"
  on public.agents for update to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]))
  with check (tenant_id = any ((select private.my_tenant_ids())::uuid[]));

-- Managers remove their own agents.
create policy "Managers can delete their tenant's agents"
  on public.agents for delete to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]));
