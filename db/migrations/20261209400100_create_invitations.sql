-- Team: a manager invites someone to the organisation as a manager or a viewer. Viewers read
-- everything their tenant's managers read and change nothing: the write policies of agents and
-- scripts now ask private.my_editable_tenant_ids() (owner or manager memberships), and
-- private.is_manager_of() no longer counts viewers (db/functions).

alter table public.members drop constraint members_role_check;
alter table public.members add constraint members_role_check
  check (role in ('owner', 'manager', 'viewer'));
comment on table public.members is 'Which users belong to which tenant, and as what: owners and managers read and edit the tenant''s data, viewers only read it.';

create function private.my_editable_tenant_ids()
returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(m.tenant_id), '{}')
  from public.members m
  where m.user_id = (select auth.uid()) and m.role in ('owner', 'manager')
$$;
comment on function private.my_editable_tenant_ids() is 'Tenant ids the current user may change (owner or manager); viewers'' tenants are left out.';
revoke all on function private.my_editable_tenant_ids() from public, anon;
grant execute on function private.my_editable_tenant_ids() to authenticated, service_role;

drop policy "Managers can add agents to their tenant" on public.agents;
drop policy "Managers can update their tenant's agents" on public.agents;
drop policy "Managers can delete their tenant's agents" on public.agents;
drop policy "Managers can add script versions to their tenant" on public.scripts;

-- Managers (not viewers) add agents to their own tenant only.
create policy "Managers can add agents to their tenant"
  on public.agents for insert to authenticated
  with check (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]));

-- Managers (not viewers) edit their own agents and cannot move one to another tenant.
create policy "Managers can update their tenant's agents"
  on public.agents for update to authenticated
  using (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]))
  with check (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]));

-- Managers (not viewers) remove their own agents.
create policy "Managers can delete their tenant's agents"
  on public.agents for delete to authenticated
  using (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]));

-- Managers (not viewers) edit the script by adding a version for their own tenant.
create policy "Managers can add script versions to their tenant"
  on public.scripts for insert to authenticated
  with check (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]));

create table public.invitations (
  tenant_id   uuid not null references public.tenants (id) on delete cascade,
  id          uuid not null default gen_random_uuid(),
  email       text not null check (email = lower(email) and length(email) <= 255
                                   and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  role        text not null check (role in ('manager', 'viewer')),
  -- SHA-256 (hex) of the secret in the accept link; the secret itself is only in the e-mail.
  token_hash  text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  invited_by  uuid not null default auth.uid() references auth.users (id) on delete cascade,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at  timestamptz,
  primary key (tenant_id, id)
);
-- One open invitation per address and organisation.
create unique index invitations_open_email_idx on public.invitations (tenant_id, email)
  where accepted_at is null and revoked_at is null;
comment on table public.invitations is 'Invitations to join a tenant as a manager or viewer. Created and revoked by the tenant''s managers; accepted through public.accept_invitation() by the invited address.';

alter table public.invitations enable row level security;
alter table public.invitations force row level security;

revoke all on public.invitations from public, anon, authenticated;
-- Not token_hash: a reader of the table must not be able to accept for someone else.
grant select (tenant_id, id, email, role, invited_by, created_at, expires_at, accepted_at,
              accepted_by, revoked_at) on public.invitations to authenticated;
grant insert (tenant_id, email, role, token_hash) on public.invitations to authenticated;
grant update (revoked_at) on public.invitations to authenticated;
grant all on public.invitations to service_role;

-- Everyone in the organisation (viewers too) sees who was invited; admins see all.
create policy "Members and admins can read their tenant's invitations"
  on public.invitations for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));

-- Managers (not viewers) invite to their own tenant, in their own name.
create policy "Managers can invite to their tenant"
  on public.invitations for insert to authenticated
  with check (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[])
              and invited_by = (select auth.uid()));

-- Managers (not viewers) revoke their tenant's open invitations.
create policy "Managers can revoke their tenant's open invitations"
  on public.invitations for update to authenticated
  using (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[])
         and accepted_at is null)
  with check (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]));
