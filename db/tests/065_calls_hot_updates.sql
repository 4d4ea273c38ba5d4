-- The pipeline's own updates of a call (its transcript's SID, then "analyzing" with the
-- transcript) can be HOT: no index of public.calls names a column they change, in its key, its
-- INCLUDE list, an expression or a predicate (migration 20261216100100). Counted with
-- pg_stat_get_xact_tuples_hot_updated (this transaction's HOT updates). stopped_at, which the
-- admin's outcome counts read instead of updated_at, is the time a call stopped short of an
-- insight and null otherwise.
begin;
\ir fixtures/two_tenants.psql
select plan(7);

\set call_a '''aaaaaaaa-ca11-4000-8000-000000000001'''

-- Every column an index of calls depends on, by name.
create temporary view indexed_columns as
select distinct a.attname::text as col
  from pg_index x
  join pg_attribute a on a.attrelid = x.indrelid and a.attnum > 0 and not a.attisdropped
 where x.indrelid = 'public.calls'::regclass
   and (a.attnum = any (x.indkey)
        or pg_get_expr(x.indexprs, x.indrelid) ~ ('\m' || a.attname || '\M')
        or pg_get_expr(x.indpred, x.indrelid) ~ ('\m' || a.attname || '\M'));

select is((select array_agg(col order by col) from indexed_columns
            where col in ('updated_at', 'pipeline_status', 'transcript_sid',
                          'transcript_requested_at', 'recording_peaks')),
          null, 'no index of calls depends on a column the pipeline''s own updates change');
select ok(exists (select from indexed_columns where col = 'stopped_at'),
          'the stopped calls are indexed by when they stopped');

select pg_stat_get_xact_tuples_hot_updated('public.calls'::regclass) as hot \gset
update public.calls set transcript_sid = 'GT' || repeat('0', 32), transcript_requested_at = now(),
                        updated_at = now()
 where id = :call_a;
update public.calls set pipeline_status = 'analyzing', updated_at = now(),
                        recording_peaks = '[0, 1]'
 where id = :call_a;
select is(pg_stat_get_xact_tuples_hot_updated('public.calls'::regclass) - :hot, 2::bigint,
          'the transcript''s SID and "analyzing" are both HOT updates');
select is((select stopped_at from public.calls where id = :call_a), null,
          'a call on its way to an insight has not stopped');

update public.calls set pipeline_status = 'failed', updated_at = '2026-08-12 10:05+00'
 where id = :call_a;
select is((select stopped_at from public.calls where id = :call_a),
          '2026-08-12 10:05+00'::timestamptz, 'a failed call stopped when it failed');
update public.calls set pipeline_status = 'not_analysed', not_analysed_reason = 'refused',
                        updated_at = '2026-08-12 10:06+00'
 where id = :call_a;
select is((select stopped_at from public.calls where id = :call_a),
          '2026-08-12 10:06+00'::timestamptz, 'so did one left without an insight');
update public.calls set pipeline_status = 'done', not_analysed_reason = null, updated_at = now()
 where id = :call_a;
select is((select stopped_at from public.calls where id = :call_a), null,
          'and a call analysed after all has not');

select * from finish();
rollback;
