-- A manager of tenant A reads A's rows in every table managers may read, and
-- none of tenant B's. A signed-in user who belongs to no tenant reads nothing,
-- even with "role":"admin" in the user-editable user_metadata.
begin;
\ir fixtures/two_tenants.psql
select plan(30);

-- Impersonate manager A exactly as the server does per request.
set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null

select is((select auth.uid()), 'aaaaaaaa-1111-4000-8000-000000000000'::uuid, 'auth.uid() is manager A');
select is((select private.my_tenant_ids()), array['aaaaaaaa-0000-4000-8000-000000000000'::uuid], 'manager A belongs to tenant A only');
select is((select private.is_admin()), false, 'manager A is not an admin');

select is((select count(*)::int from public.tenants where id = 'aaaaaaaa-0000-4000-8000-000000000000'), 1, 'manager A can read tenant A');
select is((select count(*)::int from public.tenants where id <> 'aaaaaaaa-0000-4000-8000-000000000000'), 0, 'manager A cannot read tenant B');
select is((select count(*)::int from public.members where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'), 1, 'manager A can read A''s members');
select is((select count(*)::int from public.members where tenant_id <> 'aaaaaaaa-0000-4000-8000-000000000000'), 0, 'manager A cannot read B''s members');
select is((select count(*)::int from public.agents where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'), 2, 'manager A can read A''s agents');
select is((select count(*)::int from public.agents where tenant_id <> 'aaaaaaaa-0000-4000-8000-000000000000'), 0, 'manager A cannot read B''s agents');
select is((select count(*)::int from public.phone_numbers where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'), 1, 'manager A can read A''s phone numbers');
select is((select count(*)::int from public.phone_numbers where tenant_id <> 'aaaaaaaa-0000-4000-8000-000000000000'), 0, 'manager A cannot read B''s phone numbers');
select is((select count(*)::int from public.calls where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'), 2, 'manager A can read A''s calls');
select is((select count(*)::int from public.calls where tenant_id <> 'aaaaaaaa-0000-4000-8000-000000000000'), 0, 'manager A cannot read B''s calls');
select is((select count(*)::int from public.transcripts where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'), 3, 'manager A can read A''s transcripts');
select is((select count(*)::int from public.transcripts where tenant_id <> 'aaaaaaaa-0000-4000-8000-000000000000'), 0, 'manager A cannot read B''s transcripts');
select is((select count(*)::int from public.insights where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'), 1, 'manager A can read A''s insights');
select is((select count(*)::int from public.insights where tenant_id <> 'aaaaaaaa-0000-4000-8000-000000000000'), 0, 'manager A cannot read B''s insights');
select is((select count(*)::int from public.scripts where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'), 1, 'manager A can read A''s scripts');
select is((select count(*)::int from public.scripts where tenant_id <> 'aaaaaaaa-0000-4000-8000-000000000000'), 0, 'manager A cannot read B''s scripts');
select is((select count(*)::int from public.kpi_daily where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'), 2, 'manager A can read A''s daily KPIs');
select is((select count(*)::int from public.kpi_daily where tenant_id <> 'aaaaaaaa-0000-4000-8000-000000000000'), 0, 'manager A cannot read B''s daily KPIs');

-- Full-text search goes through the same policy.
select is((select count(*)::int from public.transcripts where tsv @@ plainto_tsquery('english', 'desk')), 0,
          'manager A''s transcript search does not match B''s segments');
select is((select count(*)::int from public.transcripts where tsv @@ plainto_tsquery('english', 'leaking')), 1,
          'manager A''s transcript search matches A''s segments');

-- The mirror image: manager B sees B's call and not A's.
select set_config('request.jwt.claims', :'claims_manager_b', true) \g /dev/null
select results_eq('select call_sid from public.calls', array['CAb1'], 'manager B reads only B''s calls');

-- A signed-in user with no membership sees nothing; user_metadata.role = admin is ignored.
select set_config('request.jwt.claims', :'claims_outsider', true) \g /dev/null
select is((select private.is_admin()), false, 'user_metadata.role = admin does not make an admin');
select is((select count(*)::int from public.tenants), 0, 'a user without membership reads no tenants');
select is((select count(*)::int from public.calls), 0, 'a user without membership reads no calls');
select is((select count(*)::int from public.agents), 0, 'a user without membership reads no agents');
select is((select count(*)::int from public.kpi_daily), 0, 'a user without membership reads no KPIs');
reset role;

select is((select count(*)::int from public.calls), 3, 'the superuser fixture still has all three calls');

select * from finish();
rollback;
