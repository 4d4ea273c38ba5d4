-- Comments on calls: a tenant's managers read them; they write them on their own tenant's calls
-- only and only as themselves; only the author deletes one; nobody edits one.
begin;
\ir fixtures/two_tenants.psql
select plan(11);

insert into public.call_comments (tenant_id, call_id, author_id, author_email, at_ms, body) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001',
   'aaaaaaaa-1111-4000-8000-000000000000', 'manager-a@example.com', 61000, 'Good recovery here'),
  ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000001',
   'bbbbbbbb-1111-4000-8000-000000000000', 'manager-b@example.com', 5000, 'B''s note');

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null

select is((select count(*)::int from public.call_comments), 1, 'manager A sees only A''s comment');
select lives_ok($$insert into public.call_comments (tenant_id, call_id, author_email, at_ms, body)
                  values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001',
                          'manager-a@example.com', 1000, 'Greeting was rushed')$$,
                'manager A comments on A''s call (author defaults to the caller)');
select is((select author_id::text from public.call_comments where body = 'Greeting was rushed'),
          'aaaaaaaa-1111-4000-8000-000000000000', 'the author is the signed-in user');
select throws_ok($$insert into public.call_comments (tenant_id, call_id, author_email, at_ms, body)
                   values ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000001',
                           'manager-a@example.com', 1000, 'sneaky')$$,
                 '42501', null, 'manager A cannot comment on B''s call');
select throws_ok($$insert into public.call_comments (tenant_id, call_id, author_id, author_email, at_ms, body)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001',
                           'bbbbbbbb-1111-4000-8000-000000000000', 'manager-b@example.com', 1000, 'forged')$$,
                 '42501', null, 'manager A cannot write a comment in someone else''s name');
select throws_ok($$update public.call_comments set body = 'edited'$$, '42501', null,
                 'nobody edits a comment');
select throws_ok($$insert into public.call_comments (tenant_id, call_id, author_email, at_ms, body)
                   values ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-ca11-4000-8000-000000000001',
                           'manager-a@example.com', -1, 'before the call')$$,
                 '23514', null, 'a moment before the call starts is refused');

-- The outsider (no organisation) sees and deletes nothing.
select set_config('request.jwt.claims', :'claims_outsider', true) \g /dev/null
select is((select count(*)::int from public.call_comments), 0, 'the outsider sees no comments');
select is_empty($$delete from public.call_comments returning id$$, 'the outsider deletes nothing');

select set_config('request.jwt.claims', :'claims_manager_b', true) \g /dev/null
select is_empty($$delete from public.call_comments where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000' returning id$$,
                'manager B cannot delete A''s comments');

select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null
select results_eq($$with d as (delete from public.call_comments returning id) select count(*)::int from d$$,
                  $$values (2)$$, 'manager A deletes her own comments');

select * from finish();
rollback;
