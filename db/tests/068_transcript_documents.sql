-- A call's search document (public.transcript_documents, private.keep_transcript_documents) is
-- its lines' words in order, rebuilt whenever a statement changes its lines and gone with the
-- last of them; the search (private.calls_mentioning, 063) answers by the whole call. Managers
-- read their own tenant's documents and write none.
begin;
\ir fixtures/two_tenants.psql
select plan(12);

\set call_a1 '''aaaaaaaa-ca11-4000-8000-000000000001'''
\set call_a2 '''aaaaaaaa-ca11-4000-8000-000000000002'''
\set tenant_a '''aaaaaaaa-0000-4000-8000-000000000000'''
\set tenant_b '''bbbbbbbb-0000-4000-8000-000000000000'''
\set ever '''-infinity''::timestamptz, ''infinity''::timestamptz'
-- The document as `||` over the lines in order, and the call's start.
create aggregate pg_temp.cat(tsvector) (sfunc = tsvector_concat, stype = tsvector, initcond = '');
create temporary view expected as
select t.tenant_id, t.call_id, c.started_at, pg_temp.cat(t.tsv order by t.seq) as tsv
  from public.transcripts t join public.calls c on c.tenant_id = t.tenant_id and c.id = t.call_id
 group by t.tenant_id, t.call_id, c.started_at;

select set_eq('select tenant_id, call_id, started_at, tsv::text from public.transcript_documents',
              'select tenant_id, call_id, started_at, tsv::text from expected',
              'every call with lines has one document: its lines'' words in order, its start');
select is((select tsv::text from public.transcript_documents where call_id = :call_a1),
          (select (to_tsvector('english', 'Thanks for calling Acme Plumbing, how can I help?') ||
                   to_tsvector('english', 'My water heater is leaking') ||
                   to_tsvector('english', 'My card is [CARD]'))::text),
          'positions run on from one line to the next');

-- What the transcribe stage does (pipeline/transcribe_stage.cc): the old lines deleted and the
-- new inserted in one statement.
with gone as (delete from public.transcripts where tenant_id = :tenant_a and call_id = :call_a1
              returning 1)
insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
select :tenant_a, :call_a1, s.seq, 'customer', 0, 1000, s.text
  from (select count(*) from gone) g,
       (values (0, 'The boiler makes a noise'), (1, 'since Tuesday')) as s(seq, text);
select is((select tsv::text from public.transcript_documents where call_id = :call_a1),
          (select tsv::text from expected where call_id = :call_a1),
          'a transcript written again gives a document of the new lines alone');
select ok((select not (tsv @@ to_tsquery('english', 'heater')) from public.transcript_documents
            where call_id = :call_a1), 'the old lines'' words are gone from it');

insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
values (:tenant_a, :call_a2, 0, 'agent', 0, 1000, 'About the refund');
update public.transcripts set text = 'About the invoice' where call_id = :call_a2;
select ok((select tsv @@ to_tsquery('english', 'invoice') and not tsv @@ to_tsquery('english', 'refund')
             from public.transcript_documents where call_id = :call_a2),
          'an edited line changes its call''s document');
update public.calls set started_at = '2019-05-05 05:05+00' where id = :call_a2;
select is((select started_at from public.transcript_documents where call_id = :call_a2),
          '2019-05-05 05:05+00'::timestamptz, 'and follows its call''s start when it moves');
delete from public.transcripts where call_id = :call_a2;
select is_empty(format('select 1 from public.transcript_documents where call_id = %s', :'call_a2'),
                'a call whose lines are all deleted has no document');

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null
select set_eq(format($$select call_id from private.calls_mentioning(%s, '"noise since"', %s)$$, :'tenant_a', :'ever'),
              format('select %s::uuid', :'call_a1'),
              'a phrase may run on from one line to the next');
select is_empty(format($$select * from private.calls_mentioning(%s, 'boiler -tuesday', %s)$$, :'tenant_a', :'ever'),
                'a negated word excludes a call that says it on any line');
select is((select count(*)::int from public.transcript_documents), 
          (select count(*)::int from public.transcript_documents where tenant_id = :tenant_a),
          'a manager reads their own tenant''s documents alone');
select throws_ok(format($$insert into public.transcript_documents (tenant_id, call_id, started_at, tsv)
                          values (%s, %s, now(), 'x')$$, :'tenant_a', :'call_a2'),
                 '42501', null, 'and writes none');
reset role;
select set_config('request.jwt.claims', '', true) \g /dev/null
select ok((select count(*) from public.transcript_documents where tenant_id = :tenant_b) > 0,
          'the other tenant''s documents exist (the count above is not vacuous)');

select * from finish();
rollback;
