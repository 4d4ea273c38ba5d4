-- The analysis outcomes (db/migrations/20261203000100_add_analysis_outcomes.sql): a call not
-- analysed always says why, and nothing else; insights carry only known flags and a review
-- list; managers read both on their own tenant only, and cannot write them.
begin;
\ir fixtures/two_tenants.psql
select plan(10);

select throws_ok($$update public.calls set pipeline_status = 'not_analysed' where call_sid = 'CAa1'$$,
                 '23514', null, 'a call not analysed must say why');
select throws_ok($$update public.calls set not_analysed_reason = 'refused' where call_sid = 'CAa1'$$,
                 '23514', null, 'only a call not analysed has a reason');
select throws_ok($$update public.calls set pipeline_status = 'not_analysed', not_analysed_reason = 'bored' where call_sid = 'CAa1'$$,
                 '23514', null, 'the reason is refused or content_filter');
select lives_ok($$update public.calls set pipeline_status = 'not_analysed', not_analysed_reason = 'content_filter' where call_sid = 'CAa1'$$,
                'a call can be not analysed because of the content filter');
select throws_ok($$update public.insights set flags = '{repaired,guessed}'$$, '23514', null, 'insight flags are known values');
select throws_ok($$update public.insights set review = '{"field": "x"}'$$, '23514', null, 'review is an array');
update public.insights set flags = '{trimmed}', review = '[{"field": "ai_score", "reason": "r"}]';

-- As manager A (PostgREST-style claims): A's outcomes are readable, B's are not, none writable.
set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null
select ok((select count(*) from public.insights where flags = '{trimmed}' and review <> '[]') > 0,
          'manager A reads its insights'' flags and review');
select is((select count(*)::int from public.insights where flags = '{trimmed}' and tenant_id <> 'aaaaaaaa-0000-4000-8000-000000000000'),
          0, 'manager A sees no other tenant''s insight flags');
select throws_ok($$update public.insights set review = '[]'$$, '42501', null, 'managers cannot clear a review');
select throws_ok($$update public.calls set not_analysed_reason = null$$, '42501', null, 'managers cannot change why a call was not analysed');

select * from finish();
rollback;
