-- A tracker hit's copies of its call's started_at and the calls list's sort keys
-- (tracker_hits.started_at, sort_*, migration 20261213100100, kept by
-- private.copy_call_to_children, 064): taken from the call when the hit is written, whatever the
-- writer passed, and following the call when its started_at, insight or duration change. The
-- calls list counts a tracker's matches from the hits alone (api/call_query.cc), so the hits must
-- be readable by exactly whom the calls are.
begin;
\ir fixtures/two_tenants.psql
select plan(11);

\set tenant_a '''aaaaaaaa-0000-4000-8000-000000000000'''
\set call_a '''aaaaaaaa-ca11-4000-8000-000000000001'''
\set call_a2 '''aaaaaaaa-ca11-4000-8000-000000000002'''
\set leak '''aaaaaaaa-7ac0-4000-8000-000000000001'''

create temporary view copies as
select h.call_id, (h.started_at = c.started_at) as same_start,
       (h.sort_ai_score, h.sort_upsell_cents, h.sort_sentiment, h.sort_duration_s)::text as keys,
       (c.sort_ai_score, c.sort_upsell_cents, c.sort_sentiment, c.sort_duration_s)::text as call_keys
  from public.tracker_hits h join public.calls c on c.tenant_id = h.tenant_id and c.id = h.call_id;

select is((select (same_start, keys = call_keys)::text from copies where call_id = :call_a),
          '(t,t)', 'a hit carries its call''s started_at and sort keys');

insert into public.tracker_hits (tenant_id, call_id, tracker_id, hits, first_ms, speaker,
                                 started_at, sort_ai_score, sort_upsell_cents, sort_sentiment,
                                 sort_duration_s)
values (:tenant_a, :call_a2, :leak, 2, 100, 'agent', '2001-01-01', 99, 99, 0.9, 99);
select is((select (same_start, keys)::text from copies where call_id = :call_a2),
          (select (true, (sort_ai_score, sort_upsell_cents, sort_sentiment, sort_duration_s)::text)::text
             from public.calls where id = :call_a2),
          'a hit written with other copies gets its call''s');
select is((select keys from copies where call_id = :call_a2), '(-1,-1,-2,-1)',
          'a call without an insight or a duration: the folded keys');

select throws_ok($$insert into public.tracker_hits (tenant_id, call_id, tracker_id, hits, first_ms, speaker)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-00000000dead',
                           'aaaaaaaa-7ac0-4000-8000-000000000001', 1, 0, 'agent')$$,
                 '23503', null, 'a hit of no call is refused as the foreign key refuses it');

-- The call's insight, analysed, re-analysed and deleted; its duration; its start moved.
insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted, upsell_cents, ai_score)
values (:tenant_a, :call_a2, -0.7, 'negative', false, 0, 31);
select is((select keys from copies where call_id = :call_a2), '(31,0,-0.7,-1)',
          'an insight written after the hit is copied to it');
update public.insights set ai_score = 45, upsell_cents = 900 where call_id = :call_a2;
select is((select keys from copies where call_id = :call_a2), '(45,900,-0.7,-1)',
          're-analysis updates the hit');
update public.calls set duration_s = 75 where id = :call_a2;
select is((select keys from copies where call_id = :call_a2), '(45,900,-0.7,75)',
          'a new duration updates the hit');
update public.calls set started_at = started_at - interval '3 days' where id = :call_a2;
select is((select same_start from copies where call_id = :call_a2), true,
          'a call whose start moves (a recording callback) moves its hits');
delete from public.insights where call_id = :call_a2;
select is((select keys from copies where call_id = :call_a2), '(-1,-1,-2,75)',
          'a deleted insight clears the hit''s insight keys');
select is((select count(*)::int from copies where not same_start or keys <> call_keys), 0,
          'every hit agrees with its call');

-- The same readers: the hits' policies are the calls' (select only, same roles and condition).
select results_eq(
  $$select cmd, roles::text, qual, with_check from pg_policies
     where schemaname = 'public' and tablename = 'tracker_hits' order by 1, 3$$,
  $$select cmd, roles::text, qual, with_check from pg_policies
     where schemaname = 'public' and tablename = 'calls' order by 1, 3$$,
  'tracker_hits are readable by exactly whom calls are (the list counts a tracker''s calls from its hits)');

select * from finish();
rollback;
