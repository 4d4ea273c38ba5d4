-- The trigger function behind private.dial_seconds_daily (the voice webhook's daily dialling
-- budget): adds what a calls row's duration_s grew by to the tenant's count for today (UTC), in
-- the writing connection's own counter (shard = pg_backend_pid(); migration
-- 20261214200100_dial_seconds_per_connection.sql), so no two open transactions share a row and
-- concurrent webhooks never wait on each other here.
-- The triggers that call it (calls_count_dial_seconds_on_insert / _on_update) are in migration
-- 20261204000100_create_dial_seconds_daily.sql.
create or replace function private.count_dial_seconds()
returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  added bigint := new.duration_s - case when tg_op = 'UPDATE' then coalesce(old.duration_s, 0) else 0 end;
begin
  insert into private.dial_seconds_daily as d (tenant_id, day, shard, seconds)
  values (new.tenant_id, (now() at time zone 'UTC')::date, pg_backend_pid(), added)
  on conflict (tenant_id, day, shard) do update set seconds = d.seconds + excluded.seconds;
  return null;
end
$$;
comment on function private.count_dial_seconds() is 'Trigger on public.calls: counts the seconds duration_s grew by into private.dial_seconds_daily.';

revoke all on function private.count_dial_seconds() from public, anon, authenticated;
