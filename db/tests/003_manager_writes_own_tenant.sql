-- The allowed write paths of a manager, all inside their own tenant, written as the API writes
-- them: agents (insert, update, delete) and scripts (insert). Phone numbers are written by the
-- server only (030_grants_by_column.sql).
begin;
\ir fixtures/two_tenants.psql
select plan(8);

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null

select lives_ok($$insert into public.agents (tenant_id, name, phone, email)
                  values ('aaaaaaaa-0000-4000-8000-000000000000', 'Ada', '+15550000009', 'ada@example.com')$$,
                'manager A can add an agent to tenant A');
with u as (update public.agents set name = 'Ann B.', phone = '+15550000008', email = null, active = false
            where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000' and id = 'aaaaaaaa-a6e0-4000-8000-000000000001' returning 1)
select is(count(*)::int, 1, 'manager A can update an agent of tenant A') from u;
with d as (delete from public.agents
            where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000' and id = 'aaaaaaaa-a6e0-4000-8000-000000000002' returning 1)
select is(count(*)::int, 1, 'manager A can delete an agent of tenant A') from d;
select is((select count(*)::int from public.agents), 2, 'manager A now sees Ann and Ada');

select lives_ok($$insert into public.scripts (tenant_id, version, items)
                  values ('aaaaaaaa-0000-4000-8000-000000000000', 2, '[{"key":"greeting","label":"Greeting","description":"Hi"}]')$$,
                'manager A can add a script version to tenant A');
select is((select max(version) from public.scripts), 2, 'the new version is the current script');
select is((select created_by from public.scripts where version = 2), 'aaaaaaaa-1111-4000-8000-000000000000'::uuid,
          'created_by defaults to the manager''s auth.uid()');
reset role;

select is((select count(*)::int from public.agents where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'), 1,
          'tenant B''s agents are untouched');

select * from finish();
rollback;
