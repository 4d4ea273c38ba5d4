-- Jobs: the durable pipeline queue (claimed with FOR UPDATE SKIP LOCKED and a lease).

create table public.jobs (
  tenant_id    uuid not null references public.tenants (id) on delete cascade,
  id           bigint generated always as identity,
  kind         text not null check (kind in ('transcribe', 'analyze')),
  call_id      uuid not null,
  state        text not null default 'queued' check (state in ('queued', 'running', 'done', 'dead')),
  attempts     integer not null default 0,
  max_attempts integer not null default 5,
  run_at       timestamptz not null default now(),
  lease_until  timestamptz,
  locked_by    text,
  last_error   text,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  primary key (tenant_id, id),
  -- A stage is enqueued once per call: webhook retries are ON CONFLICT DO NOTHING.
  unique (tenant_id, kind, call_id),
  foreign key (tenant_id, call_id) references public.calls (tenant_id, id) on delete cascade
);
-- The queue indexes deliberately do NOT lead with tenant_id: workers claim the
-- oldest due job across all tenants. Partial, so they stay as small as the backlog.
create index jobs_queued_run_at_idx on public.jobs (run_at) where state = 'queued';
create index jobs_running_lease_idx on public.jobs (lease_until) where state = 'running';
comment on table public.jobs is 'Pipeline work items (transcribe, analyze) with retries, leases and dead-lettering; admins inspect and retry dead jobs. updated_at is set by writers.';

alter table public.jobs enable row level security;
alter table public.jobs force row level security;

revoke all on public.jobs from public, anon, authenticated;
revoke all on sequence public.jobs_id_seq from public, anon, authenticated;
grant select, update on public.jobs to authenticated;
grant all on public.jobs to service_role;
grant all on sequence public.jobs_id_seq to service_role;

-- Admins watch pipeline health across tenants. Managers have no policy: they never see jobs.
create policy "Admins can read all jobs"
  on public.jobs for select to authenticated
  using ((select private.is_admin()));

-- Admins retry dead-lettered jobs (set state back to queued).
create policy "Admins can update jobs"
  on public.jobs for update to authenticated
  using ((select private.is_admin()))
  with check ((select private.is_admin()));
