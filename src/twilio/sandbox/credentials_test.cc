#include "twilio/sandbox/credentials.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace converza::twilio::sandbox {
namespace {

TEST(SandboxCredentials, DefaultsAreWrittenThenReadBack) {
  auto dir = std::filesystem::temp_directory_path() /
             ("converza_sandbox_creds_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  auto c = LoadOrCreateCredentials(dir.string());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->account_sid, kDefaultAccountSid);
  EXPECT_TRUE(std::filesystem::exists(dir / "credentials.json"));
  {
    std::ofstream(dir / "credentials.json")
        << R"({"account_sid":"AC11111111111111111111111111111111","auth_token":"t"})";
  }
  c = LoadOrCreateCredentials(dir.string());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->account_sid, "AC11111111111111111111111111111111");
  EXPECT_EQ(c->auth_token, "t");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace converza::twilio::sandbox
