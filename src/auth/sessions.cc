#include "auth/sessions.h"

#include <openssl/rand.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "auth/jwt.h"

namespace converza::auth {
namespace {

// GoTrue's user object (models/user.go json tags), identities from auth.identities.
constexpr std::string_view kUserJson = R"sql(
  json_build_object(
    'id', u.id, 'aud', coalesce(u.aud, ''), 'role', coalesce(u.role, ''),
    'email', coalesce(u.email, ''), 'email_confirmed_at', u.email_confirmed_at,
    'phone', coalesce(u.phone, ''), 'confirmed_at', coalesce(u.email_confirmed_at, u.phone_confirmed_at),
    'last_sign_in_at', u.last_sign_in_at, 'recovery_sent_at', u.recovery_sent_at,
    'app_metadata', coalesce(u.raw_app_meta_data, '{}'::jsonb),
    'user_metadata', coalesce(u.raw_user_meta_data, '{}'::jsonb),
    'identities', coalesce((
      select json_agg(json_build_object(
               'identity_id', i.id, 'id', i.provider_id, 'user_id', i.user_id,
               'identity_data', i.identity_data, 'provider', i.provider,
               'last_sign_in_at', i.last_sign_in_at, 'created_at', i.created_at,
               'updated_at', i.updated_at, 'email', i.email) order by i.created_at)
        from auth.identities i where i.user_id = u.id), '[]'),
    'created_at', u.created_at, 'updated_at', u.updated_at, 'is_anonymous', u.is_anonymous))sql";

const std::string kSelectUser =
    "select " + std::string(kUserJson) + "::text from auth.users u where u.id = $1::uuid";

// A new e-mail user and its e-mail identity, as GoTrue writes them. The e-mail arrives
// lower-cased; the lock makes "is it taken?" and the insert one step on any schema (Supabase's
// unique index is on `email` among non-SSO users, the shim's on lower(email)).
constexpr std::string_view kInsertUser = R"sql(
  with lock as (select pg_advisory_xact_lock(hashtextextended('auth.users:' || lower($1), 0))),
  u as (
    insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at,
                            raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    select gen_random_uuid(), 'authenticated', 'authenticated', $1, $2, now(),
           '{"provider":"email","providers":["email"]}', $3::jsonb, now(), now()
      from lock
     where not exists (select 1 from auth.users where lower(email) = lower($1))
    on conflict do nothing
    returning id, email),
  i as (
    insert into auth.identities (provider_id, user_id, identity_data, provider, created_at,
                                 updated_at)
    select u.id::text, u.id,
           jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true,
                              'phone_verified', false),
           'email', now(), now()
      from u)
  select id::text from u)sql";

constexpr std::string_view kFindByEmail = R"sql(
  select id::text, coalesce(encrypted_password, ''), email_confirmed_at is not null,
         coalesce(banned_until > now(), false)
  from auth.users where lower(email) = lower($1) and deleted_at is null)sql";

constexpr std::string_view kStartSession = R"sql(
  with u as (update auth.users set last_sign_in_at = now(), updated_at = now()
             where id = $1::uuid returning id),
       i as (update auth.identities set last_sign_in_at = now(), updated_at = now()
             where user_id = $1::uuid and provider = 'email'),
       s as (insert into auth.sessions (id, user_id, aal, user_agent, ip, created_at, updated_at)
             select gen_random_uuid(), u.id, 'aal1', nullif($3, ''), nullif($4, '')::inet, now(), now()
             from u returning id, user_id)
  insert into auth.refresh_tokens (token, user_id, session_id, revoked, created_at, updated_at)
  select encode(sha256(convert_to($2, 'UTF8')), 'hex'), s.user_id::text, s.id, false, now(), now()
    from s
  returning session_id::text)sql";

// The claims of GoTrue's AccessTokenClaims, from the rows as they are now.
constexpr std::string_view kClaims = R"sql(
  select json_build_object(
    'iss', $2::text, 'sub', u.id, 'aud', coalesce(u.aud, 'authenticated'),
    'exp', $3::bigint, 'iat', $4::bigint,
    'email', coalesce(u.email, ''), 'phone', coalesce(u.phone, ''),
    'app_metadata', coalesce(u.raw_app_meta_data, '{}'::jsonb),
    'user_metadata', coalesce(u.raw_user_meta_data, '{}'::jsonb),
    'role', coalesce(u.role, 'authenticated'), 'aal', coalesce(s.aal, 'aal1'),
    'amr', json_build_array(json_build_object('method', 'password',
                                              'timestamp', extract(epoch from s.created_at)::bigint)),
    'session_id', s.id, 'is_anonymous', u.is_anonymous)::text,
    )sql";

const std::string kIssue = std::string(kClaims) + std::string(kUserJson) +
                           "::text from auth.sessions s join auth.users u on u.id = s.user_id "
                           "where s.id = $1::uuid";

constexpr std::string_view kLockToken = R"sql(
  select rt.revoked, rt.session_id::text, s.id is not null,
         coalesce(s.not_after < now(), false), coalesce(u.banned_until > now(), false)
  from auth.refresh_tokens rt
  join auth.users u on u.id = rt.user_id::uuid  -- varchar(255) on Supabase
  left join auth.sessions s on s.id = rt.session_id
  where rt.token = encode(sha256(convert_to($1, 'UTF8')), 'hex')
  for update of rt)sql";

constexpr std::string_view kRotate = R"sql(
  with old as (update auth.refresh_tokens set revoked = true, updated_at = now()
               where token = encode(sha256(convert_to($1, 'UTF8')), 'hex')
               returning token, user_id, session_id),
       touched as (update auth.sessions
                      set updated_at = now(), refreshed_at = now() at time zone 'utc'
                    where id = (select session_id from old))
  insert into auth.refresh_tokens (token, user_id, session_id, parent, revoked, created_at,
                                   updated_at)
  select encode(sha256(convert_to($2, 'UTF8')), 'hex'), user_id, session_id, token, false, now(),
         now()
    from old)sql";

// GoTrue: crypto.GenerateTokenHash(email, otp) = hex(sha224(email + otp)).
// The hash covers the address as stored, which is what a later verify recomputes it from.
constexpr std::string_view kStoreRecovery = R"sql(
  update auth.users
     set recovery_token = encode(sha224(convert_to(email || $2, 'UTF8')), 'hex'),
         recovery_sent_at = now(), updated_at = now()
   where lower(email) = lower($1) and deleted_at is null
  returning email, recovery_token)sql";

constexpr std::string_view kConsumeRecovery = R"sql(
  update auth.users
     set recovery_token = '', email_confirmed_at = coalesce(email_confirmed_at, now()),
         updated_at = now()
   where recovery_token = $1 and recovery_token <> ''
     and recovery_sent_at > now() - make_interval(secs => $2::int)
     and deleted_at is null and coalesce(banned_until <= now(), true)
  returning id::text)sql";

constexpr std::string_view kDeleteSession = "delete from auth.sessions where id = $1::uuid";

}  // namespace

std::string NewRefreshToken() {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  while (out.size() < 24) {
    unsigned char buf[32];
    if (RAND_bytes(buf, sizeof buf) != 1) throw std::runtime_error("no randomness");
    for (unsigned char b : buf) {
      if (b < 248 && out.size() < 24) out += kAlphabet[b % 62];  // 248 = 4*62: unbiased
    }
  }
  return out;
}

SessionStore::SessionStore(db::Pool& pool, TokenSettings settings)
    : pool_(pool), settings_(std::move(settings)) {}

std::optional<std::string> SessionStore::CreateUser(const std::string& email,
                                                    const std::string& hash,
                                                    const std::string& user_metadata_json) {
  auto conn = pool_.acquire();
  auto rows = conn->exec(kInsertUser, {email, hash, user_metadata_json});
  if (rows.empty()) return std::nullopt;
  return std::string(rows.get(0, 0));
}

std::optional<LoginCandidate> SessionStore::FindByEmail(const std::string& email) {
  auto conn = pool_.acquire();
  auto rows = conn->exec(kFindByEmail, {email});
  if (rows.empty()) return std::nullopt;
  return LoginCandidate{std::string(rows.get(0, 0)), std::string(rows.get(0, 1)),
                        rows.get_bool(0, 2), rows.get_bool(0, 3)};
}

IssuedSession SessionStore::Issue(db::Transaction& tx, const std::string& session_id,
                                  const std::string& refresh_token) {
  const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  const long long exp = now + settings_.ttl.count();
  auto rows =
      tx.exec(kIssue, {session_id, settings_.issuer, std::to_string(exp), std::to_string(now)});
  if (rows.empty()) throw std::runtime_error("session vanished while issuing its token");
  // Re-serialised compactly: json_build_object pads with spaces, and this travels on every
  // request.
  std::string access =
      SignHs256(boost::json::serialize(boost::json::parse(rows.get(0, 0))), settings_.secret);
  IssuedSession out;
  out.json = R"({"access_token":")" + access + R"(","token_type":"bearer","expires_in":)" +
             std::to_string(settings_.ttl.count()) + R"(,"expires_at":)" + std::to_string(exp) +
             R"(,"refresh_token":")" + refresh_token + R"(","user":)" +
             std::string(rows.get(0, 1)) + "}";
  return out;
}

IssuedSession SessionStore::StartSession(const std::string& user_id, const std::string& ip,
                                         const std::string& user_agent) {
  const std::string refresh = NewRefreshToken();
  auto conn = pool_.acquire();
  db::Transaction tx(*conn);
  auto rows = tx.exec(kStartSession, {user_id, refresh, user_agent.substr(0, 512), ip});
  if (rows.empty()) throw std::runtime_error("user vanished while signing in");
  IssuedSession out = Issue(tx, std::string(rows.get(0, 0)), refresh);
  tx.commit();
  return out;
}

std::variant<IssuedSession, RefreshFailure> SessionStore::Refresh(
    const std::string& refresh_token) {
  auto conn = pool_.acquire();
  db::Transaction tx(*conn);
  // Locks the presented token: a concurrent refresh with the same token waits, then finds it
  // revoked, which is exactly a reuse.
  auto rows = tx.exec(kLockToken, {refresh_token});
  if (rows.empty())
    return RefreshFailure{"refresh_token_not_found",
                          "Invalid Refresh Token: Refresh Token Not Found"};
  const bool revoked = rows.get_bool(0, 0);
  const std::string session_id(rows.get(0, 1));
  if (rows.get_bool(0, 4))
    return RefreshFailure{"user_banned", "Invalid Refresh Token: User Banned"};
  if (rows.is_null(0, 1) || !rows.get_bool(0, 2))
    return RefreshFailure{"session_not_found", "Invalid Refresh Token: No Valid Session Found"};
  if (rows.get_bool(0, 3))
    return RefreshFailure{"session_expired", "Invalid Refresh Token: Session Expired"};
  if (revoked) {
    tx.exec(kDeleteSession, {session_id});
    tx.commit();
    return RefreshFailure{"refresh_token_already_used", "Invalid Refresh Token: Already Used"};
  }
  const std::string next = NewRefreshToken();
  tx.exec(kRotate, {refresh_token, next});
  IssuedSession out = Issue(tx, session_id, next);
  tx.commit();
  return out;
}

std::optional<StoredRecovery> SessionStore::StoreRecovery(const std::string& email,
                                                          const std::string& otp) {
  auto conn = pool_.acquire();
  auto rows = conn->exec(kStoreRecovery, {email, otp});
  if (rows.empty()) return std::nullopt;
  return StoredRecovery{std::string(rows.get(0, 0)), std::string(rows.get(0, 1))};
}

std::string SessionStore::RecoveryTokenHash(const std::string& email, const std::string& otp) {
  auto conn = pool_.acquire();
  auto rows = conn->exec(
      "select encode(sha224(convert_to(coalesce((select email from auth.users where lower(email) "
      "= lower($1) and deleted_at is null), $1) || $2, 'UTF8')), 'hex')",
      {email, otp});
  return std::string(rows.get(0, 0));
}

std::optional<std::string> SessionStore::ConsumeRecovery(const std::string& token_hash,
                                                         std::chrono::seconds max_age) {
  auto conn = pool_.acquire();
  auto rows = conn->exec(kConsumeRecovery, {token_hash, std::to_string(max_age.count())});
  if (rows.empty()) return std::nullopt;
  return std::string(rows.get(0, 0));
}

std::optional<std::string> SessionStore::PasswordHash(const std::string& user_id) {
  auto conn = pool_.acquire();
  auto rows = conn->exec(
      "select coalesce(encrypted_password, '') from auth.users where id = $1::uuid", {user_id});
  if (rows.empty()) return std::nullopt;
  return std::string(rows.get(0, 0));
}

void SessionStore::SetPassword(const std::string& user_id, const std::string& hash) {
  auto conn = pool_.acquire();
  conn->exec(
      "update auth.users set encrypted_password = $2, updated_at = now() where id = $1::uuid",
      {user_id, hash});
}

void SessionStore::MergeUserMetadata(const std::string& user_id, const std::string& json_object) {
  auto conn = pool_.acquire();
  conn->exec(
      "update auth.users set raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || "
      "$2::jsonb, updated_at = now() where id = $1::uuid",
      {user_id, json_object});
}

std::optional<std::string> SessionStore::UserJson(const std::string& user_id) {
  auto conn = pool_.acquire();
  auto rows = conn->exec(kSelectUser, {user_id});
  if (rows.empty()) return std::nullopt;
  return std::string(rows.get(0, 0));
}

bool SessionStore::SessionExists(const std::string& session_id) {
  auto conn = pool_.acquire();
  return !conn->exec("select 1 from auth.sessions where id = $1::uuid", {session_id}).empty();
}

void SessionStore::EndSessions(const std::string& user_id, const std::string& session_id,
                               const std::string& scope) {
  auto conn = pool_.acquire();
  if (scope == "local") {
    conn->exec(kDeleteSession, {session_id});
  } else if (scope == "others") {
    conn->exec("delete from auth.sessions where user_id = $1::uuid and id <> $2::uuid",
               {user_id, session_id});
  } else {
    conn->exec("delete from auth.sessions where user_id = $1::uuid", {user_id});
  }
}

}  // namespace converza::auth
