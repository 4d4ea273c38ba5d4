-- Seconds of calls each tenant ended per UTC day: what the voice webhook checks against the
-- tenant's daily budget of dialled minutes (DIAL_MINUTES_PER_DAY) before it forwards a call to
-- agents on the platform's Twilio account, and what bounds that call (<Dial timeLimit>).
-- Summing the day's calls on every inbound call would cost O(calls today) per webhook; this
-- keeps it one primary-key lookup. A trigger keeps it, so every writer of calls.duration_s (the
-- call-status webhook today) is counted, once per second it adds: Twilio's retries of a status
-- callback carry the same duration and add nothing. The day is the day the duration became
-- known (when the call ended), whatever started_at the recording later gives the call.
-- In `private`: not exposed through the API.

create table private.dial_seconds_daily (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  day       date not null,
  seconds   bigint not null default 0 check (seconds >= 0),
  primary key (tenant_id, day)
);
comment on table private.dial_seconds_daily is 'Seconds of calls each tenant ended per UTC day (calls.duration_s); the voice webhook''s daily dialling budget. Kept by trigger on public.calls.';

revoke all on private.dial_seconds_daily from public, anon, authenticated;
grant all on private.dial_seconds_daily to service_role;

-- Adds what a row's duration_s grew by to the tenant's count for today.
create function private.count_dial_seconds()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  added bigint := new.duration_s - case when tg_op = 'UPDATE' then coalesce(old.duration_s, 0) else 0 end;
begin
  insert into private.dial_seconds_daily as d (tenant_id, day, seconds)
  values (new.tenant_id, (now() at time zone 'UTC')::date, added)
  on conflict (tenant_id, day) do update set seconds = d.seconds + excluded.seconds;
  return null;
end
$$;
comment on function private.count_dial_seconds() is 'Trigger on public.calls: counts the seconds duration_s grew by into private.dial_seconds_daily.';
revoke all on function private.count_dial_seconds() from public, anon, authenticated;

-- The conditions keep the trigger off the hot paths that do not touch duration_s (the recording
-- webhook's group commit, the pipeline's status updates).
create trigger calls_count_dial_seconds_on_insert
  after insert on public.calls
  for each row when (new.duration_s > 0)
  execute function private.count_dial_seconds();
create trigger calls_count_dial_seconds_on_update
  after update of duration_s on public.calls
  for each row when (new.duration_s > coalesce(old.duration_s, 0))
  execute function private.count_dial_seconds();

-- Today's calls that already ended count against today's budget from the start.
insert into private.dial_seconds_daily (tenant_id, day, seconds)
select tenant_id, (now() at time zone 'UTC')::date, sum(duration_s)
  from public.calls
 where duration_s > 0 and updated_at >= (now() at time zone 'UTC')::date::timestamp at time zone 'UTC'
 group by tenant_id;
