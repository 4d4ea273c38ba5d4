-- One trigger function, private.copy_call_to_children (migrations 20261215100100,
-- 20261220100100), keeps the copies a call's children carry: started_at and sort_* on
-- transcript_documents (063, 068) and tracker_hits (062). A call's update runs it once, for both
-- tables, and only when a copied column changes. Counted with
-- pg_stat_xact_user_functions (this transaction's calls), and by whether a child row got a new
-- version (its ctid).
begin;
\ir fixtures/two_tenants.psql
select plan(12);
set local track_functions = 'pl';

\set tenant_a '''aaaaaaaa-0000-4000-8000-000000000000'''
\set call_a '''aaaaaaaa-ca11-4000-8000-000000000001'''

create temporary view children as
select 'transcript_documents' as child, d.ctid::text as version,
       (d.started_at, d.sort_ai_score, d.sort_upsell_cents, d.sort_sentiment, d.sort_duration_s)
         = (c.started_at, c.sort_ai_score, c.sort_upsell_cents, c.sort_sentiment, c.sort_duration_s) as same
  from public.transcript_documents d join public.calls c on c.tenant_id = d.tenant_id and c.id = d.call_id
 where d.call_id = 'aaaaaaaa-ca11-4000-8000-000000000001'
union all
select 'tracker_hits', h.ctid::text,
       (h.started_at, h.sort_ai_score, h.sort_upsell_cents, h.sort_sentiment, h.sort_duration_s)
         = (c.started_at, c.sort_ai_score, c.sort_upsell_cents, c.sort_sentiment, c.sort_duration_s)
  from public.tracker_hits h join public.calls c on c.tenant_id = h.tenant_id and c.id = h.call_id
 where h.call_id = 'aaaaaaaa-ca11-4000-8000-000000000001';
create function pg_temp.copies_run() returns bigint language sql as $$
  select coalesce(sum(calls), 0) from pg_stat_xact_user_functions
   where schemaname = 'private' and funcname = 'copy_call_to_children'
$$;
create temporary table seen as select * from children;

select is((select count(*)::int from children where same), 2,
          'call A''s search document and its one hit carry its values');

-- Neither a copied column nor any other listed column changes: the trigger does not fire.
select pg_temp.copies_run() as runs \gset
update public.calls set call_status = 'completed', started_at = started_at, duration_s = duration_s
 where id = :call_a;
select is(pg_temp.copies_run() - :runs, 0::bigint,
          'an update that changes no copied column does not run the copy');
select set_eq('select child, version from children', 'select child, version from seen',
              'and rewrites no child');

-- A sort key changes, not the start: the hit and the document follow.
select pg_temp.copies_run() as runs \gset
update public.calls set duration_s = duration_s + 30 where id = :call_a;
select is(pg_temp.copies_run() - :runs, 1::bigint, 'a new duration runs the copy once');
select is((select count(*)::int from children where same), 2, 'and the hit and the document follow it');
select is((select count(*)::int from children where (child, version) not in (select child, version from seen)), 2,
          'both rewritten, once');

-- The start moves (a recording callback): one run gives both tables the new start.
drop table seen;
create temporary table seen as select * from children;
select pg_temp.copies_run() as runs \gset
update public.calls set started_at = started_at - interval '2 hours' where id = :call_a;
select is(pg_temp.copies_run() - :runs, 1::bigint,
          'a call whose start moves runs the copy once, for both tables');
-- A new version is a (table, ctid) pair not seen before: a hit's ctid may equal a document's.
select is((select array_agg(distinct child order by child) from children
            where same and (child, version) not in (select child, version from seen)),
          array['tracker_hits', 'transcript_documents'], 'and its document and hit carry the new start');
select is((select count(*)::int from children where not same), 0, 'every child agrees with its call');

-- A child of no call: refused as the foreign key refuses it, naming the child's constraint (a
-- line has no copy to take: the foreign key itself refuses it).
select throws_ok($$insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-00000000dead',
                           0, 'agent', 0, 1, 'x')$$,
                 '23503', 'insert or update on table "transcripts" violates foreign key constraint "transcripts_tenant_id_call_id_fkey"',
                 'a line of no call is refused by the transcripts'' foreign key');
select throws_ok($$insert into public.tracker_hits (tenant_id, call_id, tracker_id, hits, first_ms, speaker)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-00000000dead',
                           'aaaaaaaa-7ac0-4000-8000-000000000001', 1, 0, 'agent')$$,
                 '23503', 'insert on table "tracker_hits" violates foreign key constraint "tracker_hits_tenant_id_call_id_fkey"',
                 'a hit of no call is refused with the tracker hits'' foreign key error');

-- Only the triggers run it (security definer: 001 checks every private function is one, with
-- search_path pinned).
select ok(not has_function_privilege('anon', 'private.copy_call_to_children()', 'execute')
          and not has_function_privilege('authenticated', 'private.copy_call_to_children()', 'execute')
          and not has_function_privilege('service_role', 'private.copy_call_to_children()', 'execute'),
          'no API role can execute private.copy_call_to_children() (revoked from public)');

select * from finish();
rollback;
