#include "auth/api_keys.h"

#include <gtest/gtest.h>

#include "auth/jwt.h"
#include "common/base64.h"

namespace converza::auth {
namespace {

constexpr const char* kSecret = "super-secret-jwt-token-with-at-least-32-characters-long";

TEST(ApiKeysTest, AreAPureFunctionOfTheSecret) {
  EXPECT_EQ(AnonKey(kSecret), AnonKey(kSecret));
  EXPECT_NE(AnonKey(kSecret), AnonKey("another-secret-with-at-least-32-characters"));
  auto payload = VerifyHs256(AnonKey(kSecret), kSecret);
  ASSERT_TRUE(payload.ok());
  EXPECT_EQ(*payload, R"({"iss":"converza","role":"anon","iat":0,"exp":4102444800})");
  EXPECT_TRUE(IsValidApiKey(AnonKey(kSecret), kSecret));
  EXPECT_TRUE(IsValidApiKey(ServiceRoleKey(kSecret), kSecret));
}

TEST(ApiKeysTest, AcceptsSupabasesLegacyKeysForTheSameSecretOnly) {
  // The Supabase CLI's published local anon key
  // (docs/architecture.md#supabase-jwt-claims-and-api-keys).
  const char* supabase_anon =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
      "eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9."
      "CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0";
  EXPECT_TRUE(IsValidApiKey(supabase_anon, kSecret));
  EXPECT_FALSE(IsValidApiKey(supabase_anon, "another-secret-with-at-least-32-characters"));
  // A user's access token is not an API key, nor is garbage.
  EXPECT_FALSE(IsValidApiKey(
      SignHs256(R"({"sub":"u","role":"authenticated","exp":4102444800})", kSecret), kSecret));
  EXPECT_FALSE(IsValidApiKey("sb_publishable_abc", kSecret));
  EXPECT_FALSE(IsValidApiKey("", kSecret));
}

}  // namespace
}  // namespace converza::auth
