-- Local stand-in for the parts of Supabase's auth schema that Converza uses.
--
-- On a Supabase project every object below already exists and is owned by
-- supabase_admin / supabase_auth_admin, so each one is created (and granted)
-- only when it is absent; nothing here alters an existing object.
-- Column names and function bodies mirror supabase/auth (see
-- reference/api_contracts.md §7.4).

-- Roles PostgREST switches to. NOLOGIN: a login role (e.g. authenticator, or
-- the server's own user) is granted them and runs `set local role ...`.
do $$
begin
  if not exists (select from pg_catalog.pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_catalog.pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_catalog.pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- The schema, created with its usage grant only when we own it.
do $$
begin
  if not exists (select from pg_catalog.pg_namespace where nspname = 'auth') then
    create schema auth;
    grant usage on schema auth to anon, authenticated, service_role;
  end if;
end
$$;

-- Users, sessions and refresh tokens: read and written by the GoTrue-compatible
-- endpoints (running as the server's own user), never by anon/authenticated.
do $$
begin
  if to_regclass('auth.users') is null then
    create table auth.users (
      id                   uuid primary key default gen_random_uuid(),
      instance_id          uuid,
      aud                  varchar(255),
      role                 varchar(255),
      email                varchar(255),
      encrypted_password   varchar(255),
      email_confirmed_at   timestamptz,
      invited_at           timestamptz,
      confirmation_token   varchar(255),
      confirmation_sent_at timestamptz,
      recovery_token       varchar(255),
      recovery_sent_at     timestamptz,
      last_sign_in_at      timestamptz,
      raw_app_meta_data    jsonb,
      raw_user_meta_data   jsonb,
      is_super_admin       boolean,
      created_at           timestamptz default now(),
      updated_at           timestamptz default now(),
      phone                text unique default null,
      phone_confirmed_at   timestamptz,
      banned_until         timestamptz,
      deleted_at           timestamptz,
      is_anonymous         boolean not null default false
    );
    create unique index users_email_lower_key on auth.users (lower(email));
    comment on table auth.users is 'Local shim of Supabase auth.users: one row per login.';
    revoke all on auth.users from public, anon, authenticated;
    grant all on auth.users to service_role;
  end if;

  if to_regclass('auth.sessions') is null then
    create table auth.sessions (
      id         uuid primary key,
      user_id    uuid not null references auth.users (id) on delete cascade,
      created_at timestamptz default now(),
      updated_at timestamptz default now(),
      not_after  timestamptz,
      aal        text,
      user_agent text,
      ip         inet
    );
    create index sessions_user_id_idx on auth.sessions (user_id);
    comment on table auth.sessions is 'Local shim of Supabase auth.sessions: one row per signed-in session (JWT session_id).';
    revoke all on auth.sessions from public, anon, authenticated;
    grant all on auth.sessions to service_role;
  end if;

  if to_regclass('auth.refresh_tokens') is null then
    create table auth.refresh_tokens (
      id         bigserial primary key,
      token      text unique,
      user_id    uuid references auth.users (id) on delete cascade,
      session_id uuid references auth.sessions (id) on delete cascade,
      parent     text,
      revoked    boolean default false,
      created_at timestamptz default now(),
      updated_at timestamptz default now()
    );
    create index refresh_tokens_session_id_idx on auth.refresh_tokens (session_id);
    comment on table auth.refresh_tokens is 'Local shim of Supabase auth.refresh_tokens: rotated on every refresh; parent detects reuse.';
    revoke all on auth.refresh_tokens from public, anon, authenticated;
    revoke all on sequence auth.refresh_tokens_id_seq from public, anon, authenticated;
    grant all on auth.refresh_tokens to service_role;
    grant all on sequence auth.refresh_tokens_id_seq to service_role;
  end if;
end
$$;

-- auth.uid(), auth.role(), auth.email(), auth.jwt(): read the claims the server
-- (or PostgREST) sets with set_config('request.jwt.claims', ..., true).
do $$
begin
  if not exists (select from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
                 where n.nspname = 'auth' and p.proname = 'uid') then
    create function auth.uid() returns uuid language sql stable as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
      )::uuid
    $f$;
    comment on function auth.uid() is 'Deprecated. Use auth.jwt() -> ''sub'' instead.';
    grant execute on function auth.uid() to anon, authenticated, service_role;
  end if;

  if not exists (select from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
                 where n.nspname = 'auth' and p.proname = 'role') then
    create function auth.role() returns text language sql stable as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
    $f$;
    comment on function auth.role() is 'Deprecated. Use auth.jwt() -> ''role'' instead.';
    grant execute on function auth.role() to anon, authenticated, service_role;
  end if;

  if not exists (select from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
                 where n.nspname = 'auth' and p.proname = 'email') then
    create function auth.email() returns text language sql stable as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim.email', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
      )::text
    $f$;
    comment on function auth.email() is 'Deprecated. Use auth.jwt() -> ''email'' instead.';
    grant execute on function auth.email() to anon, authenticated, service_role;
  end if;

  if not exists (select from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
                 where n.nspname = 'auth' and p.proname = 'jwt') then
    create function auth.jwt() returns jsonb language sql stable as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
      )::jsonb
    $f$;
    grant execute on function auth.jwt() to anon, authenticated, service_role;
  end if;
end
$$;
