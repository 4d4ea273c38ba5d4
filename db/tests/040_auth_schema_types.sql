-- The `auth` tables Converza's queries touch have Supabase's real column types, whichever made
-- them: the shim (migration 20261206000100) or Supabase itself (the deploy_supabase_rls test
-- runs this file on tests/support/supabase_auth_schema.sql). A query written against a
-- "natural" type here would fail on a real project, as refresh once did.
begin;
select plan(16);

select col_type_is('auth', 'refresh_tokens', 'id', 'bigint', 'refresh_tokens.id is a bigint (bigserial)');
select col_type_is('auth', 'refresh_tokens', 'user_id', 'character varying(255)', 'refresh_tokens.user_id is varchar(255), not uuid');
select col_type_is('auth', 'refresh_tokens', 'token', 'character varying(255)', 'refresh_tokens.token is varchar(255)');
select col_type_is('auth', 'refresh_tokens', 'parent', 'character varying(255)', 'refresh_tokens.parent is varchar(255)');
select col_type_is('auth', 'refresh_tokens', 'session_id', 'uuid', 'refresh_tokens.session_id is a uuid');
select col_type_is('auth', 'sessions', 'aal', 'auth.aal_level', 'sessions.aal is the enum auth.aal_level');
select enum_has_labels('auth', 'aal_level', array['aal1', 'aal2', 'aal3'], 'aal_level is aal1, aal2, aal3');
select col_type_is('auth', 'sessions', 'refreshed_at', 'timestamp without time zone', 'sessions.refreshed_at has no time zone');
select col_type_is('auth', 'sessions', 'ip', 'inet', 'sessions.ip is inet');
select col_type_is('auth', 'identities', 'id', 'uuid', 'identities.id is a uuid');
select col_type_is('auth', 'identities', 'provider_id', 'text', 'identities.provider_id is text');
select col_not_null('auth', 'identities', 'provider_id', 'identities.provider_id is not null');
select col_type_is('auth', 'users', 'phone', 'text', 'users.phone is text');
select col_not_null('auth', 'users', 'is_sso_user', 'users.is_sso_user is not null');
select col_not_null('auth', 'users', 'is_anonymous', 'users.is_anonymous is not null');
select is((select count(*)::int from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
            where n.nspname = 'auth' and p.proname in ('uid', 'role', 'jwt')), 3,
          'auth.uid(), auth.role() and auth.jwt() exist');

select * from finish();
rollback;
