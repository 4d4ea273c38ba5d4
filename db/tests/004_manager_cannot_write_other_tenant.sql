-- The denied write paths of a manager: nothing in tenant B can be inserted,
-- updated or deleted, no A row can be moved into B, and read-only tables
-- cannot be written at all (not even in A).
begin;
\ir fixtures/two_tenants.psql
select plan(37);

set local role authenticated;
select set_config('request.jwt.claims', :'claims_manager_a', true) \g /dev/null

-- tenants and members: read-only to managers (no self-service joining of tenant B).
select throws_ok($$insert into public.tenants (name, slug) values ('Evil', 'evil')$$, '42501', null, 'manager A cannot create a tenant');
select throws_ok($$update public.tenants set plan = 'free' where id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot update tenant B');
select throws_ok($$delete from public.tenants where id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot delete tenant B');
select throws_ok($$insert into public.members (tenant_id, user_id) values ('bbbbbbbb-0000-4000-8000-000000000000', 'aaaaaaaa-1111-4000-8000-000000000000')$$,
                 '42501', null, 'manager A cannot add themselves to tenant B');
select throws_ok($$update public.members set tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot move their membership to tenant B');
select throws_ok($$delete from public.members where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot delete B''s members');

-- agents: RLS hides B's rows from update/delete and rejects B as a target.
select throws_ok($$insert into public.agents (tenant_id, name, phone) values ('bbbbbbbb-0000-4000-8000-000000000000', 'Mole', '+15550000666')$$,
                 '42501', 'new row violates row-level security policy for table "agents"', 'manager A cannot add an agent to tenant B');
with u as (update public.agents set name = 'pwned' where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000' returning 1)
select is(count(*)::int, 0, 'manager A updates 0 of B''s agents') from u;
with d as (delete from public.agents where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000' returning 1)
select is(count(*)::int, 0, 'manager A deletes 0 of B''s agents') from d;
select throws_ok($$update public.agents set tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000' where id = 'aaaaaaaa-a6e0-4000-8000-000000000002'$$,
                 '42501', 'permission denied for table agents', 'manager A cannot move an agent into tenant B');

-- phone_numbers: read-only to users (the server buys and releases; 030_grants_by_column.sql).
select throws_ok($$insert into public.phone_numbers (tenant_id, e164) values ('bbbbbbbb-0000-4000-8000-000000000000', '+15552220666')$$,
                 '42501', 'permission denied for table phone_numbers', 'manager A cannot add a phone number to tenant B');
select throws_ok($$update public.phone_numbers set status = 'released' where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$,
                 '42501', 'permission denied for table phone_numbers', 'manager A cannot release B''s phone numbers');
select throws_ok($$update public.phone_numbers set tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000', agent_id = null where e164 = '+14155550100'$$,
                 '42501', 'permission denied for table phone_numbers', 'manager A cannot move a phone number into tenant B');
select throws_ok($$delete from public.phone_numbers where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot delete B''s phone numbers');

-- scripts: insert-only, own tenant only.
select throws_ok($$insert into public.scripts (tenant_id, version, items) values ('bbbbbbbb-0000-4000-8000-000000000000', 2, '[]')$$,
                 '42501', 'new row violates row-level security policy for table "scripts"', 'manager A cannot add a script version to tenant B');
select throws_ok($$update public.scripts set items = '[]' where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot update B''s scripts');
select throws_ok($$update public.scripts set tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot move a script into tenant B');
select throws_ok($$delete from public.scripts where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot delete B''s scripts');

-- calls, transcripts, insights, kpi_daily: written only by the pipeline (service_role).
select throws_ok($$insert into public.calls (tenant_id, call_sid) values ('bbbbbbbb-0000-4000-8000-000000000000', 'CAevil')$$, '42501', null, 'manager A cannot insert a call into tenant B');
select throws_ok($$insert into public.calls (tenant_id, call_sid) values ('aaaaaaaa-0000-4000-8000-000000000000', 'CAevil')$$, '42501', null, 'manager A cannot insert a call even into tenant A');
select throws_ok($$update public.calls set pipeline_status = 'failed' where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot update B''s calls');
select throws_ok($$update public.calls set tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot move a call into tenant B');
select throws_ok($$delete from public.calls where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot delete B''s calls');
select throws_ok($$insert into public.transcripts (tenant_id, call_id, seq, speaker, start_ms, end_ms, text)
                   values ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000001', 9, 'agent', 0, 1, 'x')$$,
                 '42501', null, 'manager A cannot insert a transcript segment into tenant B');
select throws_ok($$update public.transcripts set text = 'x' where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot update B''s transcripts');
select throws_ok($$delete from public.transcripts where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot delete B''s transcripts');
select throws_ok($$insert into public.insights (tenant_id, call_id, sentiment_score, sentiment_label) values ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000001', 0, 'neutral')$$,
                 '42501', null, 'manager A cannot insert an insight into tenant B');
select throws_ok($$update public.insights set converted = true where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot update B''s insights');
select throws_ok($$update public.insights set upsell_cents = 999999 where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot inflate even A''s insights');
select throws_ok($$delete from public.insights where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot delete B''s insights');
select throws_ok($$insert into public.kpi_daily (tenant_id, day, agent_id) values ('bbbbbbbb-0000-4000-8000-000000000000', '2026-03-11', '00000000-0000-0000-0000-000000000000')$$,
                 '42501', null, 'manager A cannot insert KPIs into tenant B');
select throws_ok($$update public.kpi_daily set converted = 99 where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot update B''s KPIs');
select throws_ok($$delete from public.kpi_daily where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'$$, '42501', null, 'manager A cannot delete B''s KPIs');
reset role;

-- Back as the superuser: B's data is exactly as the fixture left it.
select is((select name from public.agents where id = 'bbbbbbbb-a6e0-4000-8000-000000000001'), 'Bea Bolt', 'B''s agent is unchanged');
select is((select status from public.phone_numbers where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'), 'active', 'B''s phone number is unchanged');
select is((select count(*)::int from public.agents where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'), 1, 'B still has its agent');
select is((select count(*)::int from public.members where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'), 1, 'B still has only its own manager');

select * from finish();
rollback;
