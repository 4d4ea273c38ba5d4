-- The one step of a plain-PostgreSQL install that needs a superuser (docs/deploy.md §3):
-- the roles. Only a superuser may give BYPASSRLS (PostgreSQL 15 and earlier), and the server's
-- role needs it because every tenant table forces row-level security.
--
--   psql -v owner=converza_owner -v app=converza_app -v db=converza -f deploy/postgres/roles.sql
--
--   owner  owns the database and every object the migrations create; runs `converza migrate`.
--          Not a superuser, but BYPASSRLS: the policies' helper functions (private.*) run as
--          their owner and read memberships across tenants, under tables that force RLS.
--   app    what `converza serve` and `converza work` connect as (DATABASE_URL). Not a superuser
--          and not the owner: it reaches the tables through service_role (the migrations grant
--          service_role every privilege the server uses), bypasses RLS for webhooks and workers,
--          and switches to anon/authenticated for users' requests, so RLS decides those.
--
-- Idempotent. Set passwords afterwards with \password (never on a command line).
\set ON_ERROR_STOP on
set client_min_messages = warning;

-- PostgREST's roles, as Supabase names them (the migrations create them too, but a
-- non-superuser owner cannot give service_role its BYPASSRLS).
select format('create role %I nologin noinherit', r)
  from unnest(array['anon', 'authenticated']) r
 where not exists (select from pg_roles where rolname = r) \gexec
select 'create role service_role nologin noinherit bypassrls'
 where not exists (select from pg_roles where rolname = 'service_role') \gexec

select format('create role %I login nosuperuser bypassrls', :'owner')
 where not exists (select from pg_roles where rolname = :'owner') \gexec
select format('create role %I login nosuperuser bypassrls', :'app')
 where not exists (select from pg_roles where rolname = :'app') \gexec
grant anon, authenticated, service_role to :"app";

select format('create database %I owner %I', :'db', :'owner')
 where not exists (select from pg_database where datname = :'db') \gexec
