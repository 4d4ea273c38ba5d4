-- Insight overrides (migration 20261210100100): a tenant's members read its history; managers
-- write overrides on their own tenant's calls only, only as themselves, never with an AI value
-- of their choosing; viewers, other tenants and the outsider cannot; nobody edits or deletes one.
-- The override is applied to the insight and its day's KPIs in the same transaction.
begin;
\ir fixtures/two_tenants.psql
select plan(19);

\set call_a '''aaaaaaaa-ca11-4000-8000-000000000001'''
\set tenant_a '''aaaaaaaa-0000-4000-8000-000000000000'''
\set tenant_b '''bbbbbbbb-0000-4000-8000-000000000000'''

insert into public.insight_overrides (tenant_id, call_id, field, value, reason, author_id, author_email) values
  ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000001', 'converted', 'true',
   'B''s correction', 'bbbbbbbb-1111-4000-8000-000000000000', 'manager-b@example.com');
-- A viewer of tenant A.
insert into auth.users (id, aud, role, email) values
  ('aaaaaaaa-1111-4000-8000-0000000000ee', 'authenticated', 'authenticated', 'viewer-a@example.com');
insert into public.members (tenant_id, user_id, role) values
  ('aaaaaaaa-0000-4000-8000-000000000000', 'aaaaaaaa-1111-4000-8000-0000000000ee', 'viewer');

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null

-- select
select is((select count(*)::int from public.insight_overrides), 0, 'manager A does not see B''s overrides');
-- insert
select lives_ok(format($$insert into public.insight_overrides (tenant_id, call_id, field, value, reason, author_email)
                         values (%s, %s, 'converted', 'false', 'No booking was made', 'manager-a@example.com')$$,
                       :'tenant_a', :'call_a'),
                'manager A overrides a field of A''s call');
select is((select author_id::text from public.insight_overrides), 'aaaaaaaa-1111-4000-8000-000000000000',
          'the author is the signed-in user');
select is((select ai_value from public.insight_overrides), 'true'::jsonb, 'the AI''s value it replaced is recorded');
select is((select converted from public.insights where call_id = :call_a), false,
          'the insight holds the manager''s value');
select is((select ai_values -> 'converted' from public.insights where call_id = :call_a), 'true'::jsonb,
          'and keeps the AI''s');
select is((select overrides -> 'converted' ->> 'by' from public.insights where call_id = :call_a),
          'manager-a@example.com', 'the field is marked as the manager''s');
select is((select sum(converted)::int from public.kpi_daily where tenant_id = :tenant_a and day = '2026-03-10'),
          0, 'the day''s KPIs follow in the same transaction');
select throws_ok(format($$insert into public.insight_overrides (tenant_id, call_id, field, value, reason, author_email, ai_value)
                         values (%s, %s, 'converted', 'true', 'x', 'manager-a@example.com', 'false')$$,
                       :'tenant_a', :'call_a'),
                 '42501', null, 'the AI''s value is not the writer''s to choose');
select throws_ok(format($$insert into public.insight_overrides (tenant_id, call_id, field, value, reason, author_email, author_id)
                         values (%s, %s, 'converted', 'true', 'x', 'manager-b@example.com', 'bbbbbbbb-1111-4000-8000-000000000000')$$,
                       :'tenant_a', :'call_a'),
                 '42501', null, 'manager A cannot override in someone else''s name');
select throws_ok(format($$insert into public.insight_overrides (tenant_id, call_id, field, value, reason, author_email)
                         values (%s, 'bbbbbbbb-ca11-4000-8000-000000000001', 'converted', 'false', 'x', 'manager-a@example.com')$$,
                       :'tenant_b'),
                 '42501', null, 'manager A cannot override B''s call');
select throws_ok(format($$insert into public.insight_overrides (tenant_id, call_id, field, value, reason, author_email)
                         values (%s, %s, 'script.offer', 'true', 'x', 'manager-a@example.com')$$,
                       :'tenant_a', :'call_a'),
                 '22023', null, 'a script item the call does not have is refused');
select throws_ok(format($$insert into public.insight_overrides (tenant_id, call_id, field, value, reason, author_email)
                         values (%s, %s, 'sentiment', '"furious"', 'x', 'manager-a@example.com')$$,
                       :'tenant_a', :'call_a'),
                 '22023', null, 'a value of the wrong kind is refused');
select throws_ok(format($$insert into public.insight_overrides (tenant_id, call_id, field, value, reason, author_email)
                         values (%s, %s, 'converted', 'true', '  ', 'manager-a@example.com')$$,
                       :'tenant_a', :'call_a'),
                 '23514', null, 'a reason is required');
-- update, delete: the history is append-only.
select throws_ok($$update public.insight_overrides set value = 'true'$$, '42501', null, 'nobody edits an override');
select throws_ok($$delete from public.insight_overrides$$, '42501', null, 'nobody deletes an override');

-- A viewer reads the history and the marks, and changes nothing.
select set_config('request.jwt.claims',
  '{"sub":"aaaaaaaa-1111-4000-8000-0000000000ee","role":"authenticated","aud":"authenticated","email":"viewer-a@example.com","app_metadata":{},"user_metadata":{}}',
  true) \g /dev/null
select is((select count(*)::int from public.insight_overrides), 1, 'the viewer reads A''s history');
select throws_ok(format($$insert into public.insight_overrides (tenant_id, call_id, field, value, reason, author_email)
                         values (%s, %s, 'converted', 'true', 'x', 'viewer-a@example.com')$$,
                       :'tenant_a', :'call_a'),
                 '42501', null, 'a viewer cannot override');

-- The outsider sees nothing.
select set_config('request.jwt.claims', :'claims_outsider', true) \g /dev/null
select is((select count(*)::int from public.insight_overrides), 0, 'the outsider sees no overrides');

select * from finish();
rollback;
