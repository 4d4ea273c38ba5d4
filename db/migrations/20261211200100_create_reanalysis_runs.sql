-- Re-analysis: when the call script or the analyzer changes, a manager re-runs the analysis of a
-- date range's calls. Each insight records what produced it (analyzer and model were already
-- there; now the script version and when), and each run is a row whose progress is the state of
-- the analyze jobs it queued (jobs.run_id). Runs are started only through
-- public.start_reanalysis() (db/functions/public.start_reanalysis.sql), which checks the caller
-- may edit the tenant, caps the range and the count and refuses a second run while one is going.

alter table public.insights
  add column script_version integer,
  add column analyzed_at timestamptz;
update public.insights set analyzed_at = created_at;
alter table public.insights
  alter column analyzed_at set default now(),
  alter column analyzed_at set not null;
comment on column public.insights.script_version is 'The scripts.version the call was scored against; null = the built-in default checklist.';
comment on column public.insights.analyzed_at is 'When the analyzer last wrote this insight (first analysis or a re-analysis).';

alter table public.jobs add column run_id uuid;
comment on column public.jobs.run_id is 'The re-analysis run (public.reanalysis_runs.id) that queued this job last; null for the pipeline''s own jobs.';
-- Progress and "a run is in progress" look up the jobs of runs only: a small partial index.
create index jobs_run_idx on public.jobs (tenant_id, run_id, state) where run_id is not null;

-- Background work waits for live calls: a re-analysis queues up to 100,000 jobs at once, and in
-- run_at order a call that arrives after them would wait for all of them. Workers claim by
-- (priority, run_at): 0 is the pipeline's own work on new calls (and what a webhook queues),
-- 1 is background work queued over past calls (re-analysis runs, tracker re-runs), which runs
-- whenever no live job is due. The claim's index follows that order.
alter table public.jobs add column priority smallint not null default 0 check (priority in (0, 1));
comment on column public.jobs.priority is 'Claim order before run_at: 0 live pipeline work, 1 background work over past calls (re-analysis, tracker re-runs).';
drop index public.jobs_queued_run_at_idx;
create index jobs_queued_priority_run_at_idx on public.jobs (priority, run_at) where state = 'queued';

create table public.reanalysis_runs (
  tenant_id             uuid not null references public.tenants (id) on delete cascade,
  id                    uuid not null default gen_random_uuid(),
  from_day              date not null,
  to_day                date not null,
  total                 integer not null check (total >= 0),
  estimated_cost_micros bigint not null default 0 check (estimated_cost_micros >= 0),
  requested_by          uuid default auth.uid(),
  requested_at          timestamptz not null default now(),
  primary key (tenant_id, id),
  check (to_day >= from_day and to_day - from_day < 366)
);
create index reanalysis_runs_requested_idx on public.reanalysis_runs (tenant_id, requested_at desc);
comment on table public.reanalysis_runs is 'A manager''s re-analysis of a date range of calls: how many were queued and the estimated OpenAI cost; progress is the state of jobs with this run_id.';

alter table public.reanalysis_runs enable row level security;
alter table public.reanalysis_runs force row level security;

-- Read only: runs are written by public.start_reanalysis() as its owner.
revoke all on public.reanalysis_runs from public, anon, authenticated;
grant select on public.reanalysis_runs to authenticated;
grant all on public.reanalysis_runs to service_role;

-- Every member of the tenant (viewers too) sees its runs; admins see all.
create policy "Members and admins can read their tenant's re-analysis runs"
  on public.reanalysis_runs for select to authenticated
  using (tenant_id = any ((select private.my_tenant_ids())::uuid[]) or (select private.is_admin()));
