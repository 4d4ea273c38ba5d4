-- The price list (public.plans) is public: anon (the landing page), managers and admins read
-- every plan; nobody but service_role may change a price.
begin;
\ir fixtures/two_tenants.psql
select plan(13);

select results_eq('select key from public.plans order by position', array['starter', 'growth', 'scale'],
                  'the price list has Starter, Growth and Scale in that order');

set local role anon;
select set_config('request.jwt.claims', :'claims_anon', true) \g /dev/null
select is((select count(*)::int from public.plans), 3, 'anon reads every plan');
select throws_ok($$update public.plans set price_cents = 1$$, '42501', null, 'anon cannot change a price');
select throws_ok($$insert into public.plans (key, name, price_cents, summary, position) values ('free', 'Free', 0, 'x', 9)$$,
                 '42501', null, 'anon cannot add a plan');
select throws_ok($$delete from public.plans$$, '42501', null, 'anon cannot delete plans');
reset role;

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null
select is((select count(*)::int from public.plans), 3, 'a manager reads every plan');
select throws_ok($$update public.plans set price_cents = 1 where key = 'starter'$$, '42501', null, 'a manager cannot change a price');
select throws_ok($$delete from public.plans where key = 'starter'$$, '42501', null, 'a manager cannot delete a plan');
reset role;

set local role authenticated;
select set_config('request.jwt.claims', :'claims_admin', true) \g /dev/null
select is((select count(*)::int from public.plans), 3, 'an admin reads every plan');
select throws_ok($$update public.plans set price_cents = 1 where key = 'starter'$$, '42501', null, 'an admin cannot change a price through the API role');
reset role;

set local role service_role;
select lives_ok($$update public.plans set price_cents = 9900 where key = 'starter'$$, 'service_role can set a price');
reset role;

select throws_ok($$insert into public.plans (key, name, price_cents, summary, position) values ('Bad Key', 'x', 0, 'x', 10)$$,
                 '23514', null, 'a plan key is a lower-case identifier');
select throws_ok($$insert into public.plans (key, name, price_cents, summary, position) values ('neg', 'x', -1, 'x', 11)$$,
                 '23514', null, 'a price is never negative');

select * from finish();
rollback;
