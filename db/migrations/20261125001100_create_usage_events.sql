-- Usage events: what each tenant costs us at OpenAI and Twilio.

create table public.usage_events (
  tenant_id   uuid not null references public.tenants (id) on delete cascade,
  id          bigint generated always as identity,
  at          timestamptz not null default now(),
  provider    text not null check (provider in ('openai', 'twilio')),
  -- prompt_tokens, completion_tokens, call_minutes, recording_minutes, transcription_minutes, number_month
  unit        text not null,
  quantity    numeric not null,
  cost_micros bigint not null default 0,    -- USD millionths
  call_id     uuid,                         -- no FK: cost history outlives deleted calls
  meta        jsonb,
  primary key (tenant_id, id)
);
create index usage_events_tenant_at_idx on public.usage_events (tenant_id, at);
comment on table public.usage_events is 'Metered provider usage and its cost in USD micros, for the admin margin view. Managers must not see it.';

alter table public.usage_events enable row level security;
alter table public.usage_events force row level security;

revoke all on public.usage_events from public, anon, authenticated;
revoke all on sequence public.usage_events_id_seq from public, anon, authenticated;
grant select on public.usage_events to authenticated;
grant all on public.usage_events to service_role;
grant all on sequence public.usage_events_id_seq to service_role;

-- Only admins see what we pay providers; managers have no policy.
create policy "Admins can read all usage events"
  on public.usage_events for select to authenticated
  using ((select private.is_admin()));
