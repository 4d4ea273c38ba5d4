#include "auth/jwt.h"

#include <gtest/gtest.h>

#include "common/base64.h"

namespace converza::auth {
namespace {

// Supabase CLI local-development secret and keys, widely published and verified HS256
// (docs/architecture.md#supabase-jwt-claims-and-api-keys).
constexpr const char* kSecret = "super-secret-jwt-token-with-at-least-32-characters-long";
constexpr const char* kAnonKey =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9."
    "CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0";
constexpr const char* kServiceKey =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0."
    "EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU";
// A user access token in GoTrue's shape (same secret), from the same reference.
constexpr const char* kUserToken =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjU0MzIxL2F1dGgvdjEiLCJzdWIiOiIxMTExMTExMS0xMTExLTExMTEtMTExMS"
    "0xMTExMTExMTExMTEiLCJhdWQiOiJhdXRoZW50aWNhdGVkIiwiZXhwIjoxOTgzODEyOTk2LCJpYXQiOjE3MDAwMDAwMDAs"
    "ImVtYWlsIjoib3duZXJAZXhhbXBsZS5jb20iLCJwaG9uZSI6IiIsImFwcF9tZXRhZGF0YSI6eyJwcm92aWRlciI6ImVtYW"
    "lsIiwicHJvdmlkZXJzIjpbImVtYWlsIl19LCJ1c2VyX21ldGFkYXRhIjp7fSwicm9sZSI6ImF1dGhlbnRpY2F0ZWQiLCJh"
    "YWwiOiJhYWwxIiwiYW1yIjpbeyJtZXRob2QiOiJwYXNzd29yZCIsInRpbWVzdGFtcCI6MTcwMDAwMDAwMH1dLCJzZXNzaW"
    "9uX2lkIjoiMjIyMjIyMjItMjIyMi0yMjIyLTIyMjItMjIyMjIyMjIyMjIyIiwiaXNfYW5vbnltb3VzIjpmYWxzZX0."
    "vFmP4u8XDOT9YLbmYKkEbe-KlUbrL4Yjacm9frbsfas";

VerifyOptions At(long long unix_seconds, std::string_view audience = "") {
  VerifyOptions o;
  o.now = std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds));
  o.audience = audience;
  return o;
}

TEST(JwtTest, AcceptsSupabasesPublishedKeysAndUserToken) {
  auto anon = VerifyHs256(kAnonKey, kSecret, At(1764000000));
  ASSERT_TRUE(anon.ok()) << anon.status().message();
  EXPECT_EQ(*anon, R"({"iss":"supabase-demo","role":"anon","exp":1983812996})");
  EXPECT_TRUE(VerifyHs256(kServiceKey, kSecret, At(1764000000)).ok());
  auto user = VerifyHs256(kUserToken, kSecret, At(1764000000, "authenticated"));
  ASSERT_TRUE(user.ok()) << user.status().message();
  EXPECT_NE(user->find(R"("sub":"11111111-1111-1111-1111-111111111111")"), std::string::npos);
}

TEST(JwtTest, SignedTokensVerifyAndMatchTheReferenceBytes) {
  // Signing the reference payload reproduces the reference token byte for byte.
  auto payload = Base64UrlDecode(std::string_view(kAnonKey).substr(37, 72));
  ASSERT_TRUE(payload.ok());
  EXPECT_EQ(SignHs256(*payload, kSecret), kAnonKey);
  std::string t =
      SignHs256(R"({"sub":"u1","aud":["x","authenticated"],"exp":2000000000})", kSecret);
  EXPECT_TRUE(VerifyHs256(t, kSecret, At(1764000000, "authenticated")).ok());
}

TEST(JwtTest, RejectsTamperingWrongSecretAndAlgNone) {
  std::string tampered = kAnonKey;
  tampered[40] = tampered[40] == 'a' ? 'b' : 'a';  // a payload byte
  EXPECT_EQ(VerifyHs256(tampered, kSecret, At(1764000000)).status().code(),
            Status::Code::kPermissionDenied);
  EXPECT_FALSE(
      VerifyHs256(kAnonKey, "another-secret-of-at-least-32-characters", At(1764000000)).ok());
  // {"alg":"none"} with the anon payload and an empty signature.
  std::string none = Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." +
                     std::string(std::string_view(kAnonKey).substr(37, 72)) + ".";
  auto r = VerifyHs256(none, kSecret, At(1764000000));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("algorithm"), std::string::npos);
  // HS512 header, even with a "valid-looking" signature, is refused.
  std::string hs512 = Base64UrlEncode(R"({"alg":"HS512","typ":"JWT"})") +
                      std::string(std::string_view(kAnonKey).substr(36));
  EXPECT_FALSE(VerifyHs256(hs512, kSecret, At(1764000000)).ok());
  EXPECT_FALSE(VerifyHs256("not.a.jwt.at.all", kSecret).ok());
  EXPECT_FALSE(VerifyHs256("onlyonepart", kSecret).ok());
}

TEST(JwtTest, ExpiryNotBeforeAndAudience) {
  std::string t =
      SignHs256(R"({"sub":"u","aud":"authenticated","exp":1000,"nbf":500,"iat":500})", kSecret);
  EXPECT_TRUE(VerifyHs256(t, kSecret, At(1020)).ok());  // within 30 s of leeway
  auto expired = VerifyHs256(t, kSecret, At(1031));
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.status().message(), "JWT expired");
  EXPECT_FALSE(VerifyHs256(t, kSecret, At(400)).ok());  // before nbf
  EXPECT_FALSE(VerifyHs256(t, kSecret, At(900, "service")).ok());
  EXPECT_TRUE(VerifyHs256(t, kSecret, At(900, "authenticated")).ok());
  EXPECT_FALSE(VerifyHs256(SignHs256(R"({"sub":"u"})", kSecret), kSecret).ok());  // no exp
}

}  // namespace
}  // namespace converza::auth
