-- Twilio credentials: the platform account (tenant_id null) and per-tenant
-- subaccounts. Used by webhooks to validate X-Twilio-Signature and by workers.

create table public.twilio_accounts (
  account_sid text primary key,
  tenant_id   uuid references public.tenants (id) on delete set null,
  auth_token  text not null,
  created_at  timestamptz not null default now()
);
create index twilio_accounts_tenant_id_idx on public.twilio_accounts (tenant_id);
comment on table public.twilio_accounts is 'Twilio account SIDs and auth tokens. Secrets: service_role only; deliberately no policy for authenticated, not even admin read, so no user JWT can ever reach a token.';

alter table public.twilio_accounts enable row level security;
alter table public.twilio_accounts force row level security;

revoke all on public.twilio_accounts from public, anon, authenticated;
grant all on public.twilio_accounts to service_role;
-- No policies: with RLS forced and no grants, only service_role (BYPASSRLS) reads it.
