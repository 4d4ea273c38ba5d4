-- A database as a real Supabase project hands it over, before `converza migrate` runs: the
-- roles Supabase's Postgres image creates, and the `auth` schema exactly as GoTrue's own
-- migrations leave it (tables, column types, enum, constraints, the indexes Converza's queries
-- meet, the helper functions), owned by supabase_auth_admin rather than by whoever migrates.
-- Facts from Supabase's auth migrations (https://github.com/supabase/auth/tree/master/migrations,
-- late 2026; summary in docs/architecture.md#supabase-auth-schema) and the supabase/postgres
-- init scripts (roles, grants, default privileges).
--
--   psql -v owner=ROLE -f tests/support/supabase_auth_schema.sql   (as a superuser)
--
-- `owner` plays Supabase's `postgres` role: not a superuser, BYPASSRLS, a member of anon,
-- authenticated and service_role, all privileges (without grant option) on the auth tables,
-- and default privileges that hand every table it creates in `public` to anon and
-- authenticated — which is why each migration revokes before it grants.
\set ON_ERROR_STOP on
set client_min_messages = warning;

-- Roles are per cluster; another database of the test run may have made them already.
select format('create role %I nologin noinherit', r)
  from unnest(array['anon', 'authenticated']) r
 where not exists (select from pg_roles where rolname = r) \gexec
select 'create role service_role nologin noinherit bypassrls'
 where not exists (select from pg_roles where rolname = 'service_role') \gexec
select 'create role authenticator login noinherit'
 where not exists (select from pg_roles where rolname = 'authenticator') \gexec
select 'create role supabase_auth_admin login noinherit createrole'
 where not exists (select from pg_roles where rolname = 'supabase_auth_admin') \gexec
grant anon, authenticated, service_role to authenticator;
alter role :"owner" bypassrls;
grant anon, authenticated, service_role to :"owner";

-- Supabase's default privileges on public for objects `postgres` creates.
alter default privileges for role :"owner" in schema public
  grant all on tables to anon, authenticated, service_role;
alter default privileges for role :"owner" in schema public
  grant all on sequences to anon, authenticated, service_role;
alter default privileges for role :"owner" in schema public
  grant all on functions to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;

create schema auth authorization supabase_auth_admin;
set role supabase_auth_admin;

create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');

create table auth.users (
  instance_id uuid,
  id uuid not null,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255),
  email_change varchar(255),
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text default null::character varying,
  phone_confirmed_at timestamptz,
  phone_change text default ''::character varying,
  phone_change_token varchar(255) default ''::character varying,
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current varchar(255) default ''::character varying,
  email_change_confirm_status smallint default 0,
  banned_until timestamptz,
  reauthentication_token varchar(255) default ''::character varying,
  reauthentication_sent_at timestamptz,
  is_sso_user boolean not null default false,
  deleted_at timestamptz,
  is_anonymous boolean not null default false,
  constraint users_pkey primary key (id),
  constraint users_phone_key unique (phone));
-- GoTrue's: unique e-mail among non-SSO users, case as stored (GoTrue lower-cases on write).
create unique index users_email_partial_key on auth.users (email) where (is_sso_user = false);
create index users_instance_id_idx on auth.users (instance_id);

create table auth.sessions (
  id uuid not null,
  user_id uuid not null,
  created_at timestamptz,
  updated_at timestamptz,
  factor_id uuid,
  aal auth.aal_level,
  not_after timestamptz,
  refreshed_at timestamp without time zone,
  user_agent text,
  ip inet,
  tag text,
  oauth_client_id uuid,
  refresh_token_hmac_key text,
  refresh_token_counter bigint,
  scopes text,
  constraint sessions_pkey primary key (id),
  constraint sessions_user_id_fkey foreign key (user_id) references auth.users (id) on delete cascade);
create index sessions_user_id_idx on auth.sessions (user_id);

create table auth.refresh_tokens (
  instance_id uuid,
  id bigserial not null,
  token varchar(255),
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz,
  updated_at timestamptz,
  parent varchar(255),
  session_id uuid,
  constraint refresh_tokens_pkey primary key (id),
  constraint refresh_tokens_token_unique unique (token),
  constraint refresh_tokens_session_id_fkey foreign key (session_id)
    references auth.sessions (id) on delete cascade);
create index refresh_tokens_instance_id_user_id_idx on auth.refresh_tokens (instance_id, user_id);
create index refresh_tokens_parent_idx on auth.refresh_tokens (parent);
create index refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);

create table auth.identities (
  provider_id text not null,
  user_id uuid not null,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid not null default gen_random_uuid(),
  constraint identities_pkey primary key (id),
  constraint identities_provider_id_provider_unique unique (provider_id, provider),
  constraint identities_user_id_fkey foreign key (user_id) references auth.users (id) on delete cascade);
create index identities_user_id_idx on auth.identities (user_id);

create function auth.uid() returns uuid language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
$$;
create function auth.role() returns text language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
                  (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text
$$;
create function auth.jwt() returns jsonb language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                  nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$$;

reset role;
grant usage on schema auth to anon, authenticated, service_role;
-- What Supabase's image grants `postgres` on the auth schema (no grant option).
grant all on schema auth to :"owner";
grant all on all tables in schema auth to :"owner";
grant all on all sequences in schema auth to :"owner";
grant all on all routines in schema auth to :"owner";
