-- The auth shim takes Supabase's real column types (as GoTrue's own migrations leave them;
-- tests/support/supabase_auth_schema.sql builds that schema for the tests): the same
-- queries then run on the shim and on a Supabase project, and the tests on the shim catch what
-- would break there. Before this, refresh_tokens.user_id was uuid here and varchar(255) on
-- Supabase, so a join written for one failed on the other ("operator does not exist: uuid =
-- character varying").
--
-- Only the shim's own tables change (their comment starts 'Local shim'); a project's real auth
-- tables are never touched.
do $$
declare
  shim constant text := 'Local shim%';
begin
  if obj_description('auth.refresh_tokens'::regclass, 'pg_class') like shim then
    alter table auth.refresh_tokens drop constraint if exists refresh_tokens_user_id_fkey;
    alter table auth.refresh_tokens
      alter column user_id type varchar(255) using user_id::text,
      alter column token type varchar(255),
      alter column parent type varchar(255),
      add column if not exists instance_id uuid;
    create index if not exists refresh_tokens_instance_id_user_id_idx
      on auth.refresh_tokens (instance_id, user_id);
    create index if not exists refresh_tokens_parent_idx on auth.refresh_tokens (parent);
  end if;

  if obj_description('auth.sessions'::regclass, 'pg_class') like shim then
    if to_regtype('auth.aal_level') is null then
      create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
    end if;
    alter table auth.sessions
      alter column aal type auth.aal_level using aal::auth.aal_level,
      add column if not exists factor_id uuid,
      add column if not exists refreshed_at timestamp without time zone,
      add column if not exists tag text,
      add column if not exists oauth_client_id uuid,
      add column if not exists refresh_token_hmac_key text,
      add column if not exists refresh_token_counter bigint,
      add column if not exists scopes text;
  end if;

  if obj_description('auth.users'::regclass, 'pg_class') like shim then
    alter table auth.users
      add column if not exists email_change_token_new varchar(255),
      add column if not exists email_change varchar(255),
      add column if not exists email_change_sent_at timestamptz,
      add column if not exists phone_change text default '',
      add column if not exists phone_change_token varchar(255) default '',
      add column if not exists phone_change_sent_at timestamptz,
      add column if not exists confirmed_at timestamptz
        generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
      add column if not exists email_change_token_current varchar(255) default '',
      add column if not exists email_change_confirm_status smallint default 0,
      add column if not exists reauthentication_token varchar(255) default '',
      add column if not exists reauthentication_sent_at timestamptz,
      add column if not exists is_sso_user boolean not null default false;
  end if;

  -- GoTrue keeps one identity per sign-in method; the built-in endpoints write the e-mail one.
  if to_regclass('auth.identities') is null then
    create table auth.identities (
      provider_id     text not null,
      user_id         uuid not null references auth.users (id) on delete cascade,
      identity_data   jsonb not null,
      provider        text not null,
      last_sign_in_at timestamptz,
      created_at      timestamptz,
      updated_at      timestamptz,
      email           text generated always as (lower(identity_data ->> 'email')) stored,
      id              uuid primary key default gen_random_uuid(),
      unique (provider_id, provider));
    create index identities_user_id_idx on auth.identities (user_id);
    comment on table auth.identities is 'Local shim of Supabase auth.identities: how a user signs in (here: email).';
    revoke all on auth.identities from public, anon, authenticated;
    grant all on auth.identities to service_role;
  end if;
end
$$;
