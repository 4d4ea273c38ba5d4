-- Request counts behind the per-IP and per-tenant rate limits, shared by every `converza serve`
-- on this database so that N servers behind a balancer still give a client one budget
-- (src/api/shared_rate_limits.h). One row per (scope, key, minute); each server adds its counts
-- in batches through private.share_rate_usage and never per request.
--
-- Unlogged: counts a minute old are worthless, so they are not worth a WAL write; after a
-- crash the table comes back empty and every budget starts full, the same as a restart of a
-- single server did before.
create unlogged table private.rate_counters (
  scope text not null check (scope in ('ip', 'tenant')),
  key text not null check (length(key) between 1 and 200),
  window_start timestamptz not null,
  hits bigint not null check (hits >= 0),
  primary key (scope, key, window_start)
);
comment on table private.rate_counters is 'Requests per client IP or tenant per minute, summed over all API servers (rate limits).';

alter table private.rate_counters enable row level security;
alter table private.rate_counters force row level security;
revoke all on table private.rate_counters from public, anon, authenticated, service_role;
