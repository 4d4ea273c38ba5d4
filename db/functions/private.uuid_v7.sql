-- A call's id, ordered by when it was made: UUID version 7 (RFC 9562, section 5.7: 48 bits of Unix
-- milliseconds, the version 0111, then random bits; the variant bits are gen_random_uuid's).
-- A random id put every new call, and every row keyed by its call (transcript lines, jobs,
-- insights, tracker hits), on a random leaf of each index that holds the id: 7 of the calls
-- table's 12 (its key, and the six sorts, where a new call's sort keys are all equal) and the
-- keys of the tables below it.
-- Ids in time order append to the same few pages, which stay cached and after a checkpoint are
-- written whole to the WAL once, not once per call (docs/benchmarks.md, "Call ids in time order").
-- SQL with every name qualified and no SET clause, so PostgreSQL inlines it into the insert
-- (0.6 us a call against 3.7 us as a called function); PostgreSQL 18's uuidv7() does the same.
create or replace function private.uuid_v7()
returns uuid
language sql volatile parallel safe
as $$
  select pg_catalog.encode(
           pg_catalog.set_bit(pg_catalog.set_bit(
             overlay(pg_catalog.uuid_send(pg_catalog.gen_random_uuid())
                     placing pg_catalog.substr(pg_catalog.int8send(pg_catalog.floor(
                               pg_catalog.date_part('epoch', pg_catalog.clock_timestamp()) * 1000)::bigint), 3)
                     from 1 for 6),
             52, 1), 53, 1),
           'hex')::uuid
$$;
comment on function private.uuid_v7() is 'A UUID version 7 (RFC 9562): Unix milliseconds first, so ids made later sort later. The default of calls.id.';

revoke all on function private.uuid_v7() from public, anon, authenticated;
grant execute on function private.uuid_v7() to service_role;
