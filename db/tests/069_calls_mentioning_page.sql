-- private.calls_mentioning_page (the calls list's page when `q` is its only filter,
-- db/functions/private.calls_mentioning_page.sql) runs as its owner, like calls_mentioning (063):
-- it must give the list's order and count in every sort, resume after a cursor, read no call,
-- and answer only a tenant's own members and admins.
begin;
\ir fixtures/two_tenants.psql
select plan(33);

\set tenant_a '''aaaaaaaa-0000-4000-8000-000000000000'''
\set tenant_b '''bbbbbbbb-0000-4000-8000-000000000000'''
\set ever '''-infinity''::timestamptz, ''infinity''::timestamptz'
-- 40 more calls of tenant A in November, with ties in every key (and two at one instant); two in
-- three say "refund", every fifth has no insight.
insert into public.calls (tenant_id, id, call_sid, from_number, to_number, started_at, duration_s, pipeline_status)
select :tenant_a, ('aaaaaaaa-ca11-4000-8000-' || lpad((100 + n)::text, 12, '0'))::uuid, 'CAp-' || n,
       '+14155550001', '+14155550100', timestamptz '2026-11-01 00:00+00' + (n - (n = 11)::int) * interval '5 hours',
       (n * 37) % 7, 'done'
  from generate_series(1, 40) n;
insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted, upsell_cents, ai_score)
select c.tenant_id, c.id, (n % 5 - 2) / 2.0, 'neutral', n % 2 = 0, (n % 4) * 500, case when n % 7 <> 0 then n % 3 * 40 end
  from public.calls c, lateral (select split_part(c.call_sid, '-', 2)::int as n) x
 where c.call_sid like 'CAp-%' and n % 5 <> 0;
insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
select c.tenant_id, c.id, 0, 'customer', 0, 1000,
       case when n % 3 <> 0 then 'I would like a refund' else 'Just checking in' end
  from public.calls c, lateral (select split_part(c.call_sid, '-', 2)::int as n) x
 where c.call_sid like 'CAp-%';

-- The list's order over tenant A's calls saying "refund" in November (the oracle reads the calls
-- and their lines, not the documents).
create function pg_temp.expected(p_sort text, p_desc boolean) returns uuid[] language sql as $$
  select array_agg(c.id order by
           case when p_desc then null else k end asc, case when p_desc then k end desc,
           case when p_desc then null else c.started_at end asc, case when p_desc then c.started_at end desc,
           case when p_desc then null else c.id end asc, case when p_desc then c.id end desc)
    from public.calls c,
         lateral (select case p_sort when 'started_at' then extract(epoch from c.started_at)
                                     when 'ai_score' then c.sort_ai_score
                                     when 'upsell_cents' then c.sort_upsell_cents
                                     when 'duration_s' then c.sort_duration_s
                                     when 'sentiment' then c.sort_sentiment end::numeric as k) o
   where c.tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'
     and c.started_at >= '2026-11-01' and c.started_at < '2026-12-01'
     and exists (select 1 from public.transcripts t where t.tenant_id = c.tenant_id and t.call_id = c.id
                    and t.text like '%refund%')
$$;
-- The page after the n-th call of the expected order (1-based), as the list's cursor says it.
create function pg_temp.after(p_sort text, p_desc boolean, n integer, p_limit integer)
returns uuid[] language sql as $$
  select p.ids
    from public.calls c,
         private.calls_mentioning_page('aaaaaaaa-0000-4000-8000-000000000000', 'refund',
                                       '2026-11-01', '2026-12-01', p_sort, p_desc,
                                       case p_sort when 'ai_score' then c.sort_ai_score::text
                                                   when 'upsell_cents' then c.sort_upsell_cents::text
                                                   when 'duration_s' then c.sort_duration_s::text
                                                   when 'sentiment' then c.sort_sentiment::text end,
                                       c.started_at, c.id, p_limit) p
   where c.id = (pg_temp.expected(p_sort, p_desc))[n]
$$;

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null
select is((select total from private.calls_mentioning_page(:tenant_a, 'refund', '2026-11-01', '2026-12-01',
                                                           'started_at', true, null, null, null, 5)),
          27::bigint, 'the total counts every match of the range, not the page');
select is((select ids from private.calls_mentioning_page(:tenant_a, 'refund', '2026-11-01', '2026-12-01',
                                                         'started_at', true, null, null, null, 5)),
          (pg_temp.expected('started_at', true))[1:5], 'the first page, newest first');
select is((select ids from private.calls_mentioning_page(:tenant_a, 'refund', '2026-11-01', '2026-12-01',
                                                         s.sort, s.dsc, null, null, null, 100)),
          pg_temp.expected(s.sort, s.dsc), 'every match in the list''s order: ' || s.sort || case when s.dsc then ' desc' else ' asc' end)
  from (values ('started_at', false), ('ai_score', true), ('ai_score', false), ('upsell_cents', true),
               ('duration_s', false), ('sentiment', true), ('sentiment', false)) s(sort, dsc);
select is(pg_temp.after(s.sort, s.dsc, 7, 4), (pg_temp.expected(s.sort, s.dsc))[8:11],
          'after a cursor, the next rows in order: ' || s.sort || case when s.dsc then ' desc' else ' asc' end)
  from (values ('started_at', true), ('ai_score', false), ('upsell_cents', true), ('sentiment', false),
               ('duration_s', true)) s(sort, dsc);
select is(pg_temp.after('started_at', true, 27, 4), '{}'::uuid[], 'after the last row, an empty page');
select is((select total from private.calls_mentioning_page(:tenant_a, 'refund', '2026-11-02', '2026-11-03',
                                                           'ai_score', true, null, null, null, 5)),
          (select count(*) from unnest(pg_temp.expected('ai_score', true)) e(id)
             join public.calls c on c.id = e.id where c.started_at >= '2026-11-02' and c.started_at < '2026-11-03'),
          'only the range''s calls are counted');
-- No call is read: the documents carry the keys (the request reads the page's calls itself).
select pg_stat_get_xact_tuples_fetched('public.calls'::regclass) + pg_stat_get_xact_tuples_returned('public.calls'::regclass) as calls_read \gset
select ok(cardinality(ids) = 100 or cardinality(ids) = total,
          'a page of every match') from private.calls_mentioning_page(:tenant_a, 'refund', :ever, 'upsell_cents', true, null, null, null, 100);
select is(pg_stat_get_xact_tuples_fetched('public.calls'::regclass) + pg_stat_get_xact_tuples_returned('public.calls'::regclass),
          :calls_read::bigint, 'and no call was read for it');
-- The text index is read for the range's months alone (private.search_scope): ten more calls say
-- "refund" in January, and a search of November reads none of their documents.
reset role;
insert into public.calls (tenant_id, id, call_sid, from_number, to_number, started_at, pipeline_status)
select :tenant_a, ('aaaaaaaa-ca11-4000-8000-' || lpad((200 + n)::text, 12, '0'))::uuid, 'CAj-' || n,
       '+14155550001', '+14155550100', timestamptz '2026-01-10 00:00+00' + n * interval '1 day', 'done'
  from generate_series(1, 10) n;
insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
select tenant_id, id, 0, 'customer', 0, 1000, 'A refund please' from public.calls where call_sid like 'CAj-%';
set local role authenticated;
select is(total, 27::bigint, 'a search of November counts November''s calls')
  from private.calls_mentioning_page(:tenant_a, 'refund', '2026-11-01', '2026-12-01', 'started_at', true, null, null, null, 5);
-- The helpers' match, as the owner (a table this small would otherwise be read whole): the
-- range's months are part of the text index's condition, so the index gives their documents
-- alone.
reset role;
set local enable_seqscan = off;
select is(private.search_scope(:tenant_a, '2026-11-07 10:00+00', '2026-12-07 10:00+00')::text,
          format($$'%s 202611' | '%s 202612'$$, :tenant_a, :tenant_a), 'a 30-day range asks for its two months');
select is(private.search_scope(:tenant_a, '-infinity', '2026-12-07')::text, format($$'%s'$$, :tenant_a),
          'an unbounded one for the tenant');
select is(private.search_scope(:tenant_a, '2020-01-01', '2026-12-07')::text, format($$'%s'$$, :tenant_a),
          'and so does one of over three years');
select is(private.search_keys(:tenant_a, '2026-11-30 23:59+00')::text, format($$'%s' '%s 202611'$$, :tenant_a, :tenant_a),
          'a document''s keys: its tenant and its month in UTC');
create function pg_temp.plan_of(p_sql text) returns text language plpgsql as $$
declare line text; plan text := '';
begin
  for line in execute 'explain ' || p_sql loop plan := plan || line || E'\n'; end loop;
  return plan;
end $$;
select matches(pg_temp.plan_of(format($$select count(*) from public.transcript_documents d
                                        where private.search_document(d.tsv, d.tenant_id, d.started_at)
                                              @@ (%L && private.search_scope(%L, %L, %L))$$,
                                      'refund', :tenant_a, '2026-11-01', '2026-12-01')),
               'Index Cond: .*202611',
               'the text index is read for the words and the range''s months');
reset enable_seqscan;
set local role authenticated;
select is(total, 37::bigint, 'a search of the whole year finds January''s too')
  from private.calls_mentioning_page(:tenant_a, 'refund', '2026-01-01', '2027-01-01', 'started_at', true, null, null, null, 5);
select is(total, 37::bigint, 'as does an unbounded one')
  from private.calls_mentioning_page(:tenant_a, 'refund', :ever, 'started_at', true, null, null, null, 5);
select is(total, 0::bigint, 'a query of the keys'' own text matches nothing')
  from private.calls_mentioning_page(:tenant_a, :'tenant_a' || ' 202611', :ever, 'started_at', true, null, null, null, 5);
select is(total, 0::bigint, 'nor does one of stop words alone')
  from private.calls_mentioning_page(:tenant_a, 'the', :ever, 'started_at', true, null, null, null, 5);
select throws_ok(format($$select * from private.calls_mentioning_page(%s, 'refund', %s, 'name', true, null, null, null, 5)$$, :'tenant_a', :'ever'),
                 '22023', null, 'an unknown sort is refused');

select is((select (ids, total)::text from private.calls_mentioning_page(:tenant_b, 'bolt', :ever, 'started_at', true, null, null, null, 5)),
          '({},0)', 'manager A gets nothing of tenant B');
select set_config('request.jwt.claims', :'claims_outsider', true) \g /dev/null
select is((select (ids, total)::text from private.calls_mentioning_page(:tenant_a, 'refund', :ever, 'started_at', true, null, null, null, 5)),
          '({},0)', 'an outsider claiming admin in user_metadata gets nothing');
select set_config('request.jwt.claims', :'claims_admin', true) \g /dev/null
select is((select total from private.calls_mentioning_page(:tenant_b, 'bolt', :ever, 'started_at', true, null, null, null, 5)),
          1::bigint, 'an admin reads any tenant, as the policy allows');
reset role;
set local role anon;
select throws_ok(format($$select * from private.calls_mentioning_page(%s, 'refund', %s, 'started_at', true, null, null, null, 5)$$, :'tenant_a', :'ever'),
                 '42501', null, 'anon is refused');
reset role;

select * from finish();
rollback;
