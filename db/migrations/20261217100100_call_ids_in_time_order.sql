-- New calls get ids in time order (UUID version 7) instead of random ones, so that inserting a
-- call, and the transcript lines, jobs, insight and hits keyed by it, appends to the indexes that
-- hold the id instead of touching a random page of each. Existing ids stay as they are: both
-- kinds are valid UUIDs and nothing reads meaning into an id.
-- The body is in db/functions/private.uuid_v7.sql, applied right after the migrations. Until then
-- a new call fails rather than get an id by another rule.
create function private.uuid_v7() returns uuid
language plpgsql as $$
begin raise exception 'private.uuid_v7: db/functions not applied yet'; end $$;
revoke all on function private.uuid_v7() from public, anon, authenticated;
grant execute on function private.uuid_v7() to service_role;

alter table public.calls alter column id set default private.uuid_v7();
