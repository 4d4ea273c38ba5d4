-- A new call's id is a UUID version 7 (migration 20261217100100): the Unix milliseconds it was made
-- in first, so calls made later have greater ids and their index entries append. The default is
-- inlined into the insert rather than called (the reason it is SQL with no SET clause).
begin;
\ir fixtures/two_tenants.psql
select plan(6);

\set tenant_a '''aaaaaaaa-0000-4000-8000-000000000000'''

set local role service_role;
create temporary table made (n int, id uuid, at timestamptz) on commit drop;
with c as (insert into public.calls (tenant_id, call_sid) values (:tenant_a, 'CAv7-1') returning id)
insert into made select 1, id, clock_timestamp() from c;
select pg_sleep(0.005);
with c as (insert into public.calls (tenant_id, call_sid) values (:tenant_a, 'CAv7-2') returning id)
insert into made select 2, id, clock_timestamp() from c;
reset role;

select is((select pg_catalog.substr(id::text, 15, 1) from made where n = 1), '7',
          'the version digit is 7');
select ok((select pg_catalog.substr(id::text, 20, 1) in ('8', '9', 'a', 'b') from made where n = 1),
          'the variant is RFC 9562''s (binary 10)');
select ok((select abs(('x' || pg_catalog.replace(pg_catalog.substr(id::text, 1, 13), '-', ''))::bit(48)::bigint
                      - floor(extract(epoch from at) * 1000)::bigint) < 1000
             from made where n = 1),
          'the first 48 bits are the Unix milliseconds the call was made in');
select ok((select id from made where n = 2) > (select id from made where n = 1),
          'a call made later has a greater id');
select is((select count(distinct pg_catalog.substr(id::text, 20)) from made)::int, 2,
          'the rest is random: two calls differ after the timestamp');

create function pg_temp.plan_of_insert() returns setof text language plpgsql as $$
begin
  return query execute 'explain (verbose, costs off) insert into public.calls (tenant_id, call_sid)
                        values (''aaaaaaaa-0000-4000-8000-000000000000'', ''CAv7-3'')';
end $$;
select ok(not exists (select 1 from pg_temp.plan_of_insert() p where p like '%uuid_v7%')
          and exists (select 1 from pg_temp.plan_of_insert() p where p like '%gen_random_uuid%'),
          'the default is inlined into the insert, not called');

select * from finish();
rollback;
