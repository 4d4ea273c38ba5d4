-- service_role (workers and webhooks) bypasses RLS: it reads and writes every
-- tenant's rows, including twilio_accounts, and runs the KPI rollup.
begin;
\ir fixtures/two_tenants.psql
select plan(13);

set local role service_role;
select set_config('request.jwt.claims', :'claims_service', true) \g /dev/null

select is((select rolbypassrls from pg_catalog.pg_roles where rolname = 'service_role'), true, 'service_role has BYPASSRLS');
select is((select count(*)::int from public.twilio_accounts), 2, 'service_role reads twilio_accounts');
select is((select count(*)::int from public.calls), 3, 'service_role reads every tenant''s calls');
select is((select count(*)::int from public.usage_events), 2, 'service_role reads every tenant''s usage events');

-- The recording webhook's transaction: idempotent call upsert plus job enqueue.
select lives_ok($$insert into public.calls (tenant_id, id, call_sid, recording_sid, started_at)
                  values ('bbbbbbbb-0000-4000-8000-000000000000', 'bbbbbbbb-ca11-4000-8000-000000000002', 'CAb2', 'REb2', '2026-03-10 13:00:00+00')
                  on conflict (call_sid) do nothing$$, 'service_role inserts a call into tenant B');
select lives_ok($$insert into public.jobs (tenant_id, kind, call_id)
                  values ('bbbbbbbb-0000-4000-8000-000000000000', 'transcribe', 'bbbbbbbb-ca11-4000-8000-000000000002')
                  on conflict (tenant_id, kind, call_id) do nothing$$, 'service_role enqueues a job');
with r as (insert into public.calls (tenant_id, call_sid, recording_sid)
           values ('bbbbbbbb-0000-4000-8000-000000000000', 'CAb2', 'REb2') on conflict (call_sid) do nothing returning 1)
select is(count(*)::int, 0, 'a retried webhook inserts no second call') from r;
with r as (insert into public.jobs (tenant_id, kind, call_id)
           values ('bbbbbbbb-0000-4000-8000-000000000000', 'transcribe', 'bbbbbbbb-ca11-4000-8000-000000000002')
           on conflict (tenant_id, kind, call_id) do nothing returning 1)
select is(count(*)::int, 0, 'a retried webhook enqueues no second job') from r;

select lives_ok($$insert into public.usage_events (tenant_id, provider, unit, quantity, cost_micros)
                  values ('aaaaaaaa-0000-4000-8000-000000000000', 'twilio', 'recording_minutes', 5, 12500)$$, 'service_role records usage');
with u as (update public.calls set pipeline_status = 'transcribing', updated_at = now() where pipeline_status = 'received' returning 1)
select is(count(*)::int, 2, 'service_role updates calls across tenants') from u;
select lives_ok($$select public.refresh_kpi_daily('bbbbbbbb-0000-4000-8000-000000000000', '2026-03-10')$$, 'service_role runs the KPI rollup');
select is((select sum(calls)::int from public.kpi_daily where tenant_id = 'bbbbbbbb-0000-4000-8000-000000000000'), 2, 'the rollup counts B''s two calls');
with d as (delete from public.twilio_accounts where tenant_id is null returning 1)
select is(count(*)::int, 1, 'service_role can delete twilio accounts') from d;
reset role;

select * from finish();
rollback;
