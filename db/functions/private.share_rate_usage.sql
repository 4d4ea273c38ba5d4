-- One server's batch of request counts in, every server's use of those keys out: the one
-- statement behind src/api/shared_rate_limits.cc, sent every RATE_LIMIT_SYNC_MS rather than per
-- request. `hits[i]` requests were admitted for (scopes[i], keys[i]) since the caller's last
-- call; the answer is each key's use over the last minute on all servers, as a sliding window
-- (the previous minute's count weighted by how much of it is still inside the window, plus the
-- current minute's), which the caller compares with its limit.
--
-- Rows are added in key order, so two servers with overlapping batches lock them in the same
-- order and cannot deadlock. Minutes before the previous one are deleted as they pass.
-- Security definer: callers reach the counts only through this function.
create or replace function private.share_rate_usage(scopes text[], keys text[], hits bigint[])
returns table (scope text, key text, used double precision)
language plpgsql security definer set search_path = ''
as $$
declare
  minute timestamptz := pg_catalog.date_trunc('minute', pg_catalog.now());
  elapsed double precision :=
    extract(epoch from pg_catalog.now() - pg_catalog.date_trunc('minute', pg_catalog.now())) / 60;
begin
  if pg_catalog.cardinality(scopes) <> pg_catalog.cardinality(keys)
     or pg_catalog.cardinality(keys) <> pg_catalog.cardinality(hits) then
    raise exception 'share_rate_usage: scopes, keys and hits must have the same length'
      using errcode = '22023';
  end if;

  insert into private.rate_counters as c (scope, key, window_start, hits)
  select u.s, u.k, minute, u.h
    from unnest(scopes, keys, hits) as u(s, k, h)
   where u.h > 0
   order by u.s, u.k
  on conflict on constraint rate_counters_pkey do update set hits = c.hits + excluded.hits;

  delete from private.rate_counters c where c.window_start < minute - interval '1 minute';

  return query
  select u.s, u.k,
         coalesce(prev.hits, 0) * (1 - elapsed) + coalesce(cur.hits, 0)
    from unnest(scopes, keys) as u(s, k)
    left join private.rate_counters cur
      on cur.scope = u.s and cur.key = u.k and cur.window_start = minute
    left join private.rate_counters prev
      on prev.scope = u.s and prev.key = u.k and prev.window_start = minute - interval '1 minute';
end
$$;
comment on function private.share_rate_usage(text[], text[], bigint[]) is 'Adds a server''s admitted requests per (scope, key) and returns each key''s use over the last minute on every server (sliding window).';

revoke all on function private.share_rate_usage(text[], text[], bigint[]) from public, anon, authenticated;
grant execute on function private.share_rate_usage(text[], text[], bigint[]) to service_role;
