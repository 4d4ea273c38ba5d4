-- Trackers: a tenant's named lists of phrases ("competitor mentioned": "cheaper elsewhere",
-- "other company"...) spotted in every analysed transcript (src/analysis/tracker_matcher.h).
-- The analyze stage stores each call's hits in the transaction that stores its insight; a
-- re-run over history is a `trackers` job per call (the pipeline's own queue), its progress
-- kept in tracker_runs.

create table public.trackers (
  tenant_id  uuid not null references public.tenants (id) on delete cascade,
  id         uuid not null default gen_random_uuid(),
  name       text not null check (length(btrim(name)) between 1 and 60),
  phrases    text[] not null check (cardinality(phrases) between 1 and 50),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, name)
);
comment on table public.trackers is 'A tenant''s keyword trackers: a name and the phrases that count as a hit.';

-- One row per call and tracker that hit: how often, and the first moment (for seeking).
create table public.tracker_hits (
  tenant_id  uuid not null,
  call_id    uuid not null,
  tracker_id uuid not null,
  hits       integer not null check (hits > 0),
  first_ms   integer not null check (first_ms >= 0),
  speaker    text not null check (speaker in ('agent', 'customer')),
  primary key (tenant_id, call_id, tracker_id),
  foreign key (tenant_id, call_id) references public.calls (tenant_id, id) on delete cascade,
  foreign key (tenant_id, tracker_id) references public.trackers (tenant_id, id) on delete cascade
);
-- The calls list's `tracker` filter and the dashboard's counts look calls up by tracker.
create index tracker_hits_tracker_idx on public.tracker_hits (tenant_id, tracker_id, call_id);
comment on table public.tracker_hits is 'Tracker hits per call (count, first moment in ms, speaker of the first hit); written by the pipeline only.';

-- The tenant's latest re-run of its trackers over past calls: `done` of `total` calls.
create table public.tracker_runs (
  tenant_id    uuid primary key references public.tenants (id) on delete cascade,
  requested_at timestamptz not null default now(),
  total        integer not null check (total >= 0),
  done         integer not null default 0 check (done >= 0),
  finished_at  timestamptz
);
comment on table public.tracker_runs is 'Progress of the tenant''s latest re-run of trackers over its past calls (one trackers job per call).';

alter table public.trackers enable row level security;
alter table public.trackers force row level security;
alter table public.tracker_hits enable row level security;
alter table public.tracker_hits force row level security;
alter table public.tracker_runs enable row level security;
alter table public.tracker_runs force row level security;

-- Column grants (db/tests/030_grants_by_column.sql): managers write a tracker's name and
-- phrases; hits and runs are written by the pipeline and public.rerun_trackers() only.
revoke all on public.trackers, public.tracker_hits, public.tracker_runs from public, anon, authenticated;
grant select, delete on public.trackers to authenticated;
grant insert (tenant_id, name, phrases) on public.trackers to authenticated;
grant update (name, phrases, updated_at) on public.trackers to authenticated;
grant select on public.tracker_hits, public.tracker_runs to authenticated;
grant all on public.trackers, public.tracker_hits, public.tracker_runs to service_role;

create policy "Members and admins can read their tenant's trackers"
  on public.trackers for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));
create policy "Managers can create trackers for their tenant"
  on public.trackers for insert to authenticated
  with check (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]));
create policy "Managers can change their tenant's trackers"
  on public.trackers for update to authenticated
  using (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]))
  with check (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]));
create policy "Managers can delete their tenant's trackers"
  on public.trackers for delete to authenticated
  using (tenant_id = any ((select private.my_editable_tenant_ids())::uuid[]));

create policy "Members and admins can read their tenant's tracker hits"
  on public.tracker_hits for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));

create policy "Members and admins can read their tenant's tracker runs"
  on public.tracker_runs for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));

-- The queue gains the re-run's kind.
alter table public.jobs drop constraint jobs_kind_check;
alter table public.jobs add constraint jobs_kind_check
  check (kind in ('transcribe', 'analyze', 'trackers'));
