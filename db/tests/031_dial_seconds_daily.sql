-- The per-tenant count of seconds dialled today that the voice webhook's daily budget reads
-- (private.dial_seconds_daily, kept by a trigger on calls.duration_s): every second a call's
-- duration grows by counts once, Twilio's retried callbacks add nothing, other updates of a call
-- add nothing, and tenants are counted apart.
begin;
\ir fixtures/two_tenants.psql
select plan(10);

-- The day's count for tenant `t` (0 when none).
create function pg_temp.dialled(t uuid) returns bigint language sql as $$
  select coalesce((select sum(seconds)::bigint from private.dial_seconds_daily
                    where tenant_id = t and day = (now() at time zone 'UTC')::date), 0)
$$;
-- The fixture's calls ended on another day: today starts at 0 for both tenants.
-- A call-status callback that overtakes the call: inserted with its duration.
insert into public.calls (tenant_id, call_sid, duration_s) values ('aaaaaaaa-0000-4000-8000-000000000000', 'CAd1', 90);
select is(pg_temp.dialled('aaaaaaaa-0000-4000-8000-000000000000'), 90::bigint, 'a call inserted with 90 s counts 90 s');

-- The usual order: ringing (no duration), then completed.
insert into public.calls (tenant_id, call_sid, call_status) values ('aaaaaaaa-0000-4000-8000-000000000000', 'CAd2', 'ringing');
select is(pg_temp.dialled('aaaaaaaa-0000-4000-8000-000000000000'), 90::bigint, 'a ringing call counts nothing yet');
update public.calls set call_status = 'completed', duration_s = 120 where call_sid = 'CAd2';
select is(pg_temp.dialled('aaaaaaaa-0000-4000-8000-000000000000'), 210::bigint, 'completing it adds its 120 s');

-- Twilio retries the callback; the recording and the pipeline update the call.
update public.calls set call_status = 'completed', duration_s = 120 where call_sid = 'CAd2';
update public.calls set recording_duration_s = 118, pipeline_status = 'done' where call_sid = 'CAd2';
select is(pg_temp.dialled('aaaaaaaa-0000-4000-8000-000000000000'), 210::bigint, 'retries and other updates add nothing');

-- A longer duration reported later adds only the difference; a shorter one takes nothing back.
update public.calls set duration_s = 150 where call_sid = 'CAd2';
select is(pg_temp.dialled('aaaaaaaa-0000-4000-8000-000000000000'), 240::bigint, 'a longer duration adds the 30 s difference');
update public.calls set duration_s = 100 where call_sid = 'CAd2';
select is(pg_temp.dialled('aaaaaaaa-0000-4000-8000-000000000000'), 240::bigint, 'a shorter one changes nothing');

select is(pg_temp.dialled('bbbbbbbb-0000-4000-8000-000000000000'), 0::bigint, 'tenant B''s count is its own');
select is((select count(*)::int from private.dial_seconds_daily where day <> (now() at time zone 'UTC')::date), 0,
          'only today is counted');

-- The day's count is spread over one counter per writing connection (its pg_backend_pid(), so
-- concurrent call-status webhooks never wait on one row): what another connection counted adds
-- to this one's.
select is((select shard::int from private.dial_seconds_daily
            where tenant_id = 'aaaaaaaa-0000-4000-8000-000000000000'), pg_backend_pid(),
          'this connection counts in its own counter');
insert into private.dial_seconds_daily (tenant_id, day, shard, seconds)
values ('aaaaaaaa-0000-4000-8000-000000000000', (now() at time zone 'UTC')::date, pg_backend_pid() + 1, 60);
select is(pg_temp.dialled('aaaaaaaa-0000-4000-8000-000000000000'), 300::bigint,
          'the day''s count is the sum of its counters');

select * from finish();
rollback;
