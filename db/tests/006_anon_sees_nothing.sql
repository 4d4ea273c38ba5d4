-- anon (no JWT, the publishable key only) has no privileges on any tenant table,
-- on auth's tables, or on the private helpers.
begin;
\ir fixtures/two_tenants.psql
select plan(17);

set local role anon;
select set_config('request.jwt.claims', :'claims_anon', true) \g /dev/null

select is((select auth.uid()), null, 'anon has no auth.uid()');
select throws_ok('select * from public.tenants', '42501', 'permission denied for table tenants', 'anon cannot read tenants');
select throws_ok('select * from public.members', '42501', 'permission denied for table members', 'anon cannot read members');
select throws_ok('select * from public.twilio_accounts', '42501', 'permission denied for table twilio_accounts', 'anon cannot read twilio_accounts');
select throws_ok('select * from public.agents', '42501', 'permission denied for table agents', 'anon cannot read agents');
select throws_ok('select * from public.phone_numbers', '42501', 'permission denied for table phone_numbers', 'anon cannot read phone_numbers');
select throws_ok('select * from public.calls', '42501', 'permission denied for table calls', 'anon cannot read calls');
select throws_ok('select * from public.transcripts', '42501', 'permission denied for table transcripts', 'anon cannot read transcripts');
select throws_ok('select * from public.insights', '42501', 'permission denied for table insights', 'anon cannot read insights');
select throws_ok('select * from public.scripts', '42501', 'permission denied for table scripts', 'anon cannot read scripts');
select throws_ok('select * from public.jobs', '42501', 'permission denied for table jobs', 'anon cannot read jobs');
select throws_ok('select * from public.usage_events', '42501', 'permission denied for table usage_events', 'anon cannot read usage_events');
select throws_ok('select * from public.kpi_daily', '42501', 'permission denied for table kpi_daily', 'anon cannot read kpi_daily');
select throws_ok($$insert into public.agents (tenant_id, name, phone) values ('aaaaaaaa-0000-4000-8000-000000000000', 'x', '+15550000666')$$,
                 '42501', null, 'anon cannot insert agents');
select throws_ok('select * from auth.users', '42501', 'permission denied for table users', 'anon cannot read auth.users');
select throws_ok('select private.my_tenant_ids()', '42501', null, 'anon cannot call the private helpers');
reset role;

select is((select count(*)::int from public.agents), 3, 'nothing anon tried changed the agents');

select * from finish();
rollback;
