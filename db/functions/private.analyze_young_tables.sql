-- Planner statistics for the tables a new database fills fastest (calls, jobs, and the insight,
-- lines, search document and tracker hits of each analysed call), taken each time they double rather than at
-- autovacuum's first visit, which comes a minute or more after the first rows. Doubling is
-- counted in live rows: counted in changes, as it first was, a call's six updates made calls
-- "double" every 15% of growth (11 ANALYZEs of calls, 0.7 s, in a 6,000-call pipeline bench).
-- Plans made before then are kept per connection, and they are wrong for a table that has grown:
-- - until a table has statistics PostgreSQL estimates it at ten pages, where every index on calls
--   looks as cheap as the primary key; the foreign-key check of jobs against calls, planned once
--   per connection, probed calls_tenant_agent_started_id_idx, reading every call of the tenant
--   for each job: webhooks ran 3x slower;
-- - a table planned while empty is read whole: the trigger that gives a call's lines (now its
--   search document) its new started_at (private.copy_call_to_children), planned before the
--   first transcript, scanned every line of the database for each recording webhook (half the
--   recording batch's time in the pipeline bench, docs/benchmarks.md); the insights' trigger
--   (private.apply_insight_overrides) read every insight to find the call's (over a quarter of
--   an insight's write at 6,000 calls).
-- ANALYZE invalidates such plans, as autovacuum's does. Tables past a million rows are left to
-- autovacuum, whose 10% threshold is then the right one.
--
-- Called by the recording webhook's flushers at most once a second per process
-- (src/webhooks/recording_batcher.cc). Security definer because ANALYZE needs the tables' owner;
-- it runs nothing a caller chooses.
create or replace function private.analyze_young_tables()
returns setof text
language plpgsql security definer set search_path = ''
as $$
declare
  t regclass;
begin
  foreach t in array array['public.calls'::regclass, 'public.jobs'::regclass,
                         'public.insights'::regclass, 'public.transcripts'::regclass,
                         'public.transcript_documents'::regclass,
                         'public.tracker_hits'::regclass] loop
    if exists (select from pg_catalog.pg_class c
                 join pg_catalog.pg_stat_user_tables s on s.relid = c.oid
                where c.oid = t and c.reltuples < 1000000
                  and case when c.reltuples < 0  -- never analysed: after its first 1,000 changes
                           then s.n_mod_since_analyze >= 1000
                           else s.n_live_tup >= greatest(1000, 2 * c.reltuples) end) then
      execute pg_catalog.format('analyze %s', t);
      return next t::text;
    end if;
  end loop;
end
$$;
comment on function private.analyze_young_tables() is 'ANALYZEs public.calls, public.jobs, public.insights, public.transcripts, public.transcript_documents and public.tracker_hits while they are under a million rows, after their first 1,000 changes and then each time their live rows double (at least 1,000); returns the tables it analysed.';

revoke all on function private.analyze_young_tables() from public, anon, authenticated;
grant execute on function private.analyze_young_tables() to service_role;
