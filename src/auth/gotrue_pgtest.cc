// The GoTrue-compatible endpoints of a real `converza serve` against the test cluster: every
// success and error shape supabase-js relies on, rotation and reuse detection, throttling,
// the apikey gateway, CORS and the request rate limits.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <ctime>
#include <filesystem>
#include <thread>
#include <vector>

#include "auth/api_keys.h"
#include "auth/jwt.h"
#include "auth/token_verifier.h"
#include "common/base64.h"
#include "db/connection.h"
#include "http/router.h"
#include "http_client.h"
#include "local_server.h"
#include "stream_client.h"
#include "test_cluster.h"

namespace converza {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::ConverzaProcess;
using testing::HttpReply;

constexpr const char* kSecret = "gotrue-pgtest-secret-0123456789abcdefghijkl";
constexpr const char* kVersion = "X-Supabase-Api-Version: 2024-01-01\r\n";

json::object Body(const HttpReply& r) {
  boost::system::error_code ec;
  auto v = json::parse(r.body, ec);
  EXPECT_FALSE(ec) << r.body;
  return v.is_object() ? v.as_object() : json::object{};
}

std::string Str(const json::object& o, std::string_view k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

class GoTrueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("gotrue-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    port_ = testing::FreePort();
    anon_ = "apikey: " + auth::AnonKey(kSecret) + "\r\n";
    sql_ = std::make_unique<db::Connection>(db_.conninfo());
  }
  void TearDown() override {
    serve_.reset();
    fs::remove_all(dir_);
  }
  std::map<std::string, std::string> Env(std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> env = {{"DATABASE_URL", db_.conninfo()},
                                              {"CONVERZA_DATA_DIR", dir_.string()},
                                              {"PORT", std::to_string(port_)},
                                              {"JWT_SECRET", kSecret},
                                              {"LOG_LEVEL", "warn"}};
    for (auto& [k, v] : extra) env[k] = v;
    return env;
  }
  void Start(std::map<std::string, std::string> extra = {}) {
    serve_ = std::make_unique<ConverzaProcess>("serve", Env(std::move(extra)));
    ASSERT_TRUE(serve_->StartServer(port_)) << serve_->log();
  }
  HttpReply Post(const std::string& target, const std::string& body, const std::string& headers) {
    return testing::Post(port_, target, body, "application/json;charset=UTF-8", headers);
  }
  HttpReply SignUp(const std::string& email, const std::string& password,
                   const std::string& headers = kVersion) {
    return Post("/auth/v1/signup",
                R"({"email":")" + email + R"(","password":")" + password + R"(","data":{}})",
                anon_ + headers);
  }
  HttpReply SignIn(const std::string& email, const std::string& password,
                   const std::string& headers = kVersion) {
    return Post("/auth/v1/token?grant_type=password",
                R"({"email":")" + email + R"(","password":")" + password + R"("})",
                anon_ + headers);
  }
  HttpReply Refresh(const std::string& token) {
    return Post("/auth/v1/token?grant_type=refresh_token",
                R"({"refresh_token":")" + token + R"("})", anon_ + kVersion);
  }
  HttpReply GetUser(const std::string& access) {
    return testing::Get(port_, "/auth/v1/user",
                        anon_ + kVersion + "Authorization: Bearer " + access + "\r\n");
  }
  static json::object Claims(const std::string& access) {
    auto payload = auth::VerifyHs256(access, kSecret);
    EXPECT_TRUE(payload.ok()) << payload.status().message();
    return payload.ok() ? json::parse(*payload).as_object() : json::object{};
  }

  testing::TestDatabase db_;
  fs::path dir_;
  int port_ = 0;
  std::string anon_;
  std::unique_ptr<db::Connection> sql_;
  std::unique_ptr<ConverzaProcess> serve_;
};

TEST_F(GoTrueTest, ApiKeyGatewayJwksAndConfig) {
  Start({{"PUBLIC_URL", "https://calls.example.com"}});
  auto missing = testing::Post(port_, "/auth/v1/signup", "{}", "application/json", kVersion);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.body, R"({"message":"No API key found in request"})");
  auto wrong = Post("/auth/v1/token?grant_type=password", "{}",
                    "apikey: " + auth::AnonKey("some-other-secret-0123456789abcdef") + "\r\n");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.body, R"({"message":"Invalid API key"})");
  // The key may also come as a query parameter, as Supabase's gateway accepts.
  auto query_key =
      testing::Post(port_, "/auth/v1/token?grant_type=nope&apikey=" + auth::AnonKey(kSecret), "{}",
                    "application/json", "");
  EXPECT_EQ(query_key.status, 400);
  EXPECT_EQ(query_key.headers["x-sb-error-code"], "invalid_credentials");

  auto jwks = testing::Get(port_, "/auth/v1/.well-known/jwks.json");
  EXPECT_EQ(jwks.status, 200);
  EXPECT_EQ(jwks.body, R"({"keys":[]})");
  auto config = testing::Get(port_, "/api/v1/config");
  EXPECT_EQ(config.status, 200);
  auto c = Body(config);
  EXPECT_EQ(Str(c, "supabase_url"), "https://calls.example.com");
  EXPECT_EQ(Str(c, "anon_key"), auth::AnonKey(kSecret));
  // `converza keys` prints the same key.
  ConverzaProcess keys("keys", Env({{"PUBLIC_URL", "https://calls.example.com"}}));
  ASSERT_EQ(keys.Wait(), 0);
  EXPECT_NE(keys.log().find("ANON_KEY=" + auth::AnonKey(kSecret)), std::string::npos);
  EXPECT_EQ(keys.log().find("SERVICE_ROLE_KEY"), std::string::npos);
}

// With a Supabase project configured, the dashboard is sent to that project's Auth, and serve
// loads the project's signing keys from its JWKS (at start, then as keys rotate).
TEST_F(GoTrueTest, ASupabaseProjectsAuthCanBeUsedInstead) {
  std::atomic<int> jwks_fetches{0};
  http::Router project;
  project.Get("/auth/v1/.well-known/jwks.json", [&](http::Request&) {
    ++jwks_fetches;
    return http::Response::Json(200, R"({"keys":[]})");
  });
  testing::LocalServer supabase(project);
  Start({{"SUPABASE_URL", supabase.base_url() + "/"},
         {"SUPABASE_ANON_KEY", "sb_publishable_test_0123456789"}});
  auto c = Body(testing::Get(port_, "/api/v1/config"));
  EXPECT_EQ(Str(c, "supabase_url"), supabase.base_url());
  EXPECT_EQ(Str(c, "anon_key"), "sb_publishable_test_0123456789");
  EXPECT_EQ(jwks_fetches, 1);
  // Half a configuration is refused at start.
  ConverzaProcess half("serve", Env({{"SUPABASE_URL", supabase.base_url()}}));
  EXPECT_NE(half.Wait(10000), 0);
  EXPECT_NE(half.log().find("SUPABASE_ANON_KEY"), std::string::npos) << half.log();
}

TEST_F(GoTrueTest, SignUpSignInRefreshRotationUserAndLogout) {
  Start({{"PUBLIC_URL", "http://127.0.0.1:9999"}});
  auto signup = SignUp("New.Manager@Example.com", "s3cret-passw0rd");
  ASSERT_EQ(signup.status, 200) << signup.body;
  EXPECT_EQ(signup.headers["cache-control"], "no-store");
  auto s = Body(signup);
  EXPECT_EQ(Str(s, "token_type"), "bearer");
  EXPECT_EQ(s["expires_in"].as_int64(), 3600);
  EXPECT_GT(s["expires_at"].as_int64(), 1700000000);
  const std::string refresh1 = Str(s, "refresh_token");
  EXPECT_EQ(refresh1.size(), 24u);
  const auto& user = s["user"].as_object();
  EXPECT_EQ(Str(user, "email"), "new.manager@example.com");
  EXPECT_EQ(Str(user, "aud"), "authenticated");
  EXPECT_EQ(json::serialize(user.at("app_metadata")),
            R"({"provider":"email","providers":["email"]})");
  EXPECT_FALSE(user.at("email_confirmed_at").is_null());  // autoconfirm
  const std::string user_id = Str(user, "id");

  auto claims = Claims(Str(s, "access_token"));
  EXPECT_EQ(Str(claims, "iss"), "http://127.0.0.1:9999/auth/v1");
  EXPECT_EQ(Str(claims, "sub"), user_id);
  EXPECT_EQ(Str(claims, "aud"), "authenticated");
  EXPECT_EQ(Str(claims, "role"), "authenticated");
  EXPECT_EQ(Str(claims, "email"), "new.manager@example.com");
  EXPECT_EQ(Str(claims, "phone"), "");
  EXPECT_EQ(Str(claims, "aal"), "aal1");
  EXPECT_EQ(claims["exp"].as_int64() - claims["iat"].as_int64(), 3600);
  EXPECT_EQ(Str(claims["amr"].as_array()[0].as_object(), "method"), "password");
  EXPECT_FALSE(claims["is_anonymous"].as_bool());
  const std::string session1 = Str(claims, "session_id");
  // The token the verifier of /api/v1 accepts.
  auto who = auth::TokenVerifier(kSecret).Verify(Str(s, "access_token"));
  ASSERT_TRUE(who.ok()) << who.status().message();
  EXPECT_EQ(who->user_id, user_id);

  // Stored as GoTrue stores it: bcrypt cost 10; refresh tokens only as digests.
  auto row = sql_->exec("select encrypted_password from auth.users where id = $1", {user_id});
  EXPECT_EQ(std::string(row.get(0, 0)).substr(0, 7), "$2b$10$");
  EXPECT_TRUE(sql_->exec("select 1 from auth.refresh_tokens where token = $1", {refresh1}).empty());

  // Same email in another case: taken.
  auto again = SignUp("new.manager@EXAMPLE.com", "another-passw0rd");
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.body, R"({"code":"user_already_exists","message":"User already registered"})");
  EXPECT_EQ(again.headers["x-supabase-api-version"], "2024-01-01");

  // Sign in: a second session.
  auto signin = SignIn("NEW.manager@example.com", "s3cret-passw0rd");
  ASSERT_EQ(signin.status, 200) << signin.body;
  auto si = Body(signin);
  const std::string access2 = Str(si, "access_token");
  EXPECT_NE(Str(Claims(access2), "session_id"), session1);

  // Refresh rotates and picks up app_metadata written since (an organisation was created).
  sql_->exec(
      "update auth.users set raw_app_meta_data = raw_app_meta_data || "
      "'{\"tenant_id\":\"de30de30-0000-4000-8000-000000000001\"}' where id = $1",
      {user_id});
  auto r1 = Refresh(refresh1);
  ASSERT_EQ(r1.status, 200) << r1.body;
  auto rb = Body(r1);
  const std::string refresh2 = Str(rb, "refresh_token");
  EXPECT_NE(refresh2, refresh1);
  auto rc = Claims(Str(rb, "access_token"));
  EXPECT_EQ(Str(rc["app_metadata"].as_object(), "tenant_id"),
            "de30de30-0000-4000-8000-000000000001");
  EXPECT_EQ(Str(rc, "session_id"), session1);
  auto parents = sql_->exec(
      "select count(*) from auth.refresh_tokens where session_id = $1 and parent is not null",
      {session1});
  EXPECT_EQ(parents.get(0, 0), "1");

  // GET /user with the refreshed token.
  auto me = GetUser(Str(rb, "access_token"));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(Str(Body(me), "id"), user_id);

  // Reusing the rotated token: refused, and the whole session is revoked.
  auto reuse = Refresh(refresh1);
  EXPECT_EQ(reuse.status, 400);
  EXPECT_EQ(
      reuse.body,
      R"({"code":"refresh_token_already_used","message":"Invalid Refresh Token: Already Used"})");
  auto gone = GetUser(Str(rb, "access_token"));
  EXPECT_EQ(gone.status, 403);
  EXPECT_EQ(Str(Body(gone), "code"), "session_not_found");
  EXPECT_EQ(Refresh(refresh2).status, 400);
  EXPECT_EQ(Str(Body(Refresh(refresh2)), "code"), "refresh_token_not_found");
  // ...but the other session is untouched.
  EXPECT_EQ(GetUser(access2).status, 200);

  // Logout: scope checked, local ends only this session, 204.
  auto bad_scope = Post("/auth/v1/logout?scope=everything", "",
                        anon_ + kVersion + "Authorization: Bearer " + access2 + "\r\n");
  EXPECT_EQ(bad_scope.status, 400);
  auto out = Post("/auth/v1/logout?scope=local", "",
                  anon_ + kVersion + "Authorization: Bearer " + access2 + "\r\n");
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(GetUser(access2).status, 403);
  EXPECT_EQ(Refresh(Str(si, "refresh_token")).status, 400);
}

TEST_F(GoTrueTest, ErrorShapesFollowTheApiVersionHeader) {
  Start();
  ASSERT_EQ(SignUp("someone@example.com", "good-password-1").status, 200);
  // supabase-js sends the version header: {"code","message"} and the header echoed.
  auto v = SignIn("someone@example.com", "wrong-password");
  EXPECT_EQ(v.status, 400);
  EXPECT_EQ(v.body, R"({"code":"invalid_credentials","message":"Invalid login credentials"})");
  EXPECT_EQ(v.headers["x-supabase-api-version"], "2024-01-01");
  // Without it (older clients, curl): the original shape and x-sb-error-code.
  auto legacy = SignIn("nobody@example.com", "whatever-pass", "");
  EXPECT_EQ(legacy.status, 400);
  EXPECT_EQ(legacy.body,
            R"({"code":400,"error_code":"invalid_credentials","msg":"Invalid login credentials"})");
  EXPECT_EQ(legacy.headers["x-sb-error-code"], "invalid_credentials");
  EXPECT_EQ(legacy.headers.count("x-supabase-api-version"), 0u);
  // A later date still means the 2024-01-01 shape; garbage means the original one.
  EXPECT_EQ(Str(Body(SignIn("a@b.co", "x", "X-Supabase-Api-Version: 2030-05-05\r\n")), "code"),
            "invalid_credentials");
  EXPECT_EQ(Str(Body(SignIn("a@b.co", "x", "X-Supabase-Api-Version: soon\r\n")), "msg"),
            "Invalid login credentials");

  auto weak = SignUp("weak@example.com", "short");
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(weak.body,
            R"({"code":"weak_password","message":"Password should be at least 8 characters.",)"
            R"("weak_password":{"reasons":["length"]}})");
  auto weak_legacy = SignUp("weak@example.com", "short", "");
  EXPECT_EQ(Body(weak_legacy)["code"].as_int64(), 422);
  EXPECT_EQ(Str(Body(weak_legacy), "error_code"), "weak_password");
  auto no_password = Post("/auth/v1/signup", R"({"email":"x@example.com"})", anon_ + kVersion);
  EXPECT_EQ(no_password.status, 400);
  EXPECT_EQ(no_password.body,
            R"({"code":"validation_failed","message":"Signup requires a valid password"})");
  auto bad_email = SignUp("not-an-email", "long-enough-password");
  EXPECT_EQ(bad_email.status, 400);
  EXPECT_EQ(Str(Body(bad_email), "code"), "validation_failed");
  auto bad_json = Post("/auth/v1/signup", "{nope", anon_ + kVersion);
  EXPECT_EQ(bad_json.status, 400);
  EXPECT_EQ(Str(Body(bad_json), "code"), "bad_json");
  auto grant = Post("/auth/v1/token?grant_type=magic", "{}", anon_ + kVersion);
  EXPECT_EQ(grant.status, 400);
  auto no_refresh = Post("/auth/v1/token?grant_type=refresh_token", "{}", anon_ + kVersion);
  EXPECT_EQ(no_refresh.status, 400);
  EXPECT_EQ(Str(Body(no_refresh), "code"), "validation_failed");
  EXPECT_EQ(Str(Body(Refresh("AAAAAAAAAAAAAAAAAAAAAAAA")), "code"), "refresh_token_not_found");
  // Nothing was created by the failed sign-ups.
  EXPECT_EQ(sql_->exec("select count(*) from auth.users").get(0, 0), "1");

  // GET /user: no bearer 401, forged or non-user tokens 403 bad_jwt.
  auto none = testing::Get(port_, "/auth/v1/user", anon_ + kVersion);
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(Str(Body(none), "code"), "no_authorization");
  EXPECT_EQ(Str(Body(GetUser("not.a.jwt")), "code"), "bad_jwt");
  EXPECT_EQ(GetUser(auth::AnonKey(kSecret)).status, 403);
  std::string forged = auth::SignHs256(
      R"({"sub":"11111111-1111-1111-1111-111111111111","role":"authenticated","aud":"authenticated","exp":4102444800})",
      "another-secret-entirely-0123456789abcdef");
  EXPECT_EQ(Str(Body(GetUser(forged)), "code"), "bad_jwt");
  std::string none_alg = Base64UrlEncode(R"({"alg":"none"})") + "." +
                         Base64UrlEncode(R"({"sub":"x","role":"authenticated","exp":4102444800})") +
                         ".";
  EXPECT_EQ(GetUser(none_alg).status, 403);
}

TEST_F(GoTrueTest, SeededAndPgcryptoHashesSignIn) {
  ConverzaProcess seed("seed", Env());
  ASSERT_EQ(seed.Wait(), 0) << seed.log();
  // An independent bcrypt implementation (pgcrypto), as Supabase's docs seed users.
  sql_->exec("create extension if not exists pgcrypto");
  sql_->exec(
      "insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, "
      "raw_app_meta_data) values (gen_random_uuid(), 'authenticated', 'authenticated', "
      "'pg@example.com', crypt('pgcrypto-pass', gen_salt('bf', 10)), now(), "
      "'{\"provider\":\"email\",\"providers\":[\"email\"]}')");
  sql_->exec(
      "insert into auth.users (id, aud, role, email, encrypted_password, raw_app_meta_data) "
      "values (gen_random_uuid(), 'authenticated', 'authenticated', 'unconfirmed@example.com', "
      "crypt('pgcrypto-pass', gen_salt('bf', 4)), '{}')");
  Start();
  auto admin = SignIn("admin@converza.test", "converza-demo");
  ASSERT_EQ(admin.status, 200) << admin.body;
  EXPECT_EQ(Str(Claims(Str(Body(admin), "access_token"))["app_metadata"].as_object(), "role"),
            "admin");
  auto manager = SignIn("manager@acme.test", "converza-demo");
  ASSERT_EQ(manager.status, 200) << manager.body;
  EXPECT_EQ(
      Str(Claims(Str(Body(manager), "access_token"))["app_metadata"].as_object(), "tenant_id"),
      "de30de30-0000-4000-8000-000000000001");
  EXPECT_EQ(SignIn("pg@example.com", "pgcrypto-pass").status, 200);
  EXPECT_EQ(SignIn("pg@example.com", "pgcrypto-Pass").status, 400);
  auto unconfirmed = SignIn("unconfirmed@example.com", "pgcrypto-pass");
  EXPECT_EQ(unconfirmed.status, 400);
  EXPECT_EQ(Str(Body(unconfirmed), "code"), "email_not_confirmed");
}

TEST_F(GoTrueTest, FailedSignInsAreThrottledPerAccount) {
  Start();
  ASSERT_EQ(SignUp("target@example.com", "the-real-password").status, 200);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(SignIn("target@example.com", "guess").status, 400);
  auto locked = SignIn("target@example.com", "the-real-password");
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.body,
            R"({"code":"over_request_rate_limit","message":"Request rate limit reached"})");
  EXPECT_GE(std::stoi(locked.headers["retry-after"]), 1);
  // Other accounts from the same address are still fine (the IP budget is 20).
  ASSERT_EQ(SignUp("other@example.com", "other-password").status, 200);
  EXPECT_EQ(SignIn("other@example.com", "other-password").status, 200);
}

// Guesses sent at once: each reserves its failure before bcrypt runs, so no more than the
// account's budget are checked however many race (24 in parallel once got 20 checks).
TEST_F(GoTrueTest, ParallelGuessesCannotOutrunTheThrottle) {
  Start();
  ASSERT_EQ(SignUp("raced@example.com", "the-real-password").status, 200);
  std::vector<std::thread> threads;
  std::atomic<int> checked{0}, refused{0};
  for (int i = 0; i < 24; ++i) {
    threads.emplace_back([&] {
      int status = SignIn("raced@example.com", "guess").status;
      (status == 400 ? checked : refused)++;
      EXPECT_TRUE(status == 400 || status == 429) << status;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(checked, 5);
  EXPECT_EQ(refused, 19);
}

// Behind a proxy every user shares its address: failed sign-ins from it at many accounts (a
// neighbour guessing) must not lock out a user whose account is not under attack. The address's
// budget is 2 here, so it refills one failure every 30 s: with the default 20 (one every 3 s) a
// slow sanitizer run could earn a failure back between the last guess and the victim's sign-in.
TEST_F(GoTrueTest, AThrottledAddressStillLetsAnUnattackedAccountIn) {
  Start({{"LOGIN_FAILURES_PER_IP", "2"}});
  ASSERT_EQ(SignUp("neighbour-victim@example.com", "the-real-password").status, 200);
  ASSERT_EQ(SignUp("bystander@example.com", "bystander-password").status, 200);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(SignIn("guess" + std::to_string(i) + "@example.com", "guess").status, 400) << i;
  }
  EXPECT_EQ(SignIn("bystander@example.com", "bystander-password").status, 200);
  // An account that is being guessed stays locked from the spent address.
  EXPECT_EQ(SignIn("neighbour-victim@example.com", "wrong").status, 400);
  EXPECT_EQ(SignIn("neighbour-victim@example.com", "the-real-password").status, 429);
}

// A NUL in a string was cut off by libpq ("a\u0000b" stored as "a") or, inside sign-up `data`
// (jsonb), ended in a 500. Both are refused up front with a 400 and nothing is written.
TEST_F(GoTrueTest, NulCharactersAreRefusedNotTruncated) {
  Start();
  auto bad_signup = Post("/auth/v1/signup",
                         R"({"email":"nul@example.com","password":"nul-password-1",)"
                         R"("data":{"name":"a\u0000b"}})",
                         anon_ + kVersion);
  EXPECT_EQ(bad_signup.status, 400) << bad_signup.body;
  EXPECT_EQ(
      sql_->exec("select count(*) from auth.users where email = 'nul@example.com'").get_int(0, 0),
      0);
  auto s = Body(SignUp("nul@example.com", "nul-password-1"));
  const std::string bearer = "Authorization: Bearer " + Str(s, "access_token") + "\r\n";
  auto org = Post("/api/v1/onboarding/organization", R"({"name":"Acme\u0000 Evil"})", bearer);
  EXPECT_EQ(org.status, 400) << org.body;
  EXPECT_NE(org.body.find("NUL"), std::string::npos) << org.body;
  EXPECT_EQ(sql_->exec("select count(*) from public.tenants where name like 'Acme%'").get_int(0, 0),
            0);
  auto query = testing::Get(port_, "/api/v1/calls?q=a%00b", bearer);
  EXPECT_EQ(query.status, 400);
  EXPECT_NE(query.body.find("NUL"), std::string::npos) << query.body;
  // An escaped backslash before "u0000" is ordinary text, not a NUL.
  auto fine = Post("/api/v1/onboarding/organization", R"({"name":"Back\\u0000slash"})", bearer);
  EXPECT_EQ(fine.status, 201) << fine.body;
}

// Signing out ends the session: its access tokens stop opening /api/v1 at once (not at `exp`),
// and an open live-update stream is told and closed at its next heartbeat.
TEST_F(GoTrueTest, SigningOutEndsApiAccessAndLiveStreams) {
  Start({{"SSE_HEARTBEAT_MS", "200"}});
  auto s = Body(SignUp("leaver@example.com", "leaver-password"));
  const auto bearer = [](const std::string& t) { return "Authorization: Bearer " + t + "\r\n"; };
  ASSERT_EQ(Post("/api/v1/onboarding/organization", R"({"name":"Leaver Co"})",
                 bearer(Str(s, "access_token")))
                .status,
            201);
  auto fresh = Body(Refresh(Str(s, "refresh_token")));  // now with the tenant in app_metadata
  const std::string token = Str(fresh, "access_token");
  ASSERT_EQ(testing::Get(port_, "/api/v1/me", bearer(token)).status, 200);
  testing::StreamClient stream(port_, "/api/v1/events?access_token=" + token);
  ASSERT_EQ(stream.status(), 200) << stream.body();
  ASSERT_TRUE(stream.WaitFor("retry: 3000", 5000));

  ASSERT_EQ(Post("/auth/v1/logout?scope=global", "", anon_ + kVersion + bearer(token)).status, 204);
  auto after = testing::Get(port_, "/api/v1/me", bearer(token));
  EXPECT_EQ(after.status, 401);
  EXPECT_NE(after.body.find("session has ended"), std::string::npos) << after.body;
  EXPECT_TRUE(stream.WaitFor("event: session.ended\n", 5000)) << stream.body();
  EXPECT_TRUE(stream.WaitForEnd(5000));
  // A token of the ended session cannot open a new stream either.
  EXPECT_EQ(testing::StreamClient(port_, "/api/v1/events?access_token=" + token).status(), 401);
}

// A stream lives no longer than the token that opened it.
TEST_F(GoTrueTest, ALiveStreamEndsWhenItsTokenExpires) {
  Start({{"SSE_HEARTBEAT_MS", "5000"}});
  auto s = Body(SignUp("brief@example.com", "brief-password"));
  const auto bearer = [](const std::string& t) { return "Authorization: Bearer " + t + "\r\n"; };
  auto org = Body(Post("/api/v1/onboarding/organization", R"({"name":"Brief Co"})",
                       bearer(Str(s, "access_token"))));
  const std::string tenant = Str(org.at("tenant").as_object(), "id");
  auto claims = Claims(Str(s, "access_token"));
  const long long now = std::time(nullptr);
  claims["exp"] = now + 2;
  claims["app_metadata"].as_object()["tenant_id"] = tenant;
  const std::string brief = auth::SignHs256(json::serialize(claims), kSecret);
  testing::StreamClient stream(port_, "/api/v1/events?access_token=" + brief);
  ASSERT_EQ(stream.status(), 200) << stream.body();
  EXPECT_TRUE(stream.WaitFor("event: session.expired\n", 6000)) << stream.body();
  EXPECT_TRUE(stream.WaitForEnd(2000));
  EXPECT_EQ(stream.body().find(": ping"), std::string::npos);  // ended before any heartbeat
}

TEST_F(GoTrueTest, CorsForTheDashboardOriginOnlyAndRateLimits) {
  Start({{"CORS_ORIGIN", "http://dash.test:3000"},
         {"RATE_LIMIT_IP_PER_MIN", "8"},
         {"RATE_LIMIT_TENANT_PER_MIN", "3"}});
  auto pre = testing::SendRaw(
      port_,
      "OPTIONS /auth/v1/token?grant_type=password HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
      "Origin: http://dash.test:3000\r\nAccess-Control-Request-Method: POST\r\n"
      "Access-Control-Request-Headers: apikey, authorization, content-type\r\n\r\n");
  EXPECT_EQ(pre.status, 204);
  EXPECT_NE(pre.headers["access-control-allow-headers"].find("apikey"), std::string::npos);
  EXPECT_NE(pre.headers["access-control-allow-methods"].find("POST"), std::string::npos);
  EXPECT_EQ(pre.headers["access-control-allow-origin"], "http://dash.test:3000");
  auto evil_pre =
      testing::SendRaw(port_,
                       "OPTIONS /api/v1/config HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                       "Origin: http://evil.test\r\nAccess-Control-Request-Method: GET\r\n\r\n");
  EXPECT_EQ(evil_pre.headers.count("access-control-allow-origin"), 0u);
  EXPECT_EQ(evil_pre.headers.count("access-control-allow-methods"), 0u);

  auto ok = testing::Get(port_, "/api/v1/config", "Origin: http://dash.test:3000\r\n");
  EXPECT_EQ(ok.headers["access-control-allow-origin"], "http://dash.test:3000");
  EXPECT_NE(ok.headers["access-control-expose-headers"].find("X-Supabase-Api-Version"),
            std::string::npos);
  auto evil = testing::Get(port_, "/api/v1/config", "Origin: http://evil.test\r\n");
  EXPECT_EQ(evil.status, 200);
  EXPECT_EQ(evil.headers.count("access-control-allow-origin"), 0u);

  // Per tenant: 3 a minute for this organisation's tokens (the IP budget of 8 is not spent).
  std::string token = auth::SignHs256(
      R"({"sub":"11111111-1111-1111-1111-111111111111","role":"authenticated","aud":"authenticated",)"
      R"("exp":4102444800,"app_metadata":{"tenant_id":"de30de30-0000-4000-8000-000000000001"}})",
      kSecret);
  for (int i = 0; i < 3; ++i)
    EXPECT_NE(testing::Get(port_, "/api/v1/me", "Authorization: Bearer " + token + "\r\n").status,
              429);
  auto tenant_limited =
      testing::Get(port_, "/api/v1/me", "Authorization: Bearer " + token + "\r\n");
  EXPECT_EQ(tenant_limited.status, 429);
  EXPECT_EQ(Str(Body(tenant_limited)["error"].as_object(), "code"), "rate_limited");
  EXPECT_GE(std::stoi(tenant_limited.headers["retry-after"]), 1);
  // Per IP: 8 requests in all (the preflights were free), then 429; health checks never.
  HttpReply last;
  for (int i = 0; i < 4; ++i) last = testing::Get(port_, "/api/v1/config");
  EXPECT_EQ(last.status, 429);
  EXPECT_EQ(testing::Get(port_, "/healthz").status, 200);
}

}  // namespace
}  // namespace converza
