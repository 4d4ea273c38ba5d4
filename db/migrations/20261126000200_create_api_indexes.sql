-- Indexes for the REST API's reads, so they stay index scans at millions of calls.

-- Calls list: keyset pagination on (started_at, id) within a tenant, optionally one agent's.
-- They replace the (…, started_at desc) indexes, which could not break ties by id.
create index calls_tenant_started_id_idx on public.calls (tenant_id, started_at, id);
create index calls_tenant_agent_started_id_idx on public.calls (tenant_id, agent_id, started_at, id);
drop index public.calls_tenant_started_idx;
drop index public.calls_tenant_agent_started_idx;

-- Admin pipeline health: calls that failed recently, dead letters (dead_jobs() orders by
-- updated_at), and insights written in the last hour (latency). Small or append-ordered.
create index calls_failed_updated_idx on public.calls (updated_at) where pipeline_status = 'failed';
create index jobs_dead_updated_idx on public.jobs (updated_at) where state = 'dead';
create index insights_created_at_idx on public.insights (created_at);

-- Admin usage and margin read every tenant's usage of a period.
create index usage_events_at_idx on public.usage_events (at);
