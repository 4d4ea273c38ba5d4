-- The calls list's copies of insight fields (calls.insight_*, migration 20261211400100): written
-- with the insight, re-analysis and a manager's override included, cleared when the insight is
-- deleted (a call left not analysed, or the call itself), and readable by the tenant's manager only, as the call is.
-- The sort keys (calls.sort_*, migration 20261212100100) are those copies folded, never null, and
-- the "needs coaching" flag (calls.insight_low_performer) follows the insight's reasons.
begin;
\ir fixtures/two_tenants.psql
select plan(17);

\set call_a '''aaaaaaaa-ca11-4000-8000-000000000001'''
\set call_a2 '''aaaaaaaa-ca11-4000-8000-000000000002'''
\set tenant_a '''aaaaaaaa-0000-4000-8000-000000000000'''

select is((select (insight_ai_score, insight_upsell_cents, insight_sentiment_score,
                   insight_sentiment_label, insight_converted)::text
             from public.calls where id = :call_a),
          '(82,2500,0.5,positive,t)', 'a call''s copies are its insight''s');
select is((select (insight_ai_score, insight_converted)::text from public.calls where id = :call_a2),
          '(,)', 'a call without an insight has none');

insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label, converted, upsell_cents, ai_score)
values (:tenant_a, :call_a2, -0.7, 'negative', false, 0, 31);
select is((select (insight_ai_score, insight_upsell_cents, insight_sentiment_label, insight_converted)::text
             from public.calls where id = :call_a2),
          '(31,0,negative,f)', 'an insight written later is copied in its transaction');

update public.insights set ai_score = 45, upsell_cents = 900 where call_id = :call_a2;
select is((select (insight_ai_score, insight_upsell_cents)::text from public.calls where id = :call_a2),
          '(45,900)', 're-analysis updates the copies');

insert into public.insight_overrides (tenant_id, call_id, field, value, reason, author_id, author_email)
values (:tenant_a, :call_a, 'converted', 'false', 'No booking', 'aaaaaaaa-1111-4000-8000-000000000000',
        'manager-a@example.com'),
       (:tenant_a, :call_a, 'sentiment', '"negative"', 'Upset', 'aaaaaaaa-1111-4000-8000-000000000000',
        'manager-a@example.com');
select is((select (insight_converted, insight_sentiment_label, insight_sentiment_score)::text
             from public.calls where id = :call_a),
          '(f,negative,-0.6)', 'a manager''s override is what the list sorts and filters by');

select is((select (sort_ai_score, sort_upsell_cents, sort_sentiment, insight_low_performer)::text
             from public.calls where id = :call_a2),
          '(45,900,-0.7,t)', 'the sort keys are the copies, and a negative call needs coaching');
update public.insights set sentiment_label = 'neutral', sentiment_score = 0, ai_score = null
 where call_id = :call_a2;
select is((select (sort_ai_score, sort_sentiment, insight_low_performer)::text
             from public.calls where id = :call_a2),
          '(-1,0,f)', 'a score gone folds to -1; a neutral call with its script met does not need coaching');
update public.insights set script_met = 1, script_total = 6 where call_id = :call_a2;
select is((select insight_low_performer from public.calls where id = :call_a2), true,
          'two or more script items missed: the flag follows a change of the script alone');
update public.insights set script_met = 6, objection = '{"kind": "price", "quote": "Too much.", "at_ms": 1}'
 where call_id = :call_a2;
select is((select insight_low_performer from public.calls where id = :call_a2), true,
          'a lost sale with an objection needs coaching');

delete from public.insights where call_id = :call_a2;
select is((select (insight_ai_score, insight_upsell_cents, insight_sentiment_score,
                   insight_sentiment_label, insight_converted)::text
             from public.calls where id = :call_a2),
          '(,,,,)', 'a deleted insight (a call left not analysed) clears them');
select is((select (sort_ai_score, sort_upsell_cents, sort_sentiment, sort_duration_s, insight_low_performer)::text
             from public.calls where id = :call_a2),
          '(-1,-1,-2,' || coalesce((select duration_s from public.calls where id = :call_a2), -1) || ',f)',
          'and folds the sort keys below every value');
select throws_ok($$insert into public.insights (tenant_id, call_id, converted, upsell_cents)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000002', true, 0)$$,
                 '23502', null,
                 'an insight without a sentiment is refused: only a call without one sorts at -2');
update public.calls set duration_s = null where id = :call_a2;
select is((select sort_duration_s from public.calls where id = :call_a2), -1,
          'a call without a duration sorts as -1');

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_b', true) \g /dev/null
select is((select count(*)::int from public.calls where insight_ai_score is not null and tenant_id = :tenant_a),
          0, 'manager B does not see A''s calls or their copies');
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null
select is((select insight_ai_score from public.calls where id = :call_a), 82, 'manager A reads them');
select throws_ok(format($$update public.calls set insight_ai_score = 100 where id = %s$$, :'call_a'),
                 '42501', null, 'and cannot write them');

reset role;
select lives_ok(format($$delete from public.calls where id = %s$$, :'call_a'),
                'deleting a call deletes its insight without the copy getting in the way');

select * from finish();
rollback;
