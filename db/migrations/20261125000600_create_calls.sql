-- Calls: one row per recorded Twilio call, written by the recording webhook.

create table public.calls (
  tenant_id            uuid not null references public.tenants (id) on delete cascade,
  id                   uuid not null default gen_random_uuid(),
  call_sid             text not null,
  recording_sid        text,
  account_sid          text,
  agent_id             uuid,
  from_number          text,
  to_number            text,
  direction            text,
  call_status          text,
  duration_s           integer check (duration_s >= 0),
  recording_url        text,
  recording_duration_s integer check (recording_duration_s >= 0),
  recording_channels   integer check (recording_channels in (1, 2)),
  started_at           timestamptz,
  pipeline_status      text not null default 'received'
                       check (pipeline_status in ('received', 'transcribing', 'analyzing', 'done', 'failed')),
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  primary key (tenant_id, id),
  -- Twilio retries webhooks: these make the upsert idempotent (ON CONFLICT (call_sid)).
  unique (call_sid),
  unique (recording_sid),
  foreign key (tenant_id, agent_id) references public.agents (tenant_id, id) on delete set null (agent_id)
);
create index calls_tenant_started_idx on public.calls (tenant_id, started_at desc);
create index calls_tenant_agent_started_idx on public.calls (tenant_id, agent_id, started_at desc);
comment on table public.calls is 'A recorded call (Twilio CallSid/RecordingSid) and where it is in the pipeline. updated_at is set by writers.';

alter table public.calls enable row level security;
alter table public.calls force row level security;

revoke all on public.calls from public, anon, authenticated;
grant select on public.calls to authenticated;
grant all on public.calls to service_role;

-- Managers see their tenant's calls; admins see every tenant's. Writes are service_role only.
create policy "Managers and admins can read calls"
  on public.calls for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));
