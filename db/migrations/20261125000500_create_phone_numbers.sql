-- Twilio phone numbers provisioned for a tenant during onboarding.

create table public.phone_numbers (
  tenant_id           uuid not null references public.tenants (id) on delete cascade,
  id                  uuid not null default gen_random_uuid(),
  e164                text not null unique check (e164 ~ '^\+[1-9][0-9]{1,14}$'),
  twilio_sid          text unique,
  friendly_name       text,
  agent_id            uuid,
  status              text not null default 'active' check (status in ('active', 'released')),
  monthly_price_cents integer not null default 0 check (monthly_price_cents >= 0),
  created_at          timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, agent_id) references public.agents (tenant_id, id) on delete set null (agent_id)
);
create index phone_numbers_tenant_agent_idx on public.phone_numbers (tenant_id, agent_id);
comment on table public.phone_numbers is 'A tenant''s Twilio numbers (PN… sid); inbound calls ring agent_id. e164 is globally unique so the voice webhook finds the tenant by To.';

alter table public.phone_numbers enable row level security;
alter table public.phone_numbers force row level security;

revoke all on public.phone_numbers from public, anon, authenticated;
grant select, insert, update on public.phone_numbers to authenticated;
grant all on public.phone_numbers to service_role;

-- Managers see their numbers; admins see every tenant's.
create policy "Managers and admins can read phone numbers"
  on public.phone_numbers for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));

-- Onboarding provisions a number into the manager's own tenant.
create policy "Managers can add phone numbers to their tenant"
  on public.phone_numbers for insert to authenticated
  with check (tenant_id = any ((select private.my_tenant_ids())::uuid[]));

-- Managers reassign or release their own numbers, never into another tenant.
create policy "Managers can update their tenant's phone numbers"
  on public.phone_numbers for update to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]))
  with check (tenant_id = any ((select private.my_tenant_ids())::uuid[]));
