-- Every table in public has row-level security enabled AND forced, found
-- automatically so a new table without RLS fails here; plus the grants that
-- keep anon out and auth.* private.
begin;

select plan(
  (select count(*)::int from pg_catalog.pg_class c
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')) + 14
);

-- One assertion per public table. (The migrator's bookkeeping lives outside public, in
-- converza_migrations.)
select ok(c.relrowsecurity and c.relforcerowsecurity,
          format('public.%I has row level security enabled and forced', c.relname))
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
 where n.nspname = 'public' and c.relkind in ('r', 'p')
 order by c.relname;

select cmp_ok(
  (select count(*)::int from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')),
  '>=', 12, 'all twelve Converza tables are in public');

-- Every table except twilio_accounts has at least one policy; twilio_accounts has none.
select is_empty($$
  select c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'twilio_accounts'
     and not exists (select 1 from pg_catalog.pg_policy p where p.polrelid = c.oid)
$$, 'every public table except twilio_accounts has policies');
select policies_are('public', 'twilio_accounts', '{}'::name[], 'twilio_accounts has no policies at all');

-- No policy applies to anon or public: all are `to authenticated`, except the public price list
-- (plans, see 050_plans_price_list.sql).
select is_empty($$
  select polname from pg_catalog.pg_policy p join pg_catalog.pg_class c on c.oid = p.polrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and p.polroles <> array['authenticated'::regrole]::oid[]
     and c.relname <> 'plans'
$$, 'every policy except the price list''s is granted to authenticated only');

-- anon holds no privilege on any public table but reading the price list.
select is_empty($$
  select g.table_name, g.grantee, g.privilege_type from information_schema.role_table_grants g
    join information_schema.tables t using (table_schema, table_name)
   where g.table_schema = 'public' and t.table_type = 'BASE TABLE' and g.grantee in ('anon', 'PUBLIC')
     and not (g.table_name = 'plans' and g.grantee = 'anon' and g.privilege_type = 'SELECT')
$$, 'anon and PUBLIC have no privileges on public tables but reading plans');
select ok(to_regclass('converza_migrations.schema_migrations') is null
          or not has_schema_privilege('authenticated', 'converza_migrations', 'usage'),
          'authenticated cannot reach the migrator''s bookkeeping');

-- authenticated cannot touch auth's tables or the twilio secrets.
select ok(not has_table_privilege('authenticated', 'auth.users', 'select'), 'authenticated cannot read auth.users');
select ok(not has_table_privilege('authenticated', 'auth.sessions', 'select'), 'authenticated cannot read auth.sessions');
select ok(not has_table_privilege('authenticated', 'auth.refresh_tokens', 'select'), 'authenticated cannot read auth.refresh_tokens');
select ok(not has_table_privilege('authenticated', 'public.twilio_accounts', 'select'), 'authenticated cannot read twilio_accounts');

-- Policy helpers: security definer with an empty search_path, callable by authenticated only.
-- The exceptions run as their caller with no SET clause so that PostgreSQL can inline them, and
-- gain no privilege: uuid_v7 (the default of calls.id), which names everything by schema, and the
-- search documents' immutable key functions (migration 20261221100100), whose SQL-standard bodies
-- are resolved once, when they are created, so no search_path can change what they call.
select is_empty($$
  select p.proname from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
   where n.nspname = 'private' and p.proname <> 'uuid_v7'
     and not (p.prosqlbody is not null and p.provolatile = 'i' and not p.prosecdef)
     and not (p.prosecdef and p.proconfig @> array['search_path=""'])
$$, 'every private helper is security definer with search_path pinned to empty');
select ok(not p.prosecdef and p.proconfig is null
          and p.prosrc !~ '(^|[^.[:alnum:]_])(encode|set_bit|uuid_send|gen_random_uuid|substr|int8send|floor|date_part|clock_timestamp)\('
          and not has_function_privilege('authenticated', p.oid, 'execute')
          and not has_function_privilege('anon', p.oid, 'execute'),
          'private.uuid_v7 runs as its caller, names every function by schema, and no API role can call it')
  from pg_catalog.pg_proc p where p.oid = 'private.uuid_v7()'::regprocedure;
select ok(has_function_privilege('authenticated', 'private.my_tenant_ids()', 'execute')
          and not has_function_privilege('anon', 'private.my_tenant_ids()', 'execute'),
          'authenticated, not anon, can execute private.my_tenant_ids()');
select ok(not has_function_privilege('authenticated', 'public.refresh_kpi_daily(uuid, date)', 'execute')
          and has_function_privilege('service_role', 'public.refresh_kpi_daily(uuid, date)', 'execute'),
          'only service_role can execute refresh_kpi_daily');

select * from finish();
rollback;
