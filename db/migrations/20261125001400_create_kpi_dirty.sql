-- Tenant-days whose KPI rollup is stale. The analyze stage marks a day here (cheap, no lock
-- held for long); workers refresh each marked day at most once a second. Recomputing the day in
-- every analyze transaction instead serialised all workers of a tenant on that day and cost
-- O(calls that day) per call. Kept in `private`: not exposed through the API.

create table private.kpi_dirty (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  day       date not null,
  primary key (tenant_id, day)
);
comment on table private.kpi_dirty is 'Tenant-days waiting for refresh_kpi_daily(); written by the analyze stage, drained by workers.';

revoke all on private.kpi_dirty from public, anon, authenticated;
grant all on private.kpi_dirty to service_role;
