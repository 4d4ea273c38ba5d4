-- refresh_kpi_daily() selects one tenant's calls of one UTC day by
-- coalesce(started_at, created_at), which calls_tenant_started_idx cannot serve:
-- without this index every refresh scanned all of the tenant's calls (1M rows for a
-- large tenant, on every insight the worker writes).
create index calls_tenant_day_idx on public.calls (tenant_id, (coalesce(started_at, created_at)));
